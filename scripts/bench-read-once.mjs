// The floor of a census: reading FILE once, decoded as `node dist/cli.js census` decodes it
// (`readText` in src/cli.ts: 1 MiB chunks from createReadStream; while every chunk so far is
// ASCII, a chunk of ASCII is taken as Latin-1, which for ASCII is the very text UTF-8 decoding
// gives; otherwise a streaming UTF-8 TextDecoder), counting newlines and nothing else.
// Prints the count. Usage: node scripts/bench-read-once.mjs FILE
import { isAscii } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { TextDecoder } from 'node:util';

const decoder = new TextDecoder('utf-8');
let ascii = true;
let newlines = 0;
for await (const chunk of createReadStream(process.argv[2], { highWaterMark: 1 << 20 })) {
  /** @type {Buffer} */
  const bytes = chunk;
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
