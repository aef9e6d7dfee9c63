// Reading a line as a row of a socket table (ss, Linux/macOS/Windows netstat): its local port,
// peer, process and queues. A row is read for nearly every line of a dump, so the tokens are
// positions in the line (no token strings) and the checks compare character codes; only what the
// census keeps (the port, the peer, the process) becomes a string. Pure: no `vscode`, no Node APIs.

/** A socket-table row as the census reads it. */
export interface SocketRow {
  readonly localPort: string;
  readonly peer: string;
  readonly process?: string;
  readonly recvQ?: number;
  readonly sendQ?: number;
}

/** What `\s` matches (and `\S` does not): ASCII and Unicode white space and line terminators. */
function isSpace(code: number): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** `/^\d+$/` on `line.slice(start, end)`, without the slice. */
function isNumber(line: string, start: number, end: number): boolean {
  if (start >= end) return false;
  for (let i = start; i < end; i++) {
    const code = line.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

/** `Number(line.slice(start, end))` of digits, without the slice while the value is exact. */
function numberOf(line: string, start: number, end: number): number {
  if (end - start > 15) return Number(line.slice(start, end));
  let value = 0;
  for (let i = start; i < end; i++) value = value * 10 + (line.charCodeAt(i) - 48);
  return value;
}

/** `/^(?:\d{1,5}|\*)$/` on the range. */
function isPort(line: string, start: number, end: number): boolean {
  if (end - start === 1 && line.charCodeAt(start) === 42) return true;
  return end - start <= 5 && isNumber(line, start, end);
}

/** [0-9A-Fa-f:.] */
function isHostChar(code: number): boolean {
  return (code >= 48 && code <= 58) || code === 46 || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
}

/** [\w.-] (no `u` flag: ASCII word characters) */
function isZoneChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 46 || code === 45;
}

/**
 * `/^(?:\*|[0-9A-Fa-f:.]+(?:%[\w.-]+)?)$/` on the range. (The run of host characters stops at the
 * first other character, which no shorter run could make a `%`: so no backtracking to mimic.)
 */
function isHost(line: string, start: number, end: number): boolean {
  if (end - start === 1 && line.charCodeAt(start) === 42) return true;
  let i = start;
  while (i < end && isHostChar(line.charCodeAt(i))) i++;
  if (i === start) return false;
  if (i === end) return true;
  if (line.charCodeAt(i) !== 37 || ++i === end) return false;
  for (; i < end; i++) if (!isZoneChar(line.charCodeAt(i))) return false;
  return true;
}

/** Where the last `splitRange` put the host and the port. */
let hostStart = 0;
let hostEnd = 0;
let portStart = 0;
let portEnd = 0;

/** The last `code` in [start, end), or -1. */
function lastIndex(line: string, code: number, start: number, end: number): number {
  for (let i = end - 1; i >= start; i--) if (line.charCodeAt(i) === code) return i;
  return -1;
}

/** `splitAddress` of `line.slice(start, end)`: true with the parts in hostStart… portEnd. */
function splitRange(line: string, start: number, end: number): boolean {
  if (line.charCodeAt(start) === 91 /* [ */) {
    let close = start + 1;
    while (close < end && line.charCodeAt(close) !== 93 /* ] */) close++;
    if (close + 1 >= end || line.charCodeAt(close + 1) !== 58 /* : */) return false;
    hostStart = start + 1;
    hostEnd = close;
    portStart = close + 2;
    portEnd = end;
    return isHost(line, hostStart, hostEnd) && isPort(line, portStart, portEnd);
  }
  return splitAt(line, start, end, 58 /* : */) || splitAt(line, start, end, 46 /* . */);
}

/** The range split at its last `separator`, when that gives a host and a port. */
function splitAt(line: string, start: number, end: number, separator: number): boolean {
  const at = lastIndex(line, separator, start, end);
  if (at <= start) return false;
  if (!isPort(line, at + 1, end) || !isHost(line, start, at)) return false;
  if (separator === 46) {
    // An IPv4 address split at its last dot ('10.0.2' + '15') is not an address with a port.
    let colon = false;
    let dots = 0;
    for (let i = start; i < at; i++) {
      const code = line.charCodeAt(i);
      if (code === 58) colon = true;
      else if (code === 46) dots++;
    }
    const star = at - start === 1 && line.charCodeAt(start) === 42;
    if (!colon && !star && dots !== 3) return false;
  }
  hostStart = start;
  hostEnd = at;
  portStart = at + 1;
  portEnd = end;
  return true;
}

/**
 * Splits `host:port` (ss, Linux and Windows netstat: `10.0.2.15:22`, `[::1]:22`, `:::22`,
 * `2001:db8::5:443`, `127.0.0.53%lo:53`, `*:*`) or `host.port` (macOS: `127.0.0.1.8080`,
 * `2001:db8:a::10.52350`, `*.*`).
 */
export function splitAddress(token: string): { host: string; port: string } | undefined {
  if (!token || !splitRange(token, 0, token.length)) return undefined;
  return { host: token.slice(hostStart, hostEnd), port: token.slice(portStart, portEnd) };
}

/** ss's `users:(("nginx",pid=812,fd=5),…)`: the first process's name. */
const SS_USERS = /users:\(\("((?:[^"\\]|\\.)*)",pid=(\d+)/;

/**
 * The `\S+` tokens of the line being parsed: token i is line.slice(starts[i], ends[i]). Reused
 * from row to row (a row is parsed for every mention in a dump), grown for a longer line; the
 * census's fast path fills them in its own pass over the line (for a line of at most 2 000
 * characters: they always have room).
 */
export const ROW_TOKENS = { starts: new Int32Array(1024), ends: new Int32Array(1024) };

/** Splits `line` into its `\S+` tokens (into ROW_TOKENS) and returns how many there are. */
function tokenize(line: string): number {
  const length = line.length;
  if (ROW_TOKENS.starts.length < (length >> 1) + 1) {
    ROW_TOKENS.starts = new Int32Array((length >> 1) + 1);
    ROW_TOKENS.ends = new Int32Array((length >> 1) + 1);
  }
  const { starts, ends } = ROW_TOKENS;
  let count = 0;
  let i = 0;
  while (i < length) {
    while (i < length && isSpace(line.charCodeAt(i))) i++;
    if (i >= length) break;
    starts[count] = i;
    while (i < length && !isSpace(line.charCodeAt(i))) i++;
    ends[count++] = i;
  }
  return count;
}

/** ss's process column: `users:((…` in the tokens after the peer, joined by single spaces. */
function ssProcess(line: string, first: number, count: number): string | undefined {
  if (first >= count) return undefined;
  const { starts, ends } = ROW_TOKENS;
  // One token has no white space to join (the usual `users:(("nginx",pid=812,fd=5))`).
  if (count - first === 1) return ssUsers(line, starts[first]!, ends[first]!);
  const raw = line.slice(starts[first]!, ends[count - 1]!);
  // The expression needs `users:(("` whole, and joining tokens neither makes nor breaks one.
  if (!raw.includes('users:(("')) return undefined;
  const user = SS_USERS.exec(raw.replace(/\s+/g, ' '));
  return user ? user[1] || `pid ${user[2]}` : undefined;
}

const USERS = 'users:(("';
const PID = '",pid=';

/**
 * SS_USERS on one token, `line.slice(start, end)`, without the slice: at each `users:(("` from
 * the left, the name runs to the first quote no backslash escapes (the only place the
 * expression's group can end), then `",pid=` and digits must follow.
 */
function ssUsers(line: string, start: number, end: number): string | undefined {
  for (let at = line.indexOf(USERS, start); at >= 0 && at + USERS.length <= end; at = line.indexOf(USERS, at + 1)) {
    const nameStart = at + USERS.length;
    let i = nameStart;
    while (i < end) {
      const code = line.charCodeAt(i);
      if (code === 34 /* " */) break;
      // A backslash takes the next character whatever it is (a token holds no line terminator for `.` to miss).
      if (code === 92 /* \ */) i += 2;
      else i++;
    }
    if (i >= end || i + PID.length >= end || !line.startsWith(PID, i)) continue;
    let digits = i + PID.length;
    while (digits < end && line.charCodeAt(digits) >= 48 && line.charCodeAt(digits) <= 57) digits++;
    if (digits === i + PID.length) continue;
    return nameStart < i ? line.slice(nameStart, i) : `pid ${line.slice(i + PID.length, digits)}`;
  }
  return undefined;
}

/** Linux netstat's `812/sshd` (the name may be cut, and followed by `: args`): `/^(\d+)\/([^:\s]*)/` on the token. */
function pidProgram(line: string, start: number, end: number): string | undefined {
  let slash = start;
  while (slash < end && line.charCodeAt(slash) >= 48 && line.charCodeAt(slash) <= 57) slash++;
  if (slash === start || slash === end || line.charCodeAt(slash) !== 47 /* / */) return undefined;
  // A token holds no white space: the name runs to a `:` or the token's end.
  let stop = slash + 1;
  while (stop < end && line.charCodeAt(stop) !== 58) stop++;
  return stop > slash + 1 ? line.slice(slash + 1, stop) : `pid ${line.slice(start, slash)}`;
}

/**
 * Reads `line` as a socket-table row whose state column is the mention at `offset`, or
 * undefined when it is not one. ss: `State Recv-Q Send-Q Local Peer Process` (optionally after
 * Netid); netstat: `… Local Foreign State [PID/Program | PID]`.
 */
export function parseRow(line: string, offset: number): SocketRow | undefined {
  return rowOfTokens(line, offset, tokenize(line));
}

/** `parseRow` of a line whose `count` tokens are in ROW_TOKENS already. */
export function rowOfTokens(line: string, offset: number, count: number): SocketRow | undefined {
  const { starts, ends } = ROW_TOKENS;
  let s = 0;
  while (s < count && starts[s]! < offset) s++;
  if (s >= count || starts[s] !== offset) return undefined;
  // ss: the state first (or after Netid), then Recv-Q, Send-Q, local, peer, process.
  if (s <= 1 && count >= s + 5 && isNumber(line, starts[s + 1]!, ends[s + 1]!) && isNumber(line, starts[s + 2]!, ends[s + 2]!)) {
    if (splitRange(line, starts[s + 3]!, ends[s + 3]!)) {
      const localPort = line.slice(portStart, portEnd);
      if (splitRange(line, starts[s + 4]!, ends[s + 4]!)) {
        return {
          localPort,
          peer: line.slice(hostStart, hostEnd),
          process: ssProcess(line, s + 5, count),
          recvQ: numberOf(line, starts[s + 1]!, ends[s + 1]!),
          sendQ: numberOf(line, starts[s + 2]!, ends[s + 2]!),
        };
      }
    }
  }
  // netstat: local and foreign just before the state.
  if (s >= 2) {
    if (!splitRange(line, starts[s - 2]!, ends[s - 2]!)) return undefined;
    const localPort = line.slice(portStart, portEnd);
    if (!splitRange(line, starts[s - 1]!, ends[s - 1]!)) return undefined;
    const peer = line.slice(hostStart, hostEnd);
    let process: string | undefined;
    if (s + 1 < count) {
      const start = starts[s + 1]!;
      const end = ends[s + 1]!;
      process = pidProgram(line, start, end);
      if (process === undefined && isNumber(line, start, end)) process = `pid ${line.slice(start, end)}`; // Windows netstat -ano
    }
    // Linux and macOS print Proto Recv-Q Send-Q before the addresses; Windows prints only Proto.
    const queues = s >= 4 && isNumber(line, starts[s - 4]!, ends[s - 4]!) && isNumber(line, starts[s - 3]!, ends[s - 3]!);
    return {
      localPort,
      peer,
      process,
      recvQ: queues ? numberOf(line, starts[s - 4]!, ends[s - 4]!) : undefined,
      sendQ: queues ? numberOf(line, starts[s - 3]!, ends[s - 3]!) : undefined,
    };
  }
  return undefined;
}
