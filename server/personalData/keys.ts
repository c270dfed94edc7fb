/** The personal-data keys of an app, derived from its configuration once (HKDF is not free). */
import type { Config } from '../config';
import { deriveKeys, type PersonalDataKeys } from './cipher';

const cache = new WeakMap<Config, PersonalDataKeys>();

export function keysFromConfig(config: Config): PersonalDataKeys {
  let keys = cache.get(config);
  if (!keys) {
    keys = deriveKeys(config.dataKey.material, config.dataKey.id, config.previousDataKeys);
    cache.set(config, keys);
  }
  return keys;
}

export function personalDataKeys(app: { config: Config }): PersonalDataKeys {
  return keysFromConfig(app.config);
}
