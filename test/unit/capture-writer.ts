// Builds capture files byte by byte for the capture tests: classic pcap and pcapng containers
// in either byte order, and the link-layer, IP and TCP headers inside them. Only what the
// tests need; every length is computed, so a test can then break one on purpose.

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** A little writer for fixed-size fields in one byte order. */
class Fields {
  private readonly bytes: number[] = [];
  constructor(private readonly littleEndian: boolean) {}
  u8(v: number): this {
    this.bytes.push(v & 0xff);
    return this;
  }
  u16(v: number): this {
    const b = [(v >> 8) & 0xff, v & 0xff];
    this.bytes.push(...(this.littleEndian ? b.reverse() : b));
    return this;
  }
  u32(v: number): this {
    const b = [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
    this.bytes.push(...(this.littleEndian ? b.reverse() : b));
    return this;
  }
  u64(v: bigint): this {
    const high = Number((BigInt.asUintN(64, v) >> 32n) & 0xffffffffn);
    const low = Number(BigInt.asUintN(64, v) & 0xffffffffn);
    return this.littleEndian ? this.u32(low).u32(high) : this.u32(high).u32(low);
  }
  raw(data: Uint8Array): this {
    for (const byte of data) this.bytes.push(byte);
    return this;
  }
  done(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

const padTo4 = (data: Uint8Array): Uint8Array => concat(data, new Uint8Array((4 - (data.length % 4)) % 4));

// ---- classic pcap ----

export interface PcapRecord {
  readonly seconds: number;
  /** Microseconds, or nanoseconds in a nanosecond file. */
  readonly fraction: number;
  readonly data: Uint8Array;
  readonly originalLength?: number;
}

export function pcapFile(options: { littleEndian: boolean; nano?: boolean; linkType: number; snapLength?: number }, records: readonly PcapRecord[]): Uint8Array {
  const f = new Fields(options.littleEndian)
    .u32(options.nano ? 0xa1b23c4d : 0xa1b2c3d4)
    .u16(2)
    .u16(4)
    .u32(0)
    .u32(0)
    .u32(options.snapLength ?? 262144)
    .u32(options.linkType);
  for (const r of records) f.u32(r.seconds).u32(r.fraction).u32(r.data.length).u32(r.originalLength ?? r.data.length).raw(r.data);
  return f.done();
}

// ---- pcapng ----

export function block(littleEndian: boolean, type: number, body: Uint8Array): Uint8Array {
  const padded = padTo4(body);
  const length = padded.length + 12;
  return new Fields(littleEndian).u32(type).u32(length).raw(padded).u32(length).done();
}

export interface PcapngOption {
  readonly code: number;
  readonly value: Uint8Array;
}

function options(littleEndian: boolean, list: readonly PcapngOption[]): Uint8Array {
  if (list.length === 0) return new Uint8Array(0);
  const f = new Fields(littleEndian);
  for (const o of list) f.u16(o.code).u16(o.value.length).raw(padTo4(o.value));
  return f.u16(0).u16(0).done();
}

export function sectionHeader(littleEndian: boolean): Uint8Array {
  const body = new Fields(littleEndian).u32(0x1a2b3c4d).u16(1).u16(0).u64(-1n).done();
  return block(littleEndian, 0x0a0d0d0a, body);
}

export function interfaceDescription(littleEndian: boolean, linkType: number, snapLength = 0, list: readonly PcapngOption[] = []): Uint8Array {
  const body = new Fields(littleEndian).u16(linkType).u16(0).u32(snapLength).raw(options(littleEndian, list)).done();
  return block(littleEndian, 1, body);
}

export const tsresol = (byte: number): PcapngOption => ({ code: 9, value: Uint8Array.of(byte) });
export function tsoffset(littleEndian: boolean, seconds: bigint): PcapngOption {
  return { code: 14, value: new Fields(littleEndian).u64(seconds).done() };
}

export function enhancedPacket(littleEndian: boolean, interfaceId: number, ticks: bigint, data: Uint8Array, originalLength = data.length): Uint8Array {
  // The timestamp is two 32-bit words, the high one first, each in the section's byte order.
  const high = Number(ticks >> 32n);
  const low = Number(ticks & 0xffffffffn);
  const body = new Fields(littleEndian).u32(interfaceId).u32(high).u32(low).u32(data.length).u32(originalLength).raw(padTo4(data)).done();
  return block(littleEndian, 6, body);
}

export function simplePacket(littleEndian: boolean, data: Uint8Array, originalLength = data.length): Uint8Array {
  return block(littleEndian, 3, new Fields(littleEndian).u32(originalLength).raw(data).done());
}

// ---- protocol headers (always network byte order) ----

export interface TcpFields {
  readonly srcPort?: number;
  readonly dstPort?: number;
  readonly seq?: number;
  readonly ack?: number;
  /** The flag byte; the NS bit is 0x100. */
  readonly flags?: number;
  readonly window?: number;
  readonly options?: Uint8Array;
  readonly payload?: number;
}

export function tcpHeader(t: TcpFields = {}): Uint8Array {
  const opts = padTo4(t.options ?? new Uint8Array(0));
  const flags = t.flags ?? 0x18;
  return new Fields(false)
    .u16(t.srcPort ?? 40000)
    .u16(t.dstPort ?? 80)
    .u32(t.seq ?? 1000)
    .u32(t.ack ?? 2000)
    .u8((((20 + opts.length) / 4) << 4) | ((flags >> 8) & 1))
    .u8(flags & 0xff)
    .u16(t.window ?? 512)
    .u16(0)
    .u16(0)
    .raw(opts)
    .done();
}

/** An IPv4 packet around `upper`, with `payload` zero bytes after it. */
export function ipv4(upper: Uint8Array, o: { payload?: number; options?: Uint8Array; protocol?: number; src?: number[]; dst?: number[]; flagsAndOffset?: number } = {}): Uint8Array {
  const opts = padTo4(o.options ?? new Uint8Array(0));
  const payload = o.payload ?? 0;
  const headerLength = 20 + opts.length;
  return new Fields(false)
    .u8(0x40 | (headerLength / 4))
    .u8(0)
    .u16(headerLength + upper.length + payload)
    .u16(1)
    .u16(o.flagsAndOffset ?? 0x4000)
    .u8(64)
    .u8(o.protocol ?? 6)
    .u16(0)
    .raw(Uint8Array.from(o.src ?? [10, 0, 0, 1]))
    .raw(Uint8Array.from(o.dst ?? [10, 0, 0, 2]))
    .raw(opts)
    .raw(upper)
    .raw(new Uint8Array(payload))
    .done();
}

/** An IPv6 packet; `extensions` are [next-header-number-of-this-header, bytes] in order. */
export function ipv6(upper: Uint8Array, o: { payload?: number; src?: Uint8Array; dst?: Uint8Array; extensions?: readonly [number, Uint8Array][] } = {}): Uint8Array {
  const payload = o.payload ?? 0;
  const extensions = o.extensions ?? [];
  // Each extension's first byte is the next header: the following extension's type, or TCP.
  const chained = extensions.map(([, bytes], i) => {
    const copy = Uint8Array.from(bytes);
    copy[0] = i + 1 < extensions.length ? extensions[i + 1]![0] : 6;
    return copy;
  });
  const ext = concat(...chained);
  const first = extensions.length > 0 ? extensions[0]![0] : 6;
  const src = o.src ?? Uint8Array.from([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
  const dst = o.dst ?? Uint8Array.from([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2]);
  return new Fields(false)
    .u32(0x60000000)
    .u16(ext.length + upper.length + payload)
    .u8(first)
    .u8(64)
    .raw(src)
    .raw(dst)
    .raw(ext)
    .raw(upper)
    .raw(new Uint8Array(payload))
    .done();
}

export function ethernet(ip: Uint8Array, etherType: number, vlanTags: readonly number[] = []): Uint8Array {
  const f = new Fields(false).raw(new Uint8Array(12));
  for (const tpid of vlanTags) f.u16(tpid).u16(100);
  return f.u16(etherType).raw(ip).done();
}

export const ETHERTYPE_IPV4 = 0x0800;
export const ETHERTYPE_IPV6 = 0x86dd;
