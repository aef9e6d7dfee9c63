// `census FILE` of a large UTF-8 file on two threads, with the very result of one: a worker reads
// the file and reads each line ahead as bytes (byte-row.ts's `annotateLines`: the mention and the
// row's parts, the part of the work that depends on nothing but the line), while this thread
// counts the chunks in order (byte-scanner.ts with the worker's records: line numbers, the
// document's judgement, the lines left to the string path, and the rankings, whose Space-Saving
// depends on the order of every key, stay on one thread, in file order). The worker reads at most
// IN_FLIGHT chunks ahead of the counting, so memory stays flat. Node only (worker_threads, fs).
import { closeSync, openSync, readSync } from 'node:fs';
import { Worker, parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { annotateLines, CensusByteScanner, RECORD, type CensusResult } from './core/census';

/** Bytes read at a time (a chunk ends at its last `\n`: the rest goes with the next). */
const CHUNK_BYTES = 1 << 20;
/** Chunks read ahead of the counting, at most: slack for when one thread is held up (a busy machine), 2 MiB each. */
const IN_FLIGHT = 8;
/**
 * Every this many chunks, one is sent unread: the counting thread reads its lines itself. Reading
 * lines costs more than counting them (about 1.3 : 1 on the bench dump), so the counting thread
 * would otherwise wait for the reader part of the time.
 */
const COUNTER_READS_EVERY = 5;

interface Job {
  readonly path: string;
  /** One Int32: the chunks counted so far (the worker waits on it). */
  readonly counted: SharedArrayBuffer;
}

/** A chunk's buffers, back from the counting thread for the next chunks. */
interface Returned {
  readonly bytes: ArrayBuffer;
  readonly records: ArrayBuffer;
}

interface AheadChunk {
  readonly bytes: Uint8Array;
  readonly records: Int32Array;
  /** -1: the lines were not read ahead. */
  readonly count: number;
}

/** True in the census's worker thread (cli.ts then runs `readAhead` instead of the command). */
export function isCensusWorker(): boolean {
  return Boolean((workerData as { censusJob?: Job } | null)?.censusJob);
}

/**
 * The worker: reads the file in chunks of whole lines and posts each with its lines' records. The
 * buffers come back once counted (`Returned`) and are read into again: a fixed few are in use
 * however large the file.
 */
export function readAhead(): void {
  const { path, counted } = (workerData as { censusJob: Job }).censusJob;
  const port = parentPort!;
  const done = new Int32Array(counted);
  const byteBuffers: ArrayBuffer[] = [];
  const recordBuffers: ArrayBuffer[] = [];
  const reclaim = (): void => {
    for (let back = receiveMessageOnPort(port); back; back = receiveMessageOnPort(port)) {
      const returned = back.message as Returned;
      byteBuffers.push(returned.bytes);
      recordBuffers.push(returned.records);
    }
  };
  // A chunk is what is left of the last one (less than a chunk: the part after its last `\n`) and the bytes read.
  const nextBuffer = (): Uint8Array => new Uint8Array(byteBuffers.pop() ?? new ArrayBuffer(2 * CHUNK_BYTES));
  const fd = openSync(path, 'r');
  let buffer = nextBuffer();
  let carried = 0;
  let sent = 0;
  try {
    for (;;) {
      const read = readSync(fd, buffer, carried, CHUNK_BYTES, null);
      const filled = carried + read;
      // Whole lines; at the end, what is left; a line longer than a chunk goes in pieces (the
      // counting side then takes it as text, which holds a line's start across chunks).
      let cut = filled;
      if (read > 0) {
        const last = buffer.lastIndexOf(10, filled - 1);
        if (last >= 0) cut = last + 1;
        else if (filled < CHUNK_BYTES) cut = 0;
      }
      if (cut === 0) {
        if (read === 0) break;
        carried = filled;
        continue;
      }
      for (let seen = Atomics.load(done, 0); sent - seen >= IN_FLIGHT; seen = Atomics.load(done, 0)) Atomics.wait(done, 0, seen);
      reclaim();
      const next = nextBuffer();
      next.set(buffer.subarray(cut, filled));
      carried = filled - cut;
      const bytes = buffer.subarray(0, cut);
      let records: Int32Array = new Int32Array(recordBuffers.pop() ?? new ArrayBuffer(RECORD * 4 * 16384));
      let count = -1;
      if (sent % COUNTER_READS_EVERY !== COUNTER_READS_EVERY - 1) {
        const annotated = annotateLines(bytes, records);
        records = annotated.records;
        count = annotated.count;
      }
      const chunk: AheadChunk = { bytes, records, count };
      port.postMessage(chunk, [buffer.buffer as ArrayBuffer, records.buffer as ArrayBuffer]);
      sent++;
      buffer = next;
      if (read === 0) break;
    }
  } finally {
    closeSync(fd);
  }
  port.postMessage(null);
}

/**
 * The census of the UTF-8 file `path` on two threads; `seen` is shown each chunk's bytes before it
 * is counted (the CLI looks for zero bytes there). `script` is the file the worker runs (cli.js).
 */
export function censusOnTwoThreads(path: string, script: string, decode: (bytes: Uint8Array | undefined) => string, seen: (bytes: Uint8Array) => void): Promise<CensusResult> {
  return new Promise((resolve, reject) => {
    const counted = new SharedArrayBuffer(4);
    const done = new Int32Array(counted);
    const scanner = new CensusByteScanner(decode);
    const worker = new Worker(script, { workerData: { censusJob: { path, counted } satisfies Job } });
    let finished = false;
    worker.on('message', (chunk: AheadChunk | null) => {
      try {
        if (chunk === null) {
          finished = true;
          resolve(scanner.end());
          return;
        }
        seen(chunk.bytes);
        scanner.push(chunk.bytes, chunk.count >= 0 ? chunk : undefined);
        // Nothing the census keeps refers to the bytes (it keeps strings and copies): they can be read into again.
        const back: Returned = { bytes: chunk.bytes.buffer as ArrayBuffer, records: chunk.records.buffer as ArrayBuffer };
        worker.postMessage(back, [back.bytes, back.records]);
        Atomics.add(done, 0, 1);
        Atomics.notify(done, 0);
      } catch (error) {
        finished = true;
        void worker.terminate();
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    worker.on('error', (error) => {
      finished = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      if (!finished) reject(new Error(`the census's reading thread stopped (exit ${code})`));
    });
  });
}
