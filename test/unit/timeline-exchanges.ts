// What real sockets do in the timeline's recorded scenarios (issue 14): both close orders,
// half-close, abort, refused, close with unread data, several connections at once. Each is an
// Exchange for capture-recording.ts's record() (tcpdump on loopback), used by the unit test of
// the timeline on real captures and, bundled by esbuild, by the kernel check
// (test/kernel/timeline.test.mjs). Not a test itself (the build bundles only *.test.ts).
import { once } from 'node:events';
import { connect, type Server, type Socket } from 'node:net';
import type { CapturedSegment } from '../../src/core/capture';
import type { Exchange } from './capture-recording';

/**
 * Longer than Linux's delayed-ACK timer (TCP_DELACK_MAX, 200 ms): a FIN waited on this long is
 * acknowledged by an ACK of its own, so the closer's FIN-WAIT-2 shows on the wire.
 */
const LATER_MS = 300;

const later = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, LATER_MS));
// Not events.once: it rejects on the 'error' a reset or a refusal emits before 'close'.
/** Node reads the half-open option off the server at each accept (lib/net.js onconnection); its types do not show it. */
function acceptHalfOpen(server: Server): void {
  (server as Server & { allowHalfOpen: boolean }).allowHalfOpen = true;
}

const closed = (socket: Socket): Promise<unknown> => new Promise((resolve) => socket.on('close', resolve));

async function pair(host: string, port: number, server: Server, options: { clientHalfOpen?: boolean } = {}): Promise<[Socket, Socket]> {
  // Sockets accepted from now on keep their side open after the peer's FIN, so each side closes when the scenario says.
  acceptHalfOpen(server);
  const served = once(server, 'connection') as Promise<[Socket]>;
  const client = connect({ host, port, allowHalfOpen: options.clientHalfOpen ?? true });
  client.on('error', () => undefined);
  const [peer] = await served;
  peer.on('error', () => undefined);
  // Flowing, so that 'end' comes when the peer's FIN does, whether or not a side reads its data.
  client.resume();
  peer.resume();
  return [client, peer];
}

/**
 * Data both ways, then the client closes. The server closes later (after its own ACK of the
 * FIN), or, with `answerAtOnce`, at once: its FIN then carries the ACK of the client's FIN.
 */
function clientCloses(answerAtOnce: boolean): Exchange {
  return async (host, port, server) => {
    const [client, peer] = await pair(host, port, server);
    peer.on('data', () => peer.write('pong'));
    peer.on('end', () => (answerAtOnce ? peer.end() : void later().then(() => peer.end())));
    client.on('data', () => client.end());
    client.on('end', () => client.destroy());
    client.write('ping');
    await Promise.all([closed(client), closed(peer)]);
  };
}

export const clientClosesFirst = clientCloses(false);
export const clientClosesServerAnswers = clientCloses(true);

/** The same with the roles of the close swapped. */
export const serverClosesFirst: Exchange = async (host, port, server) => {
  const [client, peer] = await pair(host, port, server);
  peer.on('data', () => peer.end('pong'));
  peer.on('end', () => peer.destroy());
  client.on('end', () => void later().then(() => client.end()));
  client.write('ping');
  await Promise.all([closed(client), closed(peer)]);
};

/** shutdown(SHUT_WR) by the client; the server still sends twice, then shuts down too. */
export const halfClose: Exchange = async (host, port, server) => {
  const [client, peer] = await pair(host, port, server);
  peer.on('end', () => {
    peer.write(Buffer.alloc(1000, 0x61));
    void later().then(() => peer.end(Buffer.alloc(1000, 0x62)));
  });
  client.on('data', () => undefined);
  client.on('end', () => client.destroy());
  client.end();
  await Promise.all([closed(client), closed(peer)]);
};

/** The client aborts after data both ways: SO_LINGER 0 and close() (Node's resetAndDestroy()): RST. */
export const abort: Exchange = async (host, port, server) => {
  const [client, peer] = await pair(host, port, server);
  peer.on('data', () => peer.write('pong'));
  client.on('data', () => client.resetAndDestroy());
  client.write('ping');
  await Promise.all([closed(client), closed(peer)]);
};

/** Nothing listens on the port any more: the SYN is answered by RST (ECONNREFUSED). */
export const refused: Exchange = async (host, port, server) => {
  await new Promise((resolve) => server.close(resolve));
  const client = connect({ host, port });
  client.on('error', () => undefined);
  await closed(client);
};

/**
 * The server stops reading (the libuv handle too: Node's pause() alone keeps reading into its
 * own buffer), 100 bytes arrive, the server closes: Linux sends RST, not FIN (tcp_close()).
 */
export const closeWithUnreadData: Exchange = async (host, port, server) => {
  const [client, peer] = await pair(host, port, server);
  stopReading(peer);
  await new Promise((resolve) => client.write(Buffer.alloc(100, 0x63), resolve));
  await later();
  peer.destroy();
  await Promise.all([closed(client), closed(peer)]);
};

function stopReading(socket: Socket): void {
  socket.pause();
  const handle = (socket as unknown as { _handle?: { reading?: boolean; readStop?: () => number } })._handle;
  if (!handle?.readStop) throw new Error('cannot stop reading: this Node has no socket._handle.readStop()');
  handle.reading = false;
  handle.readStop();
}

/** `count` connections at once, every other one aborted, the rest closed by the client. */
export function interleaved(count: number): Exchange {
  return async (host, port, server) => {
    acceptHalfOpen(server);
    server.on('connection', (peer: Socket) => {
      peer.on('error', () => undefined);
      peer.on('data', () => peer.write('pong'));
      peer.on('end', () => peer.end());
    });
    const runs = Array.from({ length: count }, async (_, i) => {
      const client = connect({ host, port });
      client.on('error', () => undefined);
      client.on('data', () => (i % 2 === 0 ? client.end() : client.resetAndDestroy()));
      await once(client, 'connect');
      client.write('ping');
      await closed(client);
    });
    await Promise.all(runs);
  };
}

/** Done when `count` connections have each ended: a RST, or both FINs and a segment after them. */
export function allEnded(count: number): (segments: CapturedSegment[]) => boolean {
  return (segments) => {
    const byTuple = new Map<string, CapturedSegment[]>();
    for (const s of segments) {
      const key = [s.srcPort, s.dstPort].sort().join(' ');
      byTuple.set(key, [...(byTuple.get(key) ?? []), s]);
    }
    const ended = (list: CapturedSegment[]): boolean => list.some((s) => s.flags.rst) || (list.filter((s) => s.flags.fin).length >= 2 && !list.at(-1)!.flags.fin);
    return [...byTuple.values()].filter(ended).length >= count;
  };
}
