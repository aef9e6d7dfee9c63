// Everything the extension contributes that package.json names too, written once: command ids,
// view types, context keys, the languages the hover serves and the `when` clause of the
// walkthrough's keys. package.json cannot import this, so a unit test (manifest.test.ts) checks
// it against this module. Plain constants: no `vscode` import, so that test can load it.

export const SECTION = 'tcpStateLens';

export const COMMANDS = {
  showDiagram: 'tcpStateLens.showDiagram',
  countStates: 'tcpStateLens.countStates',
  walkthroughStart: 'tcpStateLens.walkthrough.start',
  walkthroughNext: 'tcpStateLens.walkthrough.next',
  walkthroughBack: 'tcpStateLens.walkthrough.back',
  walkthroughRestart: 'tcpStateLens.walkthrough.restart',
  walkthroughTogglePlay: 'tcpStateLens.walkthrough.togglePlay',
  walkthroughPickScenario: 'tcpStateLens.walkthrough.pickScenario',
  connectionsRefresh: 'tcpStateLens.connections.refresh',
  connectionsShowOnDiagram: 'tcpStateLens.connections.showOnDiagram',
  showTextTimeline: 'tcpStateLens.showTextTimeline',
  explorerStart: 'tcpStateLens.explorer.start',
  /** Opens one of SAMPLES (the Getting Started walkthrough's buttons); no argument: a quick pick. */
  openSample: 'tcpStateLens.openSample',
} as const;

/** The walkthrough's step controls and the command each one is. */
export const STEP_COMMANDS = {
  next: COMMANDS.walkthroughNext,
  back: COMMANDS.walkthroughBack,
  restart: COMMANDS.walkthroughRestart,
  togglePlay: COMMANDS.walkthroughTogglePlay,
} as const;

/** The webview panels restored after a reload, each with its onWebviewPanel activation. */
export const VIEW_TYPES = {
  diagram: 'tcpStateLens.diagram',
  walkthrough: 'tcpStateLens.walkthrough',
  /** "TCP: Show Timeline of tcpdump Text": built again from its document (timeline-command.ts). */
  textTimeline: 'tcpStateLens.textTimeline',
  /** "TCP: Open Explorer": the session comes back from the history its webview saved. */
  explorer: 'tcpStateLens.explorer',
} as const;

/** The capture timeline's webviews: a custom editor activates the extension by itself. */
export const TIMELINE_VIEW_TYPES = {
  /** The read-only editor of .pcap / .pcapng / .cap files (package.json's contributes.customEditors). */
  captureEditor: 'tcpStateLens.captureTimeline',
  textPanel: VIEW_TYPES.textTimeline,
} as const;

/** Tree views (package.json's contributes.views). Not webview panels: those are VIEW_TYPES. */
export const VIEWS = {
  /** "TCP Connections" in the Explorer: the live census of this machine's sockets. */
  connections: 'tcpStateLens.connections',
} as const;

export const CONTEXT_KEYS = {
  /** True while the walkthrough panel is the active editor (its keybindings apply). */
  walkthroughFocus: 'tcpStateLens.walkthroughFocus',
  /** True while a walkthrough panel exists (the step commands are enabled). */
  walkthroughOpen: 'tcpStateLens.walkthroughOpen',
  /** True once the extension has found that this machine's sockets can be listed (a tool, a local workspace). */
  connectionsAvailable: 'tcpStateLens.connectionsAvailable',
  /** True once the extension has woken in the browser's web worker extension host (no sockets, no /proc). */
  webExtensionHost: 'tcpStateLens.webExtensionHost',
  /** True once our hover has answered on a state name in this window (a Getting Started step's completion). */
  hoverShown: 'tcpStateLens.hoverShown',
  /** True once a census has been shown on the diagram in this window (a Getting Started step's completion). */
  censusShown: 'tcpStateLens.censusShown',
  /** True once a capture's timeline has been read in this window (a Getting Started step's completion). */
  captureShown: 'tcpStateLens.captureShown',
} as const;

/** The Getting Started walkthrough (package.json's contributes.walkthroughs). */
export const WALKTHROUGH_ID = 'tcpStateLens.gettingStarted';

/**
 * The samples shipped in the VSIX, by the name the openSample command takes (a fixed allow-list:
 * the name comes from a command link), each with its path inside the extension.
 */
export const SAMPLES = {
  /** An ss -tan dump of a service that leaks sockets: a CLOSE-WAIT pile-up on port 8080. */
  dump: 'samples/ss-tan-close-wait.log',
  /** One connection on loopback recorded by tcpdump: three-way handshake, a request, four-way close. */
  capture: 'samples/handshake-teardown.pcap',
} as const;

/** What openSample can do after opening the dump: count its states. */
export const SAMPLE_ACTIONS = ['count'] as const;

/** The URI scheme of the read-only documents the dump opens as (it is not written back into the extension). */
export const SAMPLE_SCHEME = 'tcp-state-lens-sample';

/** The setting (under SECTION) that refreshes the connections view every so many seconds; 0 is off. */
export const CONNECTIONS_REFRESH_SETTING = 'connections.refreshSeconds';

/**
 * Where the connections view shows: not in a virtual workspace, and where a Node extension host
 * can be (the desktop, or a browser workbench with a remote): VS Code's own context keys, known
 * before the extension wakes. A context key of ours that must be set would hide the view until
 * activation, and the view showing is what activates the extension (VS Code's implicit onView
 * event), so it never would; one that hides it once set does not: the browser entry sets
 * webExtensionHost, for a workbench with a remote whose settings run the extension in the browser.
 */
export const CONNECTIONS_VIEW_WHEN = `!virtualWorkspace && !${CONTEXT_KEYS.webExtensionHost} && (!isWeb || remoteName)`;

/** The view's title-bar buttons belong to the view. */
export const CONNECTIONS_TITLE_WHEN = `view == ${VIEWS.connections}`;

/** In the command palette only where the extension found the sockets can be listed. */
export const CONNECTIONS_PALETTE_WHEN = CONTEXT_KEYS.connectionsAvailable;

/** The walkthrough's single-key bindings apply only while it has focus and no input or list does. */
export const WALKTHROUGH_KEYS_WHEN = `${CONTEXT_KEYS.walkthroughFocus} && !inputFocus && !listFocus && !sideBarFocus && !panelFocus && !terminalFocus`;

/** Where "TCP: Count States" is offered in the editor's title bar and context menu: socket dumps (logs and plain text). */
export const COUNT_STATES_WHEN = 'resourceLangId == log || resourceLangId == plaintext';

/** Where it is offered in the explorer's context menu: on a dump file (not a folder), open or not. */
export const COUNT_FILE_WHEN = `!explorerResourceIsFolder && (${COUNT_STATES_WHEN})`;

/** Where "TCP: Show Timeline of tcpdump Text" is offered: the same files as "Count States". */
export const TEXT_TIMELINE_WHEN = COUNT_STATES_WHEN;

/** The languages served when the user has not changed `tcpStateLens.hover.languages` (and the activation events). */
export const SERVED_LANGUAGES = [
  'log',
  'plaintext',
  'c',
  'cpp',
  'python',
  'go',
  'rust',
  'java',
  'csharp',
  'javascript',
  'typescript',
  'shellscript',
  'powershell',
] as const;
