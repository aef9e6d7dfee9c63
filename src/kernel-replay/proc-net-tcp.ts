// What the kernel says, read from /proc/net/tcp: no process started, and it lists full sockets,
// request sockets and timewait sockets alike, with the state code of include/net/tcp_states.h.
// Also Linux's names of the states and RFC 9293's for them. Parsing and naming are pure; only
// readLoopbackSockets touches the file (node:fs). Never `vscode`.
import { readFile } from 'node:fs/promises';
import { endianness } from 'node:os';
import type { RfcState } from '../core/model/states';

// ---- Linux's states and their RFC 9293 names ----

/** include/net/tcp_states.h, without `TCP_`, by the number /proc/net/tcp prints in hex. */
const LINUX_STATES: Readonly<Record<number, string>> = {
  1: 'ESTABLISHED', 2: 'SYN_SENT', 3: 'SYN_RECV', 4: 'FIN_WAIT1', 5: 'FIN_WAIT2', 6: 'TIME_WAIT',
  7: 'CLOSE', 8: 'CLOSE_WAIT', 9: 'LAST_ACK', 10: 'LISTEN', 11: 'CLOSING', 12: 'NEW_SYN_RECV',
};

/** NEW_SYN_RECV is Linux's request socket of a half-made connection: RFC SYN-RECEIVED. */
const LINUX_TO_RFC: Readonly<Record<string, RfcState>> = {
  ESTABLISHED: 'ESTABLISHED', SYN_SENT: 'SYN-SENT', SYN_RECV: 'SYN-RECEIVED', FIN_WAIT1: 'FIN-WAIT-1',
  FIN_WAIT2: 'FIN-WAIT-2', TIME_WAIT: 'TIME-WAIT', CLOSE: 'CLOSED', CLOSE_WAIT: 'CLOSE-WAIT',
  LAST_ACK: 'LAST-ACK', LISTEN: 'LISTEN', CLOSING: 'CLOSING', NEW_SYN_RECV: 'SYN-RECEIVED',
};

/** What a reading shows where there is no socket: to RFC 9293 that is CLOSED too. */
export const NO_SOCKET = '-';

/** Linux's name of a state (`TIME_WAIT`, `TCP_TIME_WAIT`, or '-' for no socket) -> RFC 9293's (`TIME-WAIT`, `CLOSED`). */
export function linuxToRfcState(linux: string): string {
  if (linux === NO_SOCKET) return 'CLOSED';
  const rfc = LINUX_TO_RFC[linux.startsWith('TCP_') ? linux.slice(4) : linux];
  if (!rfc) throw new RangeError(`kernel replay: ${linux} is no Linux TCP state`);
  return rfc;
}

/** The states in the middle of a handshake: on loopback they last microseconds, never a resting state. */
export const IN_HANDSHAKE = new Set(['SYN_SENT', 'SYN_RECV', 'NEW_SYN_RECV']);

// ---- /proc/net/tcp ----

/** One row of /proc/net/tcp: IPv4 only (127.0.0.1 is all the replay uses). */
export interface ProcTcpEntry {
  readonly localAddress: string;
  readonly localPort: number;
  readonly remoteAddress: string;
  /** 0 for a listener. */
  readonly remotePort: number;
  /** Linux's name, e.g. 'TIME_WAIT'. */
  readonly state: string;
}

/** `0100007F` -> 127.0.0.1: the kernel prints the address as the host reads its four bytes. */
function procAddress(hex: string, littleEndian: boolean): string {
  const n = parseInt(hex, 16) >>> 0;
  const bytes = [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
  return (littleEndian ? bytes.reverse() : bytes).join('.');
}

/** Parses /proc/net/tcp; rows it cannot read (the header, a state it does not know) are left out. Pure. */
export function parseProcNetTcp(text: string, littleEndian = endianness() === 'LE'): ProcTcpEntry[] {
  const out: ProcTcpEntry[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s*\d+:\s+([0-9A-Fa-f]{8}):([0-9A-Fa-f]{4})\s+([0-9A-Fa-f]{8}):([0-9A-Fa-f]{4})\s+([0-9A-Fa-f]{2})\s/.exec(line);
    const state = m && LINUX_STATES[parseInt(m[5]!, 16)];
    if (!m || !state) continue;
    out.push({ localAddress: procAddress(m[1]!, littleEndian), localPort: parseInt(m[2]!, 16), remoteAddress: procAddress(m[3]!, littleEndian), remotePort: parseInt(m[4]!, 16), state });
  }
  return out;
}

/** The only address the replay uses: every socket and listener is on it. */
export const LOOPBACK = '127.0.0.1';

/** The rows of /proc/net/tcp on loopback: the sockets and listeners among which ours are. */
export async function readLoopbackSockets(): Promise<ProcTcpEntry[]> {
  // A listener's remote end is 0.0.0.0:0.
  return parseProcNetTcp(await readFile('/proc/net/tcp', 'utf8')).filter((e) => e.localAddress === LOOPBACK && (e.remoteAddress === LOOPBACK || (e.remoteAddress === '0.0.0.0' && e.remotePort === 0)));
}
