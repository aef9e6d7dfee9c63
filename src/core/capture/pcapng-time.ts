// pcapng timestamps: a 64-bit tick count whose unit the interface declares (if_tsresol) plus a
// whole-second offset (if_tsoffset). Converted to nanoseconds with bigint so no tick is lost.

export interface TickUnit {
  /** 10 or 2: the unit is base^-exponent seconds. */
  readonly base: 10 | 2;
  readonly exponent: number;
}

/** The default when an interface has no if_tsresol: microseconds. */
export const MICROSECOND_TICKS: TickUnit = { base: 10, exponent: 6 };

/** if_tsresol's one byte: high bit clear is a power of ten, set is a power of two. */
export function tickUnitOf(optionByte: number): TickUnit {
  return optionByte & 0x80 ? { base: 2, exponent: optionByte & 0x7f } : { base: 10, exponent: optionByte };
}

/** Ticks to nanoseconds, rounded down when the unit is not a whole number of nanoseconds. */
export function ticksToNs(ticks: bigint, unit: TickUnit, offsetSeconds: bigint): bigint {
  const base = offsetSeconds * 1_000_000_000n;
  if (unit.base === 2) return base + ((ticks * 1_000_000_000n) >> BigInt(unit.exponent));
  const exponent = unit.exponent - 9;
  if (exponent <= 0) return base + ticks * 10n ** BigInt(-exponent);
  return base + ticks / 10n ** BigInt(exponent);
}
