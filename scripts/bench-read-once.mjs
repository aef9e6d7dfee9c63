// The floor of a census: reading FILE once, counting newlines and nothing else. Two floors:
//   - text (default): decoded as `node dist/cli.js census` used to decode it (`readText` in
//     src/cli.ts: 1 MiB chunks from createReadStream; while every chunk so far is ASCII, a chunk of
//     ASCII is taken as Latin-1, which for ASCII is the very text UTF-8 decoding gives; otherwise a
//     streaming UTF-8 TextDecoder), newlines counted in the strings;
//   - bytes (`--bytes`): the same chunks left as bytes, newlines counted with Buffer#indexOf: the
//     floor of the census's byte path (src/core/census/byte-scanner.ts), which decodes only the
//     lines it cannot read as bytes;
//   - tokens (`--tokens`): the same chunks as bytes, each line cut into its space-separated
//     tokens and every byte of every token hashed, nothing kept: the least a census does that
//     finds the state column of a row and the columns around it, in one JavaScript thread.
// Prints the count (with --tokens: lines and a hash of the tokens). Usage:
// node scripts/bench-read-once.mjs [--bytes|--tokens] FILE
import { isAscii } from 'node:buffer';
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { TextDecoder } from 'node:util';

const mode = process.argv[2] === '--bytes' || process.argv[2] === '--tokens' ? process.argv[2] : '';
const bytesOnly = mode === '--bytes';
const path = process.argv[mode ? 3 : 2];
if (mode === '--tokens') {
  tokenFloor(path);
  process.exit(0);
}
const decoder = new TextDecoder('utf-8');
let ascii = true;
let newlines = 0;
for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
  /** @type {Buffer} */
  const bytes = chunk;
  if (bytesOnly) {
    for (let at = bytes.indexOf(10); at >= 0; at = bytes.indexOf(10, at + 1)) newlines++;
    continue;
  }
  let text;
  if (ascii && isAscii(bytes)) text = bytes.toString('latin1');
  else {
    ascii = false;
    text = decoder.decode(bytes, { stream: true });
  }
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) newlines++;
}
newlines += (decoder.decode().match(/\n/g) ?? []).length;
process.stdout.write(`${newlines}\n`);

/** Cuts every line of the file into tokens and hashes them (the hash is printed, so no work is skipped). */
function tokenFloor(file) {
  const fd = openSync(file, 'r');
  let buffer = Buffer.allocUnsafe(1 << 20);
  let carried = 0;
  let lines = 0;
  let digest = 0;
  for (;;) {
    const read = readSync(fd, buffer, carried, buffer.length - carried, null);
    const filled = carried + read;
    if (filled === 0) break;
    // At the end, a last line without its break gets one (the buffer has room: it was not full).
    if (read === 0) buffer[carried++] = 10;
    const last = buffer.lastIndexOf(10, (read === 0 ? carried : filled) - 1);
    if (last < 0) {
      if (read === 0) break;
      carried = filled;
      // A line longer than the buffer: a larger one, so the line is read whole (and at the end, its break fits).
      if (carried === buffer.length) {
        const larger = Buffer.allocUnsafe(2 * buffer.length);
        buffer.copy(larger, 0, 0, carried);
        buffer = larger;
      }
      continue;
    }
    for (let i = 0; i <= last; ) {
      let code = buffer[i];
      while (code === 32 || code === 9) code = buffer[++i];
      if (code === 10) {
        lines++;
        i++;
        continue;
      }
      let hash = 0;
      do {
        hash = Math.imul(hash ^ code, 0x01000193);
        code = buffer[++i];
      } while (code !== 32 && code !== 9 && code !== 10);
      digest ^= hash;
    }
    if (read === 0) break;
    buffer.copy(buffer, 0, last + 1, filled);
    carried = filled - last - 1;
  }
  closeSync(fd);
  process.stdout.write(`${lines} ${digest}\n`);
}
