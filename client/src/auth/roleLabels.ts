/** What the dashboard calls each role. */
import type { Role } from '../../../shared/enums';

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  official: 'Official',
  site_manager: 'Site manager',
  transport: 'Transport',
};
