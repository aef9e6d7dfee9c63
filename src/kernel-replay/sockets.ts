// The two endpoints as real sockets on loopback (node:net): the application calls of a replay
// plan made on them, the kernel's states read back until they are at rest, and everything
// closed again. The hard-won details come from the kernel test's replayer
// (test/kernel/kernel-trace.mjs): a server that neither reads nor closes behind our back
// (allowHalfOpen, pauseOnConnect), stop-reading that really stops reading, abort as
// resetAndDestroy(), TIME-WAIT seen only in the socket tables. Every port is the kernel's choice
// (listen on 127.0.0.1 port 0). Host side, Node only, never `vscode`.
import net from 'node:net';
import type { EndpointId } from '../core/simulation';
import type { Guard } from './guard';
import type { Localized } from '../core/model/locales';
import { nodeClosedReason, type ReplayCall } from './plan';
import { IN_HANDSHAKE, linuxToRfcState, LOOPBACK, NO_SOCKET, readLoopbackSockets } from './proc-net-tcp';

/** How often the socket table is read while the kernel settles. */
const POLL_MS = 10;
/**
 * States that stay the same this long count as at rest even where they are not the simulator's:
 * Linux delays an ACK by up to 200 ms (TCP_DELACK_MAX), so a shorter quiet time could end
 * between a segment and the ACK it is owed.
 */
const QUIET_MS = 300;
/** How long cleanup waits for Node to report each socket and listener closed. */
const CLEANUP_MS = 2000;

type Handle = net.Socket | net.Server;

/** A socket or listener of ours, and when Node says it is closed. */
interface Tracked {
  readonly what: string;
  readonly handle: Handle;
  readonly closed: Promise<void>;
  isClosed: boolean;
}

/** What one reading of the socket table shows for the two endpoints, in Linux's names. */
interface Reading {
  readonly client: string;
  readonly server: string;
}

/**
 * Stops the application reading, so what arrives stays in the kernel's receive queue. pause()
 * alone only stops 'data' events: Node keeps reading into its own buffer, and a close() with an
 * empty kernel queue sends FIN, not RST. So the libuv handle stops reading too.
 */
function stopReading(socket: net.Socket): void {
  socket.pause();
  const handle = (socket as unknown as { _handle?: { reading?: boolean; readStop?: () => number } })._handle;
  if (handle && typeof handle.readStop === 'function') {
    if (handle.reading) {
      handle.reading = false;
      handle.readStop();
    }
  } else if (!socket.destroyed) {
    throw new Error('kernel replay: cannot stop reading: this Node has no socket._handle.readStop()');
  }
}

/**
 * The two endpoints on loopback. The simulator's server is one TCB, a listener until the SYN
 * arrives and the connection after; Linux keeps the listener apart and clones the connection
 * off it. So the listener stops listening once it has accepted our connection: a later
 * connect() is refused, as the simulator's CLOSED server refuses it.
 */
export class Loopback {
  private readonly tracked: Tracked[] = [];
  /** The sockets of ours in the table: `local>remote` (remote 0: a listener). */
  private readonly tuples = new Set<string>();
  private listener: net.Server | undefined;
  private listening = false;
  /** The port the server listens or listened on (0: none yet). */
  serverPort = 0;
  private client: net.Socket | undefined;
  /** The client socket's own port, once connected, and the port it connected to. */
  clientPort: number | undefined;
  private clientTarget = 0;
  /** The connection the server side holds: the accepted socket and the client's port it talks to. */
  private child: net.Socket | undefined;
  private serverPeer: number | undefined;
  private readonly accepted: net.Socket[] = [];
  private acceptWaiter: (() => void) | undefined;
  /** Whether the server's application reads the connection it accepts next. */
  private serverReads = true;

  constructor(private readonly guard: Guard) {}

  private track(handle: Handle, what: string): void {
    const entry: Tracked = { what, handle, isClosed: false, closed: new Promise<void>((resolve) => handle.once('close', () => resolve())) };
    void entry.closed.then(() => (entry.isClosed = true));
    // An 'error' with no listener would throw in the extension host: a RST is an ordinary outcome here.
    handle.on('error', () => undefined);
    this.tracked.push(entry);
  }

  private closedOf(handle: Handle): Promise<void> {
    return this.tracked.find((t) => t.handle === handle)?.closed ?? Promise.resolve();
  }

  private socketOf(endpoint: EndpointId): net.Socket | undefined {
    return endpoint === 'client' ? this.client : this.child;
  }

  /**
   * Makes one call. Returns why it cannot be made where Node has already closed the socket the
   * simulator still writes on (a reason for a stop), else undefined.
   */
  async play(call: ReplayCall): Promise<Localized<string> | undefined> {
    const { endpoint } = call;
    const where = `step ${call.step}, ${call.label}`;
    switch (call.call) {
      case 'passive-open':
        await this.listen(where, call.reading.server);
        return undefined;
      case 'active-open':
        await this.connect(where, call.reading.client);
        return undefined;
      case 'stop-reading': {
        if (endpoint === 'server') this.serverReads = false;
        const socket = this.socketOf(endpoint);
        if (socket && !socket.destroyed) stopReading(socket);
        return undefined;
      }
      case 'send':
      case 'shutdown': {
        const socket = this.socketOf(endpoint);
        if (!socket || socket.destroyed) return nodeClosedReason(call);
        if (call.call === 'send') {
          const bytes = Buffer.alloc(call.bytes ?? 0, 0x61);
          await this.guard.within(new Promise<void>((resolve, reject) => socket.write(bytes, (e) => (e ? reject(e) : resolve()))), `${where}: the kernel taking the bytes`);
        } else if (!socket.writableEnded) {
          const finished = new Promise<void>((resolve) => socket.once('finish', () => resolve()));
          socket.end();
          await this.guard.within(finished, `${where}: shutdown(SHUT_WR) completing`);
        }
        return undefined;
      }
      case 'close':
      case 'abort': {
        const socket = this.socketOf(endpoint);
        if (socket) {
          // Node may have closed it already (after a RST): then the kernel has nothing left to do.
          if (!socket.destroyed) {
            if (call.call === 'abort') {
              if (typeof socket.resetAndDestroy !== 'function') throw new Error('kernel replay: abort needs socket.resetAndDestroy() (Node 16.17 or 18.3 and later)');
              socket.resetAndDestroy();
            }
            else socket.destroy();
          }
          await this.guard.within(this.closedOf(socket), `${where}: Node closing the socket`);
        } else if (endpoint === 'server') this.stopListening();
        return undefined;
      }
    }
  }

  private async listen(where: string, reads: boolean): Promise<void> {
    const server = net.createServer({ allowHalfOpen: true, pauseOnConnect: true });
    this.track(server, 'listener');
    server.on('connection', (socket) => this.onConnection(server, socket));
    const port = await this.guard.within(
      new Promise<number>((resolve, reject) => {
        server.once('error', reject);
        server.listen({ port: 0, host: LOOPBACK }, () => resolve((server.address() as net.AddressInfo).port));
      }),
      `${where}: listen()`,
    );
    this.listener = server;
    this.listening = true;
    this.serverPort = port;
    this.tuples.add(`${port}>0`);
    this.child = undefined;
    this.serverPeer = undefined;
    this.serverReads = reads;
  }

  /**
   * Node accepts by itself once the listener is readable, maybe before the client's 'connect'
   * has told us its port: every connection waits here until `connect` picks ours.
   */
  private onConnection(server: net.Server, socket: net.Socket): void {
    this.track(socket, 'server');
    if (server !== this.listener) {
      socket.destroy(); // a listener of an earlier passive open: not ours to keep
      return;
    }
    if (this.serverReads) socket.resume();
    else stopReading(socket);
    this.accepted.push(socket);
    this.acceptWaiter?.();
  }

  /**
   * Stops listening at once (the kernel's listener goes with the handle). Node's 'close' of the
   * server waits for its connections too: cleanup waits for that one.
   */
  private stopListening(): void {
    if (!this.listener || !this.listening) return;
    this.listening = false;
    this.listener.close();
  }

  /** A port nobody listens on: the kernel picks one, and it is given back at once. */
  private async freePort(where: string): Promise<number> {
    const server = net.createServer();
    this.track(server, 'port finder');
    const port = await this.guard.within(
      new Promise<number>((resolve, reject) => {
        server.once('error', reject);
        server.listen({ port: 0, host: LOOPBACK }, () => resolve((server.address() as net.AddressInfo).port));
      }),
      `${where}: finding a free port`,
    );
    server.close();
    await this.guard.within(this.closedOf(server), `${where}: giving the free port back`);
    return port;
  }

  private async connect(where: string, reads: boolean): Promise<void> {
    const toListener = this.listening;
    const port = this.serverPort || (await this.freePort(where));
    if (!this.serverPort) this.serverPort = port;
    const socket = net.connect({ host: LOOPBACK, port, allowHalfOpen: true });
    this.track(socket, 'client');
    this.client = socket;
    this.clientPort = undefined;
    this.clientTarget = port;
    const connected = await this.guard.within(
      new Promise<boolean>((resolve) => {
        socket.once('connect', () => resolve(true));
        socket.once('error', () => resolve(false)); // refused: a RST answered the SYN
      }),
      `${where}: connect() succeeding or failing`,
    );
    if (!connected) return;
    const clientPort = socket.localPort!;
    this.clientPort = clientPort;
    this.tuples.add(`${clientPort}>${port}`);
    if (reads) socket.resume();
    else stopReading(socket);
    if (!toListener) return;
    this.tuples.add(`${port}>${clientPort}`);
    this.serverPeer = clientPort;
    const mine = (): net.Socket | undefined => this.accepted.find((s) => s.remotePort === clientPort);
    if (!mine()) {
      await this.guard.within(
        new Promise<void>((resolve) => {
          this.acceptWaiter = () => {
            if (mine()) resolve();
          };
        }),
        `${where}: the server accepting the connection`,
      );
    }
    this.acceptWaiter = undefined;
    this.child = mine();
    // The simulator's server is this connection now, no longer a listener (see the class comment).
    this.stopListening();
  }

  /** The two endpoints' states now, in Linux's names ('-': no socket). */
  async read(): Promise<Reading> {
    const table = await readLoopbackSockets();
    const state = (local: number, remote: number): string => {
      const mine = table.filter((e) => e.localPort === local && e.remotePort === remote);
      // Where an old timewait socket shares the 4-tuple, the live socket is ours.
      return (mine.find((e) => e.state !== 'TIME_WAIT') ?? mine[0])?.state ?? NO_SOCKET;
    };
    const client = this.clientPort === undefined ? NO_SOCKET : state(this.clientPort, this.clientTarget);
    const server = this.serverPeer !== undefined ? state(this.serverPort, this.serverPeer) : this.listening ? state(this.serverPort, 0) : NO_SOCKET;
    return { client, server };
  }

  /**
   * Reads until the kernel is at rest: the same states in two reads in a row, none in the middle
   * of a handshake, and either the simulator's (`expected`) or unchanged for QUIET_MS.
   */
  async settle(expected: ReplayCall['settled'], where: string): Promise<Reading> {
    const deadline = Date.now() + this.guard.timeoutMs;
    let last: Reading | undefined;
    let since = Date.now();
    for (;;) {
      this.guard.check();
      const now = await this.read();
      const same = last !== undefined && last.client === now.client && last.server === now.server;
      if (!same) since = Date.now();
      const moving = IN_HANDSHAKE.has(now.client) || IN_HANDSHAKE.has(now.server);
      const asSimulated = linuxToRfcState(now.client) === expected.client && linuxToRfcState(now.server) === expected.server;
      if (same && !moving && (asSimulated || Date.now() - since >= QUIET_MS)) return now;
      if (Date.now() >= deadline) throw new Error(`kernel replay: ${where}: the sockets did not come to rest within ${this.guard.timeoutMs} ms (client ${now.client}, server ${now.server})`);
      last = now;
      await this.guard.sleep(POLL_MS);
    }
  }

  /**
   * Closes everything of ours, whatever happened before; never throws. A RST (resetAndDestroy)
   * rather than close(): no FIN-WAIT or TIME-WAIT is left behind by the cleanup itself.
   */
  async close(): Promise<void> {
    this.listening = false;
    for (const { handle } of this.tracked) {
      if (handle instanceof net.Socket) {
        if (!handle.destroyed) {
          try {
            handle.resetAndDestroy();
          } catch {
            handle.destroy();
          }
        }
      } else if (handle.listening) handle.close(); // also one whose listen() an abort cut short
    }
    const pending = this.tracked.filter((t) => !t.isClosed);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(pending.map((t) => t.closed)), new Promise<void>((resolve) => (timer = setTimeout(resolve, CLEANUP_MS)))]);
    clearTimeout(timer);
  }

  /** What of ours is still open after `close`: Node handles not closed, and our sockets in the table other than TIME_WAIT (that one is the kernel's). */
  async leftovers(): Promise<string[]> {
    const deadline = Date.now() + CLEANUP_MS;
    for (;;) {
      const left = (await readLoopbackSockets().catch(() => []))
        .filter((e) => this.tuples.has(`${e.localPort}>${e.remotePort}`) && e.state !== 'TIME_WAIT')
        .map((e) => `${e.state} ${e.localAddress}:${e.localPort} -> ${e.remoteAddress}:${e.remotePort || '*'}`);
      const open = this.tracked.filter((t) => !t.isClosed).map((t) => `the ${t.what}'s Node ${t.handle instanceof net.Socket ? 'socket' : 'server'} is not closed`);
      if ((left.length === 0 && open.length === 0) || Date.now() >= deadline) return [...open, ...left];
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}
