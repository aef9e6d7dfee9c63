// The words the timeline webview fills in itself (extension host): translated here, handed to the
// page as JSON. {0} and {1} are filled in by the webview.
import * as vscode from 'vscode';

export function timelineStrings(): Record<string, string> {
  return {
    reading: vscode.l10n.t('Reading… {0} MB', '{0}'),
    readingOf: vscode.l10n.t('Reading… {0} of {1} MB', '{0}', '{1}'),
    summary: vscode.l10n.t('{0} of {1} connections', '{0}', '{1}'),
    segments: vscode.l10n.t('{0} TCP segments', '{0}'),
    stoppedEarly: vscode.l10n.t('Reading stopped early: {0}. The connections read before that point are shown.', '{0}'),
    noConnections: vscode.l10n.t('No TCP connection in this capture.'),
    noMatch: vscode.l10n.t('No connection matches the filter.'),
    pick: vscode.l10n.t('Pick a connection to see its exchange.'),
    pending: vscode.l10n.t('Reading the segments of this connection…'),
    joined: vscode.l10n.t('The capture joined this connection after the handshake: its first states are unknown.'),
    timeWait: vscode.l10n.t('TIME-WAIT ends after a timer, not with a segment: its end is not on the wire (Linux: 60 s).'),
    expand: vscode.l10n.t('Show all {0} data segments', '{0}'),
    fold: vscode.l10n.t('Fold the data segments'),
    notDrawn: vscode.l10n.t('{0} segments are not drawn (a diagram this long could not be laid out).', '{0}'),
    states: vscode.l10n.t('States of {0}: {1}', '{0}', '{1}'),
    legendArrows: vscode.l10n.t('Solid arrow: a segment · dashed: a marked segment · ending in ×: RST.'),
    unknown: vscode.l10n.t('unknown'),
    'ending.fin': vscode.l10n.t('FIN/FIN'),
    'ending.rst': vscode.l10n.t('RST'),
    'ending.refused': vscode.l10n.t('refused'),
    'ending.open': vscode.l10n.t('still open'),
    'ending.half-closed': vscode.l10n.t('half-closed'),
    'ending.no-answer': vscode.l10n.t('no answer'),
  };
}
