// Reads a capture file into a timeline (extension host), a megabyte at a time: the capture reader
// turns each chunk into segments and the builder takes them as they come, so the extension host
// answers other requests between chunks and only the open connections are held in memory. A
// file on this machine's disk is streamed (the Node host); another file system (remote, virtual),
// and every file in the browser, offers no stream, so its bytes are read through
// vscode.workspace.fs and then fed in the same chunks.
import * as vscode from 'vscode';
import type { Locale } from '../core/model/locales';
import type { Timeline, TimelineConnection } from '../core/timeline/types';
import type { HostAbilities } from './host';
import { nextTurn } from './next-turn';
import { loadTimelineCore } from './timeline-load';

/** Bytes handed to the reader at a time. */
const CHUNK_BYTES = 1 << 20;

export interface ReadOptions {
  /** Which connections keep their segments (the rest keep only their counts and states). */
  readonly keepSegments: boolean | ((connectionId: number) => boolean);
  /** Bytes read so far, and the file's size when known. */
  readonly onProgress?: (bytes: number, total: number | undefined) => void;
  /** Stops reading (the editor was closed): what was read so far is returned, and not shown. */
  readonly cancelled?: () => boolean;
  /**
   * Each connection as soon as it is done (TimelineOptions.onConnection), so the list can be
   * shown while the file is read; the returned timeline then holds none of them.
   */
  readonly onConnection?: (connection: TimelineConnection) => void;
  /** The language of a damaged file's message (default English). */
  readonly locale?: Locale;
}

async function* chunksOf(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += CHUNK_BYTES) {
    yield bytes.subarray(at, at + CHUNK_BYTES);
    // Let the extension host run other work between chunks, as a stream would.
    await nextTurn();
  }
}

/** The size of `uri`, when its file system says. */
export async function sizeOf(uri: vscode.Uri): Promise<number | undefined> {
  try {
    return (await vscode.workspace.fs.stat(uri)).size;
  } catch {
    return undefined;
  }
}

/**
 * The timeline of the capture at `uri`. A damaged file does not throw: the timeline holds what
 * was read before the damage and the reader's message (with its byte offset) in `error`. A file
 * that cannot be read at all (missing, denied) rejects.
 */
export async function readCaptureTimeline(host: HostAbilities, uri: vscode.Uri, options: ReadOptions): Promise<Timeline> {
  const { CaptureReader, TimelineBuilder } = loadTimelineCore();
  const total = await sizeOf(uri);
  const reader = new CaptureReader();
  const builder = new TimelineBuilder({ keepSegments: options.keepSegments, onConnection: options.onConnection });
  const chunks = uri.scheme === 'file' && host.streamLocalFile ? host.streamLocalFile(uri.fsPath, CHUNK_BYTES) : chunksOf(await vscode.workspace.fs.readFile(uri));
  let read = 0;
  for await (const chunk of chunks) {
    if (options.cancelled?.()) break; // leaving the loop closes the file
    for (const segment of reader.push(chunk)) builder.push(segment);
    read += chunk.length;
    options.onProgress?.(read, total);
    // A turn of the event loop per chunk, even when the next one is already buffered: the
    // webview's `ready` and the batches of connections (timeline-view.ts) go through it.
    await nextTurn();
  }
  const end = reader.end();
  // The message names the byte offset almost always; where it does not, it is added, so the user can find the spot.
  const error = end.error?.describe(options.locale ?? 'en');
  return builder.end({ source: end.format ?? 'pcap', error, skippedLinkTypes: end.skippedLinkTypes });
}
