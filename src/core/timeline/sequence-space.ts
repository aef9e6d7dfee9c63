// One direction's sequence numbers on a line that does not wrap. On the wire they are 32-bit
// and wrap (RFC 9293 §3.4: "arithmetic modulo 2**32"); the timeline and the §3.10 engine compare
// them with < and >, so each number is placed on an unbounded line next to the last one
// placed: the 32-bit distance read as signed (RFC 1982 serial arithmetic) is added to it.
// 0 on the line is the direction's base: its ISN when the SYN was seen, else the first number
// seen. Pure: no `vscode`, no DOM, no Node APIs.

const TWO_32 = 2 ** 32;
const HALF = 2 ** 31;

export class SequenceSpace {
  private base: number | undefined;
  private lastWire = 0;
  private lastLine = 0;
  /** The base is the ISN (a SYN set it), so line numbers are Wireshark's relative numbers. */
  private fromIsn = false;
  /** Where the ISN sits on the line when numbers were placed before the SYN was seen. */
  private isnLine = 0;

  get known(): boolean {
    return this.base !== undefined;
  }

  get isnKnown(): boolean {
    return this.fromIsn;
  }

  /** Sets the base to the ISN of a SYN; a later SYN with another ISN is a new connection, not handled here. */
  setIsn(isn: number): void {
    if (this.fromIsn) return;
    if (this.base === undefined) {
      this.base = isn;
      this.lastWire = isn;
      this.lastLine = 0;
    } else {
      // Numbers were placed before the SYN was seen (it came late in the file): keep them, and
      // remember where the ISN sits so relative numbers still start at the SYN.
      this.isnLine = this.place(isn);
    }
    this.fromIsn = true;
  }

  /** Where a 32-bit number sits on this direction's line (the first one seen becomes 0). */
  place(wire: number): number {
    if (this.base === undefined) {
      this.base = wire;
      this.lastWire = wire;
      this.lastLine = 0;
      return 0;
    }
    let delta = (wire - this.lastWire) % TWO_32;
    if (delta < 0) delta += TWO_32;
    if (delta >= HALF) delta -= TWO_32;
    this.lastWire = wire;
    this.lastLine += delta;
    return this.lastLine;
  }

  /** Wireshark's relative number (0 is the SYN), modulo 2^32; undefined without an ISN. */
  relative(wire: number): number | undefined {
    if (!this.fromIsn || this.base === undefined) return undefined;
    let r = (wire - this.base - this.isnLine) % TWO_32;
    if (r < 0) r += TWO_32;
    return r;
  }
}
