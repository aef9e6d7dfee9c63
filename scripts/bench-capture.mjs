// The benchmark's generated packet capture: a classic pcap (microsecond, Ethernet, IPv4) of many
// interleaved TCP connections between clients and a few servers, each a handshake, requests and
// responses of mixed sizes, and a teardown: most closed by FIN from either side, some reset, some
// refused, some left open. Deterministic: the same size gives the same bytes. Beside it,
// `<capture>.json` keeps what the generator wrote (connections, packets, endings), so a cached
// file is reused only when it was made by this generator version at this size.
import { createWriteStream, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';

/** Bumped whenever the generator's output changes. */
const GENERATOR_VERSION = 1;
/** Connections open at once: the capture interleaves their packets. */
const CONCURRENT = 200;
const SERVER_PORTS = [8443, 9000, 15000];

/** A small deterministic generator (mulberry32), so every run writes the same file. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIN = 0x01;
const SYN = 0x02;
const RST = 0x04;
const PSH = 0x08;
const ACK = 0x10;

/** One Ethernet + IPv4 + TCP frame (20-byte TCP header, no options) with `length` zero bytes of payload. */
function frame(src, dst, sport, dport, seq, ack, flags, length) {
  const bytes = Buffer.alloc(14 + 20 + 20 + length);
  bytes.writeUInt16BE(0x0800, 12);
  bytes[14] = 0x45;
  bytes.writeUInt16BE(20 + 20 + length, 16);
  bytes[22] = 64;
  bytes[23] = 6;
  bytes.writeUInt32BE(src, 26);
  bytes.writeUInt32BE(dst, 30);
  bytes.writeUInt16BE(sport, 34);
  bytes.writeUInt16BE(dport, 36);
  bytes.writeUInt32BE(seq >>> 0, 38);
  bytes.writeUInt32BE(ack >>> 0, 42);
  bytes[46] = 5 << 4;
  bytes[47] = flags;
  bytes.writeUInt16BE(65535, 48);
  return bytes;
}

/**
 * The packets of one connection, in order, as [fromClient, flags, length] (seq and ack are filled
 * in by `Connection`); returns how it ended.
 * @returns {Generator<[boolean, number, number], string, void>}
 */
function* conversation(rnd) {
  const roll = rnd();
  yield [true, SYN, 0];
  if (roll < 0.03) {
    yield [false, RST | ACK, 0]; // refused
    return 'refused';
  }
  yield [false, SYN | ACK, 0];
  yield [true, ACK, 0];
  const exchanges = 1 + Math.floor(rnd() * 12);
  for (let i = 0; i < exchanges; i++) {
    yield [true, PSH | ACK, 40 + Math.floor(rnd() * 400)];
    const response = Math.floor(rnd() * 6000);
    for (let left = response; left > 0; left -= 1448) yield [false, PSH | ACK, Math.min(1448, left)];
    yield [true, ACK, 0];
  }
  if (roll < 0.08) {
    yield [true, RST | ACK, 0];
    return 'rst';
  }
  if (roll < 0.1) return 'open';
  const clientFirst = roll < 0.7;
  yield [clientFirst, FIN | ACK, 0];
  yield [!clientFirst, ACK, 0];
  yield [!clientFirst, FIN | ACK, 0];
  yield [clientFirst, ACK, 0];
  return 'fin';
}

/** Keeps each side's next sequence number as the conversation's packets are written. */
class Connection {
  constructor(id, rnd) {
    this.client = ((10 << 24) | (1 << 16) | (((id >> 8) & 0xff) << 8) | (id & 0xff)) >>> 0;
    this.server = ((192 << 24) | (168 << 16) | (1 << 8) | (1 + (id % 3))) >>> 0;
    this.sport = 20000 + (id % 40000);
    this.dport = SERVER_PORTS[id % SERVER_PORTS.length];
    this.seq = { client: Math.floor(rnd() * 2 ** 32), server: Math.floor(rnd() * 2 ** 32) };
    this.steps = conversation(rnd);
    this.synAcked = false;
  }

  /** The next frame, or undefined when the conversation is over (then `ending` is set). */
  next() {
    const step = this.steps.next();
    if (step.done) {
      this.ending = step.value;
      return undefined;
    }
    const [fromClient, flags, length] = /** @type {[boolean, number, number]} */ (step.value);
    const me = fromClient ? 'client' : 'server';
    const peer = fromClient ? 'server' : 'client';
    const seq = this.seq[me];
    this.seq[me] = (seq + length + (flags & SYN ? 1 : 0) + (flags & FIN ? 1 : 0)) >>> 0;
    const ack = flags & ACK ? this.seq[peer] : 0;
    return fromClient
      ? frame(this.client, this.server, this.sport, this.dport, seq, ack, flags, length)
      : frame(this.server, this.client, this.dport, this.sport, seq, ack, flags, length);
  }
}

export function captureReferencePath(path) {
  return `${path}.json`;
}

/**
 * Writes (or reuses) a capture of about `mb` megabytes at `path` and returns what it holds:
 * `{ version, bytes, packets, connections, concurrent, endings }`.
 */
export async function generateCapture(path, mb) {
  const meta = captureReferencePath(path);
  if (existsSync(path) && existsSync(meta)) {
    const cached = JSON.parse(readFileSync(meta, 'utf8'));
    if (cached.version === GENERATOR_VERSION && cached.bytes === statSync(path).size && Math.abs(cached.bytes - mb * 1e6) < 2e6) return cached;
  }
  const rnd = random(0x5eed + mb);
  const out = createWriteStream(path);
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b2c3d4, 0);
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeUInt32LE(65535, 16);
  header.writeUInt32LE(1, 20); // LINKTYPE_ETHERNET
  let bytes = header.length;
  let packets = 0;
  let connections = 0;
  const endings = {};
  const open = [];
  let microseconds = 1_700_000_000n * 1_000_000n;
  const pending = [header];
  const flush = async () => {
    if (!out.write(Buffer.concat(pending.splice(0)))) await new Promise((resolve) => out.once('drain', () => resolve(undefined)));
  };
  while (bytes < mb * 1e6 || open.length) {
    if (open.length < CONCURRENT && bytes < mb * 1e6) open.push(new Connection(connections++, rnd));
    const at = Math.floor(rnd() * open.length);
    const packet = open[at].next();
    if (!packet) {
      endings[open[at].ending] = (endings[open[at].ending] ?? 0) + 1;
      open.splice(at, 1);
      continue;
    }
    microseconds += BigInt(1 + Math.floor(rnd() * 200));
    const record = Buffer.alloc(16);
    record.writeUInt32LE(Number(microseconds / 1_000_000n), 0);
    record.writeUInt32LE(Number(microseconds % 1_000_000n), 4);
    record.writeUInt32LE(packet.length, 8);
    record.writeUInt32LE(packet.length, 12);
    pending.push(record, packet);
    bytes += record.length + packet.length;
    packets++;
    if (pending.length > 2000) await flush();
  }
  await flush();
  await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())));
  const reference = { version: GENERATOR_VERSION, bytes, packets, connections, concurrent: CONCURRENT, endings };
  writeFileSync(meta, JSON.stringify(reference));
  return reference;
}
