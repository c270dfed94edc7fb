/**
 * Personal fields (ID numbers, phones) at rest: AES-256-GCM ciphertext plus an HMAC-SHA256 of the
 * normalised value for exact-match search (DESIGN §4 rule 6). Both keys are derived from one key
 * by HKDF with distinct labels, so the search hash never reveals the encryption key.
 *
 * Ciphertext format: `<key id>.<iv b64url>.<tag b64url>.<data b64url>`. The key id lets a rotation
 * (`npm run keys:rotate`) run while the old key still decrypts: new writes use the current key,
 * reads find the key by id, and searches try every key's hash until the rotation is done.
 */
import crypto from 'node:crypto';

export interface PersonalDataKeys {
  id: string;
  encryption: Buffer;
  search: Buffer;
  /** Older keys, kept to read (and search) what they wrote until it is re-encrypted. */
  previous: PersonalDataKeys[];
}

export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,16}$/;

export function deriveKeys(
  material: string,
  id = 'v1',
  previous: { id: string; material: string }[] = [],
): PersonalDataKeys {
  const derive = (label: string) =>
    Buffer.from(crypto.hkdfSync('sha256', material, 'haven-personal-data', label, 32));
  return {
    id,
    encryption: derive('encryption-v1'),
    search: derive('search-v1'),
    previous: previous.map((p) => deriveKeys(p.material, p.id)),
  };
}

export function encrypt(keys: PersonalDataKeys, plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', keys.encryption, iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [keys.id, ...[iv, tag, data].map((p) => p.toString('base64url'))].join('.');
}

/** The id of the key a ciphertext was sealed with. */
export const keyIdOf = (sealed: string) => sealed.slice(0, sealed.indexOf('.'));

export function decrypt(keys: PersonalDataKeys, sealed: string): string {
  const [id, iv, tag, data] = sealed.split('.');
  const key = [keys, ...keys.previous].find((k) => k.id === id);
  if (!key || !iv || !tag || data === undefined) {
    throw new Error(`Cannot decrypt: unknown key id or format (${id ?? '?'})`);
  }
  const decipher = crypto.createDecipheriv(
    'aes-256-gcm',
    key.encryption,
    Buffer.from(iv, 'base64url'),
  );
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([
    decipher.update(Buffer.from(data, 'base64url')),
    decipher.final(),
  ]).toString('utf8');
}

/** Keyed hash with the current key, for writing (value normalised by the caller). */
export function searchHash(keys: PersonalDataKeys, normalised: string): string {
  return crypto.createHmac('sha256', keys.search).update(normalised).digest('hex');
}

/** The value's hash under every key still in use, for looking it up during a rotation. */
export function searchHashes(keys: PersonalDataKeys, normalised: string): string[] {
  return [keys, ...keys.previous].map((k) => searchHash(k, normalised));
}
