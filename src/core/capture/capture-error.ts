// The one error a capture file can cause. Every damage the reader detects becomes a
// CaptureError with the byte offset where it was found, so a message can point at the spot
// ("… at byte 1234") and the packets read before it stay usable. It is said in every language
// (`text`); `message` is the English, for logs and stack traces.
import type { Locale, Localized } from '../model/locales';

export class CaptureError extends Error {
  override readonly name = 'CaptureError';

  constructor(
    readonly text: Localized<string>,
    /** Offset from the start of the file where the damage was found. */
    readonly byteOffset: number,
  ) {
    super(text.en);
  }

  /** The message in `locale` with its byte offset, added where the message itself does not name one. */
  describe(locale: Locale): string {
    const text = this.text[locale];
    const at = AT_BYTE[locale];
    return at.named.test(text) ? text : at.add(text, this.byteOffset);
  }
}

/** How each language names a byte offset, and adds one to a message. */
const AT_BYTE: Localized<{ readonly named: RegExp; readonly add: (text: string, offset: number) => string }> = {
  en: { named: /\bbyte \d/, add: (text, offset) => `${text} (at byte ${offset})` },
  'zh-cn': { named: /第 \d+ 字节/, add: (text, offset) => `${text}（位于第 ${offset} 字节）` },
};

export function hex(value: number, digits = 8): string {
  return '0x' + (value >>> 0).toString(16).padStart(digits, '0');
}
