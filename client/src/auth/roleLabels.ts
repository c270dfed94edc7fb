/** Which catalog entry names each role. */
import type { Role } from '../../../shared/enums';
import type { AuthMessageKey } from './messages';

export const ROLE_LABEL_KEYS: Record<Role, AuthMessageKey> = {
  admin: 'roleAdmin',
  official: 'roleOfficial',
  site_manager: 'roleSiteManager',
  transport: 'roleTransport',
};
