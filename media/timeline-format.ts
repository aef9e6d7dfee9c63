// Runs inside the timeline webview: the text of each cell of the connection list, the value it
// sorts by, and the text a filter looks in. Everything here ends up as textContent, never HTML.
import type { ConnectionRow } from '../src/shared/timeline-protocol';

export type Strings = Readonly<Record<string, string>>;

export function fill(template: string | undefined, ...values: (string | number)[]): string {
  return (template ?? '').replace(/\{(\d)\}/g, (match, index: string) => String(values[Number(index)] ?? match));
}

const integer = new Intl.NumberFormat();

/** A duration in nanoseconds as the list shows it: ms below a second, s above. */
export function durationText(ns: number | undefined): string {
  if (ns === undefined) return '—';
  return ns < 1e9 ? `${(ns / 1e6).toFixed(3)} ms` : `${(ns / 1e9).toFixed(3)} s`;
}

const side = (index: 0 | 1 | undefined): string => (index === undefined ? '—' : index === 0 ? 'A' : 'B');

export const COLUMN_KEYS = ['id', 'a', 'b', 'start', 'duration', 'segmentsA', 'segmentsB', 'bytesA', 'bytesB', 'opener', 'closer', 'ending'] as const;
export type ColumnKey = (typeof COLUMN_KEYS)[number];

export function isColumnKey(value: unknown): value is ColumnKey {
  return (COLUMN_KEYS as readonly unknown[]).includes(value);
}

/** What the rows are measured against: the earliest start, so "Start" reads as seconds into the capture. */
export interface Origin {
  readonly startNs: bigint | undefined;
}

export function originOf(rows: readonly ConnectionRow[]): Origin {
  let min: bigint | undefined;
  for (const row of rows) {
    if (row.startNs === undefined) continue;
    const ns = BigInt(row.startNs);
    if (min === undefined || ns < min) min = ns;
  }
  return { startNs: min };
}

/** Nanoseconds from the capture's first connection; undefined without timestamps. */
function startOffset(row: ConnectionRow, origin: Origin): number | undefined {
  return row.startNs === undefined || origin.startNs === undefined ? undefined : Number(BigInt(row.startNs) - origin.startNs);
}

export function cellText(row: ConnectionRow, key: ColumnKey, origin: Origin, strings: Strings): string {
  switch (key) {
    case 'id':
      return String(row.id);
    case 'a':
      return row.endpoints[0].label;
    case 'b':
      return row.endpoints[1].label;
    case 'start': {
      const offset = startOffset(row, origin);
      return offset === undefined ? '—' : `+${(offset / 1e9).toFixed(6)} s`;
    }
    case 'duration':
      return durationText(row.durationNs);
    case 'segmentsA':
      return integer.format(row.segments[0]);
    case 'segmentsB':
      return integer.format(row.segments[1]);
    case 'bytesA':
      return integer.format(row.bytes[0]);
    case 'bytesB':
      return integer.format(row.bytes[1]);
    case 'opener':
      return side(row.opener);
    case 'closer':
      return side(row.firstCloser);
    case 'ending':
      return strings[`ending.${row.ending}`] ?? row.ending;
  }
}

/** The absolute start, as a tooltip of the Start cell (UTC, to the microsecond). */
export function startTitle(row: ConnectionRow): string {
  if (row.startNs === undefined) return '';
  const ns = BigInt(row.startNs);
  const iso = new Date(Number(ns / 1_000_000n)).toISOString();
  return iso.replace(/\.(\d{3})Z$/, (_, ms: string) => `.${ms}${String(ns % 1_000_000n).padStart(6, '0').slice(0, 3)} UTC`);
}

export function sortValue(row: ConnectionRow, key: ColumnKey, origin: Origin): number | string {
  switch (key) {
    case 'id':
      return row.id;
    case 'a':
      return row.endpoints[0].label;
    case 'b':
      return row.endpoints[1].label;
    case 'start':
      return startOffset(row, origin) ?? -1;
    case 'duration':
      return row.durationNs ?? -1;
    case 'segmentsA':
      return row.segments[0];
    case 'segmentsB':
      return row.segments[1];
    case 'bytesA':
      return row.bytes[0];
    case 'bytesB':
      return row.bytes[1];
    case 'opener':
      return row.opener ?? 2;
    case 'closer':
      return row.firstCloser ?? 2;
    case 'ending':
      return row.ending;
  }
}

/** What the text filter searches: both endpoints, their ports, every state either was in, the ending. */
export function haystackOf(row: ConnectionRow, strings: Strings): string {
  const [a, b] = row.endpoints;
  return [a.label, b.label, a.address, b.address, `:${a.port}`, `:${b.port}`, ...row.states[0], ...row.states[1], row.ending, strings[`ending.${row.ending}`] ?? '']
    .join(' ')
    .toLowerCase();
}
