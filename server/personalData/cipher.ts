/**
 * Personal fields (ID numbers, phones) at rest: AES-256-GCM ciphertext plus an HMAC-SHA256 of the
 * normalised value for exact-match search (DESIGN §4 rule 6). Keys are derived from one secret by
 * HKDF with distinct labels, so the search hash never reveals the encryption key.
 * Ciphertext format: `v1.<iv b64url>.<tag b64url>.<data b64url>` — the version names the key.
 */
import crypto from 'node:crypto';

export interface PersonalDataKeys {
  encryption: Buffer;
  search: Buffer;
}

export function deriveKeys(secret: string): PersonalDataKeys {
  const derive = (label: string) =>
    Buffer.from(crypto.hkdfSync('sha256', secret, 'haven-personal-data', label, 32));
  return { encryption: derive('encryption-v1'), search: derive('search-v1') };
}

export function encrypt(keys: PersonalDataKeys, plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', keys.encryption, iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return ['v1', iv, tag, data]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

export function decrypt(keys: PersonalDataKeys, sealed: string): string {
  const [version, iv, tag, data] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || data === undefined)
    throw new Error('Unknown ciphertext format');
  const decipher = crypto.createDecipheriv(
    'aes-256-gcm',
    keys.encryption,
    Buffer.from(iv, 'base64url'),
  );
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([
    decipher.update(Buffer.from(data, 'base64url')),
    decipher.final(),
  ]).toString('utf8');
}

/** Keyed hash of a value already normalised by the caller (e.g. upper-case ID, digits-only phone). */
export function searchHash(keys: PersonalDataKeys, normalised: string): string {
  return crypto.createHmac('sha256', keys.search).update(normalised).digest('hex');
}
