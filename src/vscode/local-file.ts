// A file on this machine's disk, read a chunk at a time (Node only: the browser has no disk, and
// there files are read whole through vscode.workspace.fs). Leaving the loop early closes the file.
import { createReadStream } from 'node:fs';

export async function* streamLocalFile(path: string, chunkBytes: number): AsyncGenerator<Uint8Array> {
  for await (const chunk of createReadStream(path, { highWaterMark: chunkBytes }) as AsyncIterable<Buffer>) yield chunk;
}
