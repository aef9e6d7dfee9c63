// The timeline webview's page (extension host): the toolbar with the filter, the connection list
// and the pane of the picked connection. Only our own translated words are in this HTML; all that
// comes from a capture reaches the page later, as message data the webview writes as text.
import * as vscode from 'vscode';
import { escapeHtml, localizedHtml, webviewHtml } from './webview-html';

/** The list's columns: key (the webview sorts by it) and header. */
function columns(): readonly (readonly [string, string])[] {
  return [
    ['id', vscode.l10n.t('#')],
    ['a', vscode.l10n.t('Endpoint A')],
    ['b', vscode.l10n.t('Endpoint B')],
    ['start', vscode.l10n.t('Start')],
    ['duration', vscode.l10n.t('Duration')],
    ['segmentsA', vscode.l10n.t('Segments A→B')],
    ['segmentsB', vscode.l10n.t('Segments B→A')],
    ['bytesA', vscode.l10n.t('Bytes A→B')],
    ['bytesB', vscode.l10n.t('Bytes B→A')],
    ['opener', vscode.l10n.t('Opened by')],
    ['closer', vscode.l10n.t('Closed first by')],
    ['ending', vscode.l10n.t('Ending')],
  ];
}

export function timelinePage(webview: vscode.Webview, extensionUri: vscode.Uri, label: string, strings: Record<string, string>): Promise<string> {
  const t = (text: string): string => localizedHtml(text);
  const title = vscode.l10n.t('Capture timeline: {0}', label);
  const headers = columns()
    .map(([key, text]) => `<div role="columnheader" class="cell col-${key}" aria-sort="none"><button type="button" data-sort="${key}">${escapeHtml(text)}</button></div>`)
    .join('');
  return webviewHtml(webview, extensionUri, {
    title,
    script: 'timeline.js',
    style: 'timeline.css',
    data: { strings },
    body: `
<header class="toolbar">
  <h1>${escapeHtml(title)}</h1>
  <p class="legend">${t('States are inferred at the capture point, from the segments seen there: each endpoint may have been in its state a little earlier or later.')}</p>
</header>
<p id="status" role="status" aria-live="polite">${t('Reading…')}</p>
<p id="error" role="alert" hidden></p>
<p id="skipped" role="note" hidden></p>
<div class="filters" role="search">
  <input id="filter" type="search" placeholder="${t('Filter by port, address or state')}" aria-label="${t('Filter by port, address or state')}">
  <label><input id="only-rst" type="checkbox"> ${t('ended by RST')}</label>
  <label><input id="only-retrans" type="checkbox"> ${t('has retransmissions')}</label>
  <span id="count"></span>
</div>
<main>
  <div id="list" role="grid" aria-label="${t('TCP connections')}" aria-rowcount="0" tabindex="0">
    <div role="row" class="row header">${headers}</div>
    <div id="rows" role="rowgroup"><div id="sizer"></div></div>
  </div>
  <section id="detail" aria-label="${t('The picked connection')}">
    <p id="pick" class="hint"></p>
    <div id="picked" aria-live="polite">
      <h2 id="picked-title"></h2>
      <ul id="facts"></ul>
      <div class="actions" aria-live="off">
        <button id="show-on-diagram" type="button">${t('Show on the state diagram')}</button>
        <button id="expand" type="button" hidden></button>
      </div>
      <p id="sequence-status" class="hint"></p>
      <div id="sequence" role="group" aria-label="${t('Sequence of segments')}" aria-live="off"></div>
      <section id="marks" aria-label="${t('Legend')}" aria-live="off" hidden><h3>${t('Legend')}</h3><p id="arrows-legend"></p><dl id="mark-list"></dl></section>
    </div>
  </section>
</main>`,
  });
}
