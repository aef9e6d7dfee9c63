// Recording real captures during a test run, shared by the capture tests (not a test itself: the
// build bundles only *.test.ts files, and both capture test files import this one). tcpdump
// records a connection the test makes on a loopback address until the file holds what the test
// waits for; the caller then reads the file with the reader under test. Needs root and tcpdump.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { CaptureReader, type CapturedSegment } from '../../src/core/capture';

/**
 * Deliver each packet at once instead of at the ring's block timeout. The buffer matters: in
 * immediate mode on "any", libpcap's default ring dropped packets of this tiny connection, and
 * with 8 MiB the kernel test's ten interleaved connections lost a burst of segments in three
 * runs of four on a 2-core machine (the recording then never saw two connections end); 32 MiB
 * lost none in four.
 */
export const IMMEDIATE = ['--immediate-mode', '-B', '32768'];

/** Resolves when tcpdump says it is listening; rejects with its stderr when it exits first. */
export function startTcpdump(args: readonly string[], installHint: string): Promise<ChildProcess> {
  const child = spawn('tcpdump', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (data: Buffer) => {
      stderr += data.toString();
      if (stderr.includes('listening on')) resolve(child);
    });
    child.on('error', (error) => reject(new Error(`tcpdump did not start: ${error.message}; ${installHint}`)));
    child.on('exit', (code) => reject(new Error(`tcpdump exited (${code}) before listening: ${stderr}`)));
  });
}

/** The segments in the file so far (tcpdump -U writes each packet as it sees it). */
export function segmentsSoFar(file: string): CapturedSegment[] {
  const size = statSync(file).size;
  const bytes = new Uint8Array(size);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, bytes, 0, size, 0);
  } finally {
    closeSync(fd);
  }
  return new CaptureReader().push(bytes);
}

/** Waits (polling what it checks, up to 10 s) until `check` holds. */
export async function until(check: () => boolean, what: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** What a test does on the connection it records. */
export type Exchange = (host: string, port: number, server: ReturnType<typeof createServer>) => Promise<void>;

/** One connection: the client sends, the server answers, the client closes, the server closes. */
export const talk: Exchange = async (host, port, server) => {
  const served = once(server, 'connection') as Promise<[Socket]>;
  const client = connect({ host, port });
  const [peer] = await served;
  peer.on('data', () => peer.write('pong pong pong'));
  peer.on('end', () => peer.end());
  client.on('data', () => client.end());
  client.write('ping from the capture test');
  await Promise.all([once(client, 'close'), once(peer, 'close')]);
};

/** Data one way, then the server resets. */
export const reset: Exchange = async (host, port, server) => {
  const served = once(server, 'connection') as Promise<[Socket]>;
  const client = connect({ host, port });
  client.on('error', () => undefined);
  const clientClosed = new Promise((resolve) => client.on('close', resolve));
  const [peer] = await served;
  const got = once(peer, 'data');
  client.write('hello, then a reset');
  await got;
  peer.resetAndDestroy();
  await clientClosed;
};

/** Both FINs are in and something (the last ACK) came after the second one. */
export const closed = (segments: CapturedSegment[]): boolean => {
  const fins = segments.flatMap((s, i) => (s.flags.fin ? [i] : []));
  return fins.length >= 2 && fins[1]! < segments.length - 1;
};

export const wasReset = (segments: CapturedSegment[]): boolean => segments.some((s) => s.flags.rst);

export interface Recording {
  /** The folder the capture is written to, and its file name there. */
  readonly dir: string;
  readonly name: string;
  readonly host: string;
  readonly device: string;
  readonly exchange: Exchange;
  /** What the file must hold before tcpdump is stopped. */
  readonly done: (segments: CapturedSegment[]) => boolean;
  /** More tcpdump arguments (precision, link type, snap length). */
  readonly extra?: readonly string[];
  readonly installHint: string;
}

/** Records one connection with tcpdump and returns the capture file's path. */
export async function record(r: Recording): Promise<string> {
  const file = join(r.dir, r.name);
  const server = createServer();
  server.listen(0, r.host);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const tcpdump = await startTcpdump(['-i', r.device, '-w', file, '-U', ...IMMEDIATE, ...(r.extra ?? []), `tcp port ${port}`], r.installHint);
  const exited = once(tcpdump, 'exit');
  try {
    await r.exchange(r.host, port, server);
    await until(
      () => r.done(segmentsSoFar(file)),
      () => `the last segments in ${r.name}; it has ${segmentsSoFar(file).map((s) => `${s.srcPort}>${s.dstPort} 0x${s.flagBits.toString(16)}`).join(', ')}`,
    );
  } finally {
    tcpdump.kill('SIGINT');
    await exited;
    server.close();
  }
  return file;
}
