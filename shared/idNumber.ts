/**
 * The 18-character resident ID number of the People's Republic of China (GB 11643-1999):
 * 6-digit administrative division code, 8-digit date of birth (YYYYMMDD), 3-digit sequence
 * (odd for men, even for women) and an ISO 7064 MOD 11-2 check character (0-9 or X).
 */
import { isIsoDate } from './dates';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'] as const;
const SHAPE = /^\d{17}[\dX]$/;

/** The check character for the first 17 digits. Throws if `first17` is not 17 digits. */
export function idNumberCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('An ID number body is 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARACTERS[sum % 11];
}

/** Trimmed, with a lower-case check character `x` made upper-case. */
export function normaliseIdNumber(value: string): string {
  return value.trim().toUpperCase();
}

/** Shape, date of birth and check character; expects a normalised value. */
export function isValidIdNumber(value: string): boolean {
  if (!SHAPE.test(value)) return false;
  const birth = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (!isIsoDate(birth) || birth < '1900-01-01') return false;
  return idNumberCheckDigit(value.slice(0, 17)) === value[17];
}
