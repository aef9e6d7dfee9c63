// The ranking of local ports: exact. A port is a number below 65536, so every port a dump prints
// as a plain decimal ('443') is counted in an array indexed by it, however many distinct ports a
// state has (ephemeral ports: tens of thousands, where a Space-Saving of a few hundred keys would
// replace on nearly every row and report only estimates). Anything else in the port column
// ('*', a service name, '0443') goes to a TopKeys as before. Pure: no `vscode`, no Node APIs.
import { byCountThenKey, decimalOfCode, keyCode, stringKeyCode, TopKeys, type GroupEntry } from './top-keys';

const PORTS = 65536;

export class PortRanking {
  /** Rows by port number; made with the first numeric port (a state seen only in prose needs none). */
  private counts: Uint32Array | undefined;
  private readonly others: TopKeys;

  constructor(capacity: number) {
    this.others = new TopKeys(capacity);
  }

  add(key: string): void {
    const port = decimalOfCode(stringKeyCode(key));
    if (port >= 0 && port < PORTS) this.countPort(port);
    else this.others.add(key);
  }

  /** `add` of the ASCII bytes `bytes[start, end)`; `code`: their `keyCode` when the caller has it. */
  addBytes(bytes: Uint8Array, start: number, end: number, code = keyCode(bytes, start, end, false)): void {
    const port = decimalOfCode(code);
    if (port >= 0 && port < PORTS) this.countPort(port);
    else this.others.addBytes(bytes, start, end, false, code);
  }

  private countPort(port: number): void {
    (this.counts ??= new Uint32Array(PORTS))[port]!++;
  }

  /** The `n` ports with most rows, most first, of equal counts by key: as TopKeys orders them. */
  top(n: number): GroupEntry[] {
    const others = this.others.top(n);
    const counts = this.counts;
    if (!counts || n <= 0) return others;
    // The n-th largest count (with repeats): every port above it is in, then ports of that count
    // in the order of their text, as many as are still wanted.
    const best: number[] = [];
    for (let port = 0; port < PORTS; port++) {
      const count = counts[port]!;
      if (count === 0) continue;
      if (best.length === n) {
        if (count <= best[0]!) continue;
        best.shift();
      }
      let i = 0;
      while (i < best.length && best[i]! < count) i++;
      best.splice(i, 0, count);
    }
    const full = best.length === n;
    const floor = full ? best[0]! : 1;
    let atFloor = full ? n - best.filter((count) => count > floor).length : Infinity;
    const entries: GroupEntry[] = [];
    // Ports in the order of their text ('1', '10', '100', …, '2', …): a walk of the decimal tree.
    const visit = (port: number): void => {
      const count = counts[port]!;
      if (count > floor || (count === floor && atFloor > 0)) {
        if (count === floor) atFloor--;
        entries.push({ key: String(port), count, error: 0 });
      }
      if (port === 0) return;
      for (let digit = 0; digit <= 9; digit++) {
        const next = port * 10 + digit;
        if (next >= PORTS) return;
        visit(next);
      }
    };
    for (let first = 0; first <= 9; first++) visit(first);
    return [...entries, ...others].sort(byCountThenKey).slice(0, n);
  }
}
