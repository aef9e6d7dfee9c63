// The one error a capture file can cause. Every damage the reader detects becomes a
// CaptureError with the byte offset where it was found, so a message can point at the spot
// ("… at byte 1234") and the packets read before it stay usable.
export class CaptureError extends Error {
  override readonly name = 'CaptureError';

  constructor(
    message: string,
    /** Offset from the start of the file where the damage was found. */
    readonly byteOffset: number,
  ) {
    super(message);
  }
}

export function hex(value: number, digits = 8): string {
  return '0x' + (value >>> 0).toString(16).padStart(digits, '0');
}
