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

/** '' when the reader saw no flags (tcpdump -q) or none were set. */
export function flagsText(flags: TcpFlags | undefined): string {
  if (flags === undefined) return '';
  let bits = 0;
  for (let i = 0; i < ORDER.length; i++) if (flags[ORDER[i]![0]]) bits |= 1 << i;
  let text = written.get(bits);
  if (text === undefined) {
    text = ORDER.filter(([bit]) => flags[bit]).map(([, name]) => name).join(',');
    written.set(bits, text);
  }
  return text;
}
