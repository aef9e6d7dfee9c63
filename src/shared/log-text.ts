// Text from a webview on its way into the log. The log is read as lines, in an output channel and in
// a terminal (`code --log`, a copied log file): a newline in a webview's text would start a line the
// webview wrote ("[error] …" forged), an ANSI escape would recolour or erase what a terminal shows,
// and a bidi control would reorder what the reader sees. So every such character is replaced by a
// visible escape, and the text is cut, before the host logs it. Pure: the host and the tests use it.

/** Whether the character `code` must not reach the log as it is. */
function isUnsafe(code: number): boolean {
  return (
    code < 0x20 || // C0: \n, \r, \t, ESC (the start of every ANSI sequence), …
    (code >= 0x7f && code <= 0x9f) || // DEL and C1 (0x9b is a one-character CSI)
    code === 0x061c || // Arabic letter mark
    code === 0x200e ||
    code === 0x200f || // left-to-right and right-to-left marks
    (code >= 0x2028 && code <= 0x202e) || // line and paragraph separators; bidi embeddings and overrides
    (code >= 0x2066 && code <= 0x2069) // bidi isolates
  );
}

function escape(code: number): string {
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Marks a text that was cut. */
const CUT = '…';

/**
 * `text` on one line and at most `max` characters: control, line-separator and bidi characters
 * shown as escapes ("\x1b", "\x0a", "\u202e"), and a cut text ending in "…". The work is bounded
 * by `max`, not by the length of `text` (a webview may send megabytes).
 */
export function logSafe(text: string, max: number): string {
  const limit = Math.max(1, Math.floor(max));
  // Escapes only lengthen the text, so its first `limit` characters are all that can show.
  const head = text.length > limit ? text.slice(0, limit) : text;
  let out = '';
  for (let i = 0; i < head.length; i++) {
    const code = head.charCodeAt(i);
    out += isUnsafe(code) ? escape(code) : head[i];
  }
  if (out.length <= limit && head.length === text.length) return out;
  let end = limit - CUT.length;
  // Not between the two halves of a surrogate pair.
  const last = out.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return out.slice(0, end) + CUT;
}

/**
 * An untrusted value (a malformed webview message, a saved state) as JSON-like text for the log,
 * built only as far as `max` characters: a huge or deeply nested value costs no more than a small
 * one, and nothing in it can throw (no toJSON, no getters of ours called). Then made log-safe.
 */
export function logPreview(value: unknown, max: number): string {
  let out = '';
  const full = (): boolean => out.length >= max;
  const visit = (v: unknown, depth: number): void => {
    if (full()) return;
    if (v === null || typeof v === 'number' || typeof v === 'boolean') out += String(v);
    else if (typeof v === 'string') out += JSON.stringify(v.length > max ? v.slice(0, max) : v);
    else if (v === undefined) out += 'undefined';
    else if (typeof v !== 'object') out += typeof v;
    else if (depth >= 8) out += '…';
    else if (Array.isArray(v)) {
      out += '[';
      for (let i = 0; i < v.length && !full(); i++) {
        if (i > 0) out += ',';
        visit(v[i], depth + 1);
      }
      out += ']';
    } else {
      out += '{';
      let first = true;
      for (const key in v) {
        if (full()) break;
        if (!Object.prototype.hasOwnProperty.call(v, key)) continue;
        out += `${first ? '' : ','}${JSON.stringify(key.length > max ? key.slice(0, max) : key)}:`;
        first = false;
        visit((v as Record<string, unknown>)[key], depth + 1);
      }
      out += '}';
    }
  };
  try {
    visit(value, 0);
  } catch {
    out += '…'; // a getter or proxy that throws: what was built so far is the preview
  }
  return logSafe(out, max);
}
