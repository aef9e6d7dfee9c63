// Segments for the timeline tests, written the way tcpdump prints flags, one line each:
//   'c S 100'            client to server, SYN, seq 100
//   's S. 300 101'       server to client, SYN,ACK, seq 300, ack 101
//   'c P. 101 301 len=5' data;  'c F. 106 301';  'c R 106';  'c . 106 302 win=0 t=1.5'
// Flags: S SYN, F FIN, R RST, P PSH, '.' ACK. Numbers are absolute 32-bit values; `t` is
// seconds. Not a test itself (the build bundles only *.test.ts).
import type { CapturedSegment, TcpFlags } from '../../src/core/capture';

export const CLIENT = { address: '10.0.0.1', port: 40000 };
export const SERVER = { address: '10.0.0.2', port: 80 };

const BASE_NS = 1_700_000_000_000_000_000n;

export function script(lines: readonly string[], ends: { client?: typeof CLIENT; server?: typeof SERVER } = {}): CapturedSegment[] {
  const client = ends.client ?? CLIENT;
  const server = ends.server ?? SERVER;
  return lines.map((line, i) => {
    const tokens = line.trim().split(/\s+/);
    const [who, flagText = '', seqText = '0', ackText] = tokens.filter((t) => !t.includes('='));
    const options = Object.fromEntries(tokens.filter((t) => t.includes('=')).map((kv) => kv.split('=') as [string, string]));
    const [src, dst] = who === 'c' ? [client, server] : [server, client];
    const flags: TcpFlags = {
      syn: flagText.includes('S'),
      fin: flagText.includes('F'),
      rst: flagText.includes('R'),
      psh: flagText.includes('P'),
      ack: flagText.includes('.'),
      urg: false,
      ece: false,
      cwr: false,
      ns: false,
    };
    const flagBits = (flags.fin ? 1 : 0) | (flags.syn ? 2 : 0) | (flags.rst ? 4 : 0) | (flags.psh ? 8 : 0) | (flags.ack ? 16 : 0);
    const time = options.t !== undefined ? BigInt(Math.round(Number(options.t) * 1e9)) : BigInt(i) * 1_000_000n;
    return {
      index: i + 1,
      timestampNs: BASE_NS + time,
      interfaceId: 0,
      ipVersion: src.address.includes(':') ? 6 : 4,
      src: src.address,
      dst: dst.address,
      srcPort: src.port,
      dstPort: dst.port,
      seq: Number(seqText) >>> 0,
      ack: ackText !== undefined ? Number(ackText) >>> 0 : 0,
      flags,
      flagBits,
      window: options.win !== undefined ? Number(options.win) : 65535,
      headerLength: 20,
      options: {},
      payloadLength: options.len !== undefined ? Number(options.len) : 0,
      truncated: options.cut === '1',
      fragment: false,
    } satisfies CapturedSegment;
  });
}

/** The handshake: client ISN 100, server ISN 300. */
export const HANDSHAKE = ['c S 100', 's S. 300 101', 'c . 101 301'];
