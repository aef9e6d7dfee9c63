// Runs inside the timeline webview: the connection list, sorted and filtered, virtualized. A
// capture can hold tens of thousands of connections, so only the rows in view (and a few around
// them) exist in the DOM; the rest is a spacer of the right height. First paint costs the same for
// ten connections as for a hundred thousand.
import type { ConnectionRow } from '../src/shared/timeline-protocol';
import { cellText, COLUMN_KEYS, haystackOf, originOf, sortValue, startTitle, type ColumnKey, type Origin, type Strings } from './timeline-format';

/** Must match `--row-height` in timeline.css. */
const ROW_HEIGHT = 24;
/** Rows drawn above and below the visible ones, so a quick scroll shows no gap. */
const OVERSCAN = 10;

export interface Filter {
  readonly text: string;
  readonly onlyRst: boolean;
  readonly onlyRetransmissions: boolean;
}

export interface Sort {
  readonly key: ColumnKey;
  readonly descending: boolean;
}

export class ConnectionList {
  private rows: readonly ConnectionRow[] = [];
  private haystacks = new Map<number, string>();
  private origin: Origin = { startNs: undefined };
  /** The rows shown, in order: filtered and sorted. */
  view: readonly ConnectionRow[] = [];
  selected: number | undefined;
  sort: Sort = { key: 'id', descending: false };
  private filter: Filter = { text: '', onlyRst: false, onlyRetransmissions: false };

  constructor(
    private readonly grid: HTMLElement,
    private readonly scroller: HTMLElement,
    private readonly sizer: HTMLElement,
    private readonly strings: Strings,
    private readonly onPick: (row: ConnectionRow) => void,
  ) {
    scroller.addEventListener('scroll', () => this.draw());
    new ResizeObserver(() => this.draw()).observe(scroller);
    scroller.addEventListener('click', (event) => {
      const element = (event.target as Element).closest<HTMLElement>('[data-id]');
      const row = element && this.view.find((r) => r.id === Number(element.dataset.id));
      if (row) this.pick(row);
    });
    grid.addEventListener('keydown', (event) => this.onKey(event));
  }

  setRows(rows: readonly ConnectionRow[]): void {
    this.rows = rows;
    this.origin = originOf(rows);
    this.haystacks = new Map(rows.map((row) => [row.id, haystackOf(row, this.strings)]));
    this.update();
  }

  /** Adds rows (a batch done while the capture is read): only theirs are indexed for the filter. */
  addRows(rows: readonly ConnectionRow[]): void {
    this.rows = [...this.rows, ...rows];
    this.origin = originOf(this.rows);
    for (const row of rows) this.haystacks.set(row.id, haystackOf(row, this.strings));
    this.update();
  }

  setFilter(filter: Filter): void {
    this.filter = filter;
    this.update();
  }

  /** Sorts by `key`: ascending first, then descending on a second click of the same column. */
  sortBy(key: ColumnKey, descending?: boolean): void {
    this.sort = { key, descending: descending ?? (this.sort.key === key && !this.sort.descending) };
    for (const header of this.grid.querySelectorAll<HTMLElement>('[role="columnheader"]')) {
      const own = header.querySelector<HTMLElement>('button')?.dataset.sort === key;
      header.setAttribute('aria-sort', own ? (this.sort.descending ? 'descending' : 'ascending') : 'none');
    }
    this.update();
  }

  private update(): void {
    const tokens = this.filter.text.toLowerCase().split(/\s+/).filter(Boolean);
    const shown = this.rows.filter((row) => {
      if (this.filter.onlyRst && row.ending !== 'rst' && row.ending !== 'refused') return false;
      if (this.filter.onlyRetransmissions && row.retransmissions === 0) return false;
      const haystack = this.haystacks.get(row.id) ?? '';
      return tokens.every((token) => haystack.includes(token));
    });
    const { key, descending } = this.sort;
    const direction = descending ? -1 : 1;
    const collator = new Intl.Collator(undefined, { numeric: true });
    shown.sort((x, y) => {
      const a = sortValue(x, key, this.origin);
      const b = sortValue(y, key, this.origin);
      const order = typeof a === 'number' && typeof b === 'number' ? a - b : collator.compare(String(a), String(b));
      return direction * order || x.id - y.id;
    });
    this.view = shown;
    this.grid.setAttribute('aria-rowcount', String(shown.length + 1));
    this.sizer.style.height = `${shown.length * ROW_HEIGHT}px`;
    this.draw();
  }

  /** Draws the rows in view; the ones outside it are not in the DOM. */
  draw(): void {
    const first = Math.max(0, Math.floor(this.scroller.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const count = Math.ceil(this.scroller.clientHeight / ROW_HEIGHT) + 2 * OVERSCAN;
    const fragment = document.createDocumentFragment();
    for (const row of this.view.slice(first, first + count)) fragment.append(this.rowElement(row, this.view.indexOf(row, first)));
    for (const old of this.scroller.querySelectorAll('.row')) old.remove();
    this.scroller.append(fragment);
    // The selection, told to assistive technology: the grid keeps the focus, the row is its active descendant.
    const active = this.selected === undefined ? null : this.scroller.querySelector<HTMLElement>(`#connection-${this.selected}`);
    if (active) this.grid.setAttribute('aria-activedescendant', active.id);
    else this.grid.removeAttribute('aria-activedescendant');
  }

  private rowElement(row: ConnectionRow, index: number): HTMLElement {
    const element = document.createElement('div');
    element.className = 'row';
    element.setAttribute('role', 'row');
    element.setAttribute('aria-rowindex', String(index + 2));
    element.setAttribute('aria-selected', String(row.id === this.selected));
    element.dataset.id = String(row.id);
    element.id = `connection-${row.id}`;
    element.dataset.ending = row.ending;
    element.style.top = `${index * ROW_HEIGHT}px`;
    for (const key of COLUMN_KEYS) {
      const cell = document.createElement('div');
      cell.className = `cell col-${key}`;
      cell.setAttribute('role', 'gridcell');
      cell.textContent = cellText(row, key, this.origin, this.strings);
      if (key === 'start') cell.title = startTitle(row);
      if (key === 'a' || key === 'b') cell.title = cell.textContent;
      element.append(cell);
    }
    return element;
  }

  pick(row: ConnectionRow): void {
    this.selected = row.id;
    const index = this.view.indexOf(row);
    if (index >= 0) {
      const top = index * ROW_HEIGHT;
      if (top < this.scroller.scrollTop) this.scroller.scrollTop = top;
      else if (top + ROW_HEIGHT > this.scroller.scrollTop + this.scroller.clientHeight) this.scroller.scrollTop = top + ROW_HEIGHT - this.scroller.clientHeight;
    }
    this.draw();
    this.onPick(row);
  }

  private onKey(event: KeyboardEvent): void {
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 };
    const move = moves[event.key];
    if (move === undefined || this.view.length === 0) return;
    event.preventDefault();
    const at = this.view.findIndex((row) => row.id === this.selected);
    const next = this.view[Math.max(0, Math.min(this.view.length - 1, at < 0 ? 0 : at + move))];
    if (next) this.pick(next);
  }
}
