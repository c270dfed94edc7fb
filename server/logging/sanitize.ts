/**
 * Strips personal data from anything about to be logged (DESIGN §4 rule 6). Keys are matched by
 * name, case-insensitively, at any depth; values are replaced, never partially shown.
 */
const PERSONAL_KEYS = new Set(
  [
    'idNumber',
    'idNumberCipher',
    'idNumberHash',
    'nationalId',
    'phone',
    'phoneCipher',
    'phoneHash',
    'contactName',
    'contactPhone',
    'fullName',
    'password',
    'passwordHash',
    'token',
    'authorization',
    'cookie',
  ].map((k) => k.toLowerCase()),
);

export const REDACTED = '[redacted]';

export function sanitize(value: unknown, depth = 0): unknown {
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { name: value.name, message: value.message };
  if (Array.isArray(value)) return value.map((v) => sanitize(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = PERSONAL_KEYS.has(key.toLowerCase()) ? REDACTED : sanitize(v, depth + 1);
  }
  return out;
}
