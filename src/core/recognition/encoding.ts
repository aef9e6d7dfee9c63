// Which text encoding a file's first bytes say it is in, as VS Code's own detection says for the
// files engineers feed us: a UTF-8 or UTF-16 byte order mark, or UTF-16 without one (every other
// byte zero, what some Windows tools write). Windows PowerShell 5.1 writes `netstat -ano > out.txt`
// as UTF-16LE with a BOM; read as UTF-8 it looks binary and holds no state name. Pure: bytes in.

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be';

/** How many first bytes `sniffEncoding` looks at, at most. */
export const SNIFF_BYTES = 4096;

/**
 * The encoding of a text from its first bytes (give at least 2, up to SNIFF_BYTES). A BOM decides;
 * without one, UTF-16 is taken only when most bytes at one parity are zero and almost none at the
 * other (ASCII text in UTF-16), which neither UTF-8 text nor a binary file shows.
 */
export function sniffEncoding(bytes: Uint8Array): TextEncodingName {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const length = Math.min(bytes.length, SNIFF_BYTES) & ~1;
  if (length < 16) return 'utf-8';
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < length; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = length / 2;
  if (oddZeros > 0.7 * pairs && evenZeros < 0.05 * pairs) return 'utf-16le';
  if (evenZeros > 0.7 * pairs && oddZeros < 0.05 * pairs) return 'utf-16be';
  return 'utf-8';
}
