// "TCP: Count States" on a file that is not open (extension host), from the explorer's context
// menu. On this machine's disk (the Node host) the file is read as a stream, a megabyte at a time,
// decoded in the encoding its first bytes show, and counted as it arrives, so a 200 MB dump is
// never held in memory and the extension host answers hovers between chunks; a progress
// notification says how far it is and can cancel, and a cancelled count shows nothing (half a
// dump's counts would mislead). Another file system, and every file in the browser, offers no
// stream: the file is read whole through vscode.workspace.fs, within a bound.
import * as vscode from 'vscode';
import type { CensusScanner } from '../core';
import { showCensus } from './census-message';
import { loadCore } from './load-core';
import type { PanelContext } from './webview-panel';

/** Bytes read at a time: large enough to be fast, small enough to yield to other work often. */
const CHUNK_BYTES = 1 << 20;
/** Files on a file system that is not the local disk are read whole; above this, they are refused. */
export const MAX_NON_LOCAL_BYTES = 64 * 1024 * 1024;

type Outcome = { readonly done: true } | { readonly done: false; readonly readBytes: number };

function megabytes(bytes: number): string {
  return (bytes / 1e6).toFixed(bytes < 10e6 ? 1 : 0);
}

function reasonOf(error: unknown): string {
  // Node's codes from the stream; vscode.workspace.fs's from every other read.
  const code = error instanceof vscode.FileSystemError ? error.code : (error as { code?: unknown } | undefined)?.code;
  if (code === 'ENOENT' || code === 'FileNotFound') return vscode.l10n.t('the file does not exist');
  if (code === 'EACCES' || code === 'EPERM' || code === 'NoPermissions') return vscode.l10n.t('permission denied');
  if (code === 'EISDIR' || code === 'FileIsADirectory') return vscode.l10n.t('it is a folder');
  return error instanceof Error ? error.message : String(error);
}

/** Decodes bytes into text for the scanner: the encoding is judged from the first chunk. */
class ChunkDecoder {
  private decoder: InstanceType<typeof TextDecoder> | undefined;
  /** Set when a UTF-8 file holds zero bytes: binary content, whose text parts are still counted. */
  binary = false;

  constructor(private readonly scanner: CensusScanner) {}

  push(bytes: Uint8Array): void {
    if (!this.decoder) {
      const { sniffEncoding } = loadCore();
      this.decoder = new TextDecoder(sniffEncoding(bytes), { fatal: false });
    }
    // UTF-16 text is full of zero bytes; only in UTF-8 does a zero byte mean binary content.
    if (!this.binary && this.decoder.encoding === 'utf-8' && bytes.includes(0)) this.binary = true;
    this.scanner.push(this.decoder.decode(bytes, { stream: true }));
  }

  end(): void {
    if (this.decoder) this.scanner.push(this.decoder.decode());
  }
}

/** Counts a stream of the file's chunks, reporting progress, until done or cancelled. */
async function countChunks(
  chunks: AsyncIterable<Uint8Array>,
  size: number,
  decoder: ChunkDecoder,
  progress: vscode.Progress<{ message?: string; increment?: number }>,
  token: vscode.CancellationToken,
): Promise<Outcome> {
  let read = 0;
  let reported = 0;
  // Leaving the loop on Cancel closes the stream (the iterator's return).
  for await (const chunk of chunks) {
    if (token.isCancellationRequested) break;
    decoder.push(chunk);
    read += chunk.length;
    // One report per percent at most: each one crosses to the window.
    const percent = size > 0 ? Math.floor((read / size) * 100) : 100;
    if (percent > reported) {
      progress.report({ increment: percent - reported, message: vscode.l10n.t('{0} of {1} MB', megabytes(read), megabytes(size)) });
      reported = percent;
    }
  }
  if (token.isCancellationRequested) return { done: false, readBytes: read };
  decoder.end();
  return { done: true };
}

/** Counts the TCP states of `uri` without opening it in an editor, and shows them on the diagram. */
export async function countFile(context: PanelContext, uri: vscode.Uri): Promise<void> {
  const name = vscode.workspace.asRelativePath(uri);
  const { CensusScanner } = loadCore();
  const scanner = new CensusScanner();
  const decoder = new ChunkDecoder(scanner);
  const started = Date.now();
  let outcome: Outcome;
  try {
    const info = await vscode.workspace.fs.stat(uri);
    if (info.type & vscode.FileType.Directory) throw vscode.FileSystemError.FileIsADirectory(uri);
    const stream = context.host.streamLocalFile;
    if (uri.scheme === 'file' && stream) {
      outcome = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Counting TCP states in {0}', name), cancellable: true },
        (progress, token) => countChunks(stream(uri.fsPath, CHUNK_BYTES), info.size, decoder, progress, token),
      );
    } else {
      // Another file system (a virtual or remote one, or any in the browser) offers no stream: read whole, within a bound.
      if (info.size > MAX_NON_LOCAL_BYTES) {
        void vscode.window.showWarningMessage(
          vscode.l10n.t('{0} is {1} MB, too large to read from this file system at once (the limit is {2} MB). Open it in an editor or copy it to a local folder.', name, megabytes(info.size), megabytes(MAX_NON_LOCAL_BYTES)),
        );
        return;
      }
      decoder.push(await vscode.workspace.fs.readFile(uri));
      decoder.end();
      outcome = { done: true };
    }
  } catch (error) {
    const reason = reasonOf(error);
    context.log.error(`census of ${uri.toString()} failed: ${reason}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Cannot count the TCP states in {0}: {1}', name, reason));
    return;
  }
  if (!outcome.done) {
    context.log.info(`census of ${uri.toString()} cancelled after ${megabytes(outcome.readBytes)} MB`);
    void vscode.window.showInformationMessage(vscode.l10n.t('Counting stopped after {0} MB of {1}; nothing is shown for a part of a file.', megabytes(outcome.readBytes), name));
    return;
  }
  if (decoder.binary) {
    context.log.warn(`census of ${uri.toString()}: the file looks binary; only its text parts were counted`);
    void vscode.window.showWarningMessage(vscode.l10n.t('{0} looks binary (it holds zero bytes): only its text parts were counted.', name));
  }
  showCensus(scanner.end(), { uri, label: name, firstLine: 0 }, context, Date.now() - started);
}
