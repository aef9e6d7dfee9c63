// A segment's flags as the timeline writes them: 'SYN', 'SYN,ACK', 'FIN,ACK', 'RST,ACK',
// 'PSH,ACK' — the control bits first, in the order the contract fixes (types.ts), so the same
// segment always reads the same. Pure: no `vscode`, no DOM, no Node APIs.
import type { TcpFlags } from '../capture';

const ORDER: readonly (readonly [keyof TcpFlags, string])[] = [
  ['syn', 'SYN'],
  ['fin', 'FIN'],
  ['rst', 'RST'],
  ['psh', 'PSH'],
  ['ack', 'ACK'],
  ['urg', 'URG'],
  ['ece', 'ECE'],
  ['cwr', 'CWR'],
];

/** Texts already written, by the flag bits: a capture has a handful of combinations and millions of segments. */
const written = new Map<number, string>();

/**
 * Texts by the flags object itself, for the shared frozen objects the capture reader hands out
 * (capture/tcp-segment.ts flagsFromBits): one lookup instead of reading eight properties per
 * segment. The text reader's objects are its own per line: they are not kept.
 */
const byShared = new Map<TcpFlags, string>();
/** The reader has 512 (one per pattern of the 9 flag bits); a caller making frozen objects of its own is not let grow it. */
const MAX_SHARED = 1024;

/** '' when the reader saw no flags (tcpdump -q) or none were set. */
export function flagsText(flags: TcpFlags | undefined): string {
  if (flags === undefined) return '';
  const shared = byShared.get(flags);
  if (shared !== undefined) return shared;
  const text = textOf(flags);
  if (Object.isFrozen(flags) && byShared.size < MAX_SHARED) byShared.set(flags, text);
  return text;
}

function textOf(flags: TcpFlags): string {
  let bits = 0;
  for (let i = 0; i < ORDER.length; i++) if (flags[ORDER[i]![0]]) bits |= 1 << i;
  let text = written.get(bits);
  if (text === undefined) {
    text = ORDER.filter(([bit]) => flags[bit]).map(([, name]) => name).join(',');
    written.set(bits, text);
  }
  return text;
}
