// Runs inside the diagram webview (browser, no `vscode` API): renders the Mermaid source the
// extension embedded in the page, themes it from VS Code's CSS variables, makes the states
// focusable and clickable, and talks to the extension through the typed protocol.
import { parseHostMessage, type HostMessage, type WebviewMessage } from '../src/protocol';
import { RFC_STATES, type RfcState } from '../src/core/states';

interface MermaidApi {
  initialize(config: Record<string, unknown>): void;
  render(id: string, text: string): Promise<{ svg: string }>;
}
interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare const mermaid: MermaidApi;
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const post = (message: WebviewMessage): void => vscode.postMessage(message);
const container = document.getElementById('diagram') as HTMLElement;
const pane = document.getElementById('explanation') as HTMLElement;
const source = JSON.parse((document.getElementById('diagram-source') as HTMLElement).textContent ?? '""') as string;

interface SavedState {
  selected?: RfcState;
}
let saved: SavedState = (vscode.getState() as SavedState | undefined) ?? {};
let renderCount = 0;

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

/** Mermaid theme from the current VS Code theme (data-vscode-theme-kind, not the class list). */
function themeConfig(): Record<string, unknown> {
  const kind = document.body.dataset.vscodeThemeKind ?? 'vscode-light';
  const dark = kind === 'vscode-dark' || kind === 'vscode-high-contrast';
  const contrast = kind.startsWith('vscode-high-contrast');
  return {
    startOnLoad: false,
    securityLevel: 'strict',
    theme: 'base',
    flowchart: { htmlLabels: false, curve: 'basis', nodeSpacing: 40, rankSpacing: 55 },
    themeVariables: {
      darkMode: dark,
      background: cssVar('--vscode-editor-background', dark ? '#1e1e1e' : '#ffffff'),
      primaryColor: cssVar('--vscode-editorWidget-background', dark ? '#252526' : '#f3f3f3'),
      primaryTextColor: cssVar('--vscode-editor-foreground', dark ? '#d4d4d4' : '#1f1f1f'),
      primaryBorderColor: contrast ? cssVar('--vscode-contrastBorder', dark ? '#6fc3df' : '#0f4a85') : cssVar('--vscode-focusBorder', '#0078d4'),
      lineColor: cssVar('--vscode-editor-foreground', dark ? '#d4d4d4' : '#1f1f1f'),
      textColor: cssVar('--vscode-editor-foreground', dark ? '#d4d4d4' : '#1f1f1f'),
      edgeLabelBackground: cssVar('--vscode-editor-background', dark ? '#1e1e1e' : '#ffffff'),
      fontFamily: cssVar('--vscode-font-family', 'sans-serif'),
      fontSize: '13px',
    },
  };
}

/** The state a rendered Mermaid node stands for (its id is `…-SYN_SENT-…`). */
function stateOfNode(node: Element): RfcState | undefined {
  return RFC_STATES.find((state) => node.id.includes(`-${state.replace(/-/g, '_')}-`));
}

function nodeOf(state: RfcState): HTMLElement | undefined {
  return container.querySelector<HTMLElement>(`g.node[data-state="${state}"]`) ?? undefined;
}

function select(state: RfcState, notify: boolean): void {
  for (const node of container.querySelectorAll('g.node.tsl-selected')) node.classList.remove('tsl-selected');
  const node = nodeOf(state);
  node?.classList.add('tsl-selected');
  node?.scrollIntoView({ block: 'center', inline: 'center', behavior: 'auto' });
  saved = { ...saved, selected: state };
  vscode.setState(saved);
  if (notify) post({ type: 'selectState', state });
}

function decorate(): void {
  for (const node of container.querySelectorAll('g.node')) {
    const state = stateOfNode(node);
    if (!state) continue;
    const element = node as HTMLElement;
    element.dataset.state = state;
    element.setAttribute('tabindex', '0');
    element.setAttribute('role', 'button');
    element.setAttribute('aria-label', `${state}: show explanation`);
    element.addEventListener('click', () => select(state, true));
    element.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        select(state, true);
      }
    });
  }
}

async function render(): Promise<void> {
  const started = performance.now();
  try {
    mermaid.initialize(themeConfig());
    const { svg } = await mermaid.render(`tsl-diagram-${++renderCount}`, source);
    container.innerHTML = svg;
    decorate();
    const states = container.querySelectorAll('g.node[data-state]').length;
    const edges = container.querySelectorAll('.edgePaths path, path.flowchart-link').length;
    post({ type: 'rendered', states, edges, ms: Math.round(performance.now() - started) });
    if (saved.selected) select(saved.selected, false);
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
}

function onHostMessage(message: HostMessage): void {
  if (message.type === 'highlight') select(message.state, true);
  else {
    pane.hidden = false;
    (pane.querySelector('.title') as HTMLElement).textContent = message.state;
    // Plain text, never HTML: the pane shows exactly what the extension sent.
    (pane.querySelector('.body') as HTMLElement).textContent = message.text;
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = parseHostMessage(event.data);
  if (message) onHostMessage(message);
});

document.getElementById('export')?.addEventListener('click', () => {
  const svg = container.querySelector('svg');
  if (svg) post({ type: 'exportSvg', svg: svg.outerHTML });
});

// Re-render when the theme changes: VS Code updates the body's data attributes and classes.
new MutationObserver(() => void render()).observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-kind'] });

post({ type: 'ready' });
void render();
