/** The personal-data keys of an app, derived from its session secret once (HKDF is not free). */
import type { AppContext } from '../context';
import { deriveKeys, type PersonalDataKeys } from './cipher';

const cache = new WeakMap<AppContext['config'], PersonalDataKeys>();

export function personalDataKeys(app: Pick<AppContext, 'config'>): PersonalDataKeys {
  let keys = cache.get(app.config);
  if (!keys) {
    keys = deriveKeys(app.config.sessionSecret);
    cache.set(app.config, keys);
  }
  return keys;
}
