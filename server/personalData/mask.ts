/**
 * Masks for personal fields shown to people who may not see them whole (DESIGN §4 rule 6), and the
 * phone normalisation the search hash is computed on. Pure: no keys, no I/O.
 */

const STAR = '*';

/** Keeps `head` leading and `tail` trailing characters; at least half of a short value is hidden. */
function maskMiddle(value: string, head: number, tail: number): string {
  if (value.length === 0) return value;
  if (value.length <= head + tail) {
    // Too short to keep both ends and still hide something: show only the last quarter.
    const shown = Math.floor(value.length / 4);
    return STAR.repeat(value.length - shown) + value.slice(value.length - shown);
  }
  return value.slice(0, head) + STAR.repeat(value.length - head - tail) + value.slice(-tail);
}

/** `410105198001011234` → `4101**********1234`. */
export function maskIdNumber(idNumber: string): string {
  return maskMiddle(idNumber, 4, 4);
}

/** Digits only, with a leading `+` kept: `+86 138-1234 5678` → `+8613812345678`. */
export function normalisePhone(phone: string): string {
  const trimmed = phone.trim();
  const digits = trimmed.replace(/\D/g, '');
  return trimmed.startsWith('+') ? `+${digits}` : digits;
}

/** `13812345678` → `138****5678`; a leading `+` is kept and not counted. */
export function maskPhone(phone: string): string {
  const normalised = normalisePhone(phone);
  const plus = normalised.startsWith('+') ? '+' : '';
  return plus + maskMiddle(normalised.slice(plus.length), 3, 4);
}
