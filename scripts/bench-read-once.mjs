// The floor of a census: reading FILE once, counting newlines and nothing else. Two floors:
//   - text (default): decoded as `node dist/cli.js census` used to decode it (`readText` in
//     src/cli.ts: 1 MiB chunks from createReadStream; while every chunk so far is ASCII, a chunk of
//     ASCII is taken as Latin-1, which for ASCII is the very text UTF-8 decoding gives; otherwise a
//     streaming UTF-8 TextDecoder), newlines counted in the strings;
//   - bytes (`--bytes`): the same chunks left as bytes, newlines counted with Buffer#indexOf: the
//     floor of the census's byte path (src/core/census/byte-scanner.ts), which decodes only the
//     lines it cannot read as bytes.
// Prints the count. Usage: node scripts/bench-read-once.mjs [--bytes] FILE
import { isAscii } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { TextDecoder } from 'node:util';

const bytesOnly = process.argv[2] === '--bytes';
const path = process.argv[bytesOnly ? 3 : 2];
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
