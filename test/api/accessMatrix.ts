/**
 * Who may call what: one row per route of the OpenAPI document. The authorization test walks
 * every route × every role against this table (a route without a row fails it), and checks that
 * README's table is this one.
 *
 * `yes` = the role may call it; `own` = a site manager, for their own sites only (another site's
 * things answer 404); `no` = 403 (401 without a session); `public` = no session needed.
 */
import type { Role } from '../../shared/enums';

export type Grant = 'yes' | 'own' | 'no';

export interface MatrixRow {
  route: string;
  admin: Grant;
  official: Grant;
  site_manager: Grant;
  transport: Grant;
  public?: true;
}

const row = (
  route: string,
  [admin, official, site_manager, transport]: [Grant, Grant, Grant, Grant],
  isPublic = false,
): MatrixRow => ({
  route,
  admin,
  official,
  site_manager,
  transport,
  ...(isPublic ? { public: true } : {}),
});

const ALL: [Grant, Grant, Grant, Grant] = ['yes', 'yes', 'yes', 'yes'];
const ALL_SCOPED: [Grant, Grant, Grant, Grant] = ['yes', 'yes', 'own', 'yes'];
const ADMIN: [Grant, Grant, Grant, Grant] = ['yes', 'no', 'no', 'no'];
const OFFICE: [Grant, Grant, Grant, Grant] = ['yes', 'yes', 'no', 'no'];
const PLACERS: [Grant, Grant, Grant, Grant] = ['yes', 'yes', 'own', 'no'];
const SITE_CARE: [Grant, Grant, Grant, Grant] = ['yes', 'no', 'own', 'no'];

export const ACCESS_MATRIX: MatrixRow[] = [
  row('GET /api/health', ALL, true),
  row('POST /api/auth/login', ALL, true),
  row('POST /api/auth/logout', ALL),
  row('GET /api/auth/me', ALL),
  row('GET /api/users', ADMIN),
  row('POST /api/users', ADMIN),
  row('PATCH /api/users/{userId}', ADMIN),
  row('POST /api/users/{userId}/disable', ADMIN),
  row('POST /api/users/{userId}/enable', ADMIN),
  row('POST /api/users/{userId}/password', ADMIN),
  row('GET /api/sites', ['yes', 'yes', 'own', 'yes']),
  row('GET /api/sites/{siteId}', ALL_SCOPED),
  row('POST /api/sites', ADMIN),
  row('PATCH /api/sites/{siteId}', ADMIN),
  row('POST /api/sites/{siteId}/activate', OFFICE),
  row('POST /api/sites/{siteId}/suspend', OFFICE),
  row('POST /api/sites/{siteId}/close', OFFICE),
  row('GET /api/sites/{siteId}/rooms', PLACERS),
  row('GET /api/sites/{siteId}/today', PLACERS),
  row('POST /api/sites/{siteId}/rooms', ADMIN),
  row('PATCH /api/sites/{siteId}/rooms/{roomId}', ADMIN),
  row('POST /api/sites/{siteId}/rooms/{roomId}/cleaned', SITE_CARE),
  row('POST /api/sites/{siteId}/rooms/{roomId}/back-in-service', SITE_CARE),
  row('POST /api/sites/{siteId}/rooms/{roomId}/out-of-service', SITE_CARE),
  row('GET /api/sites/{siteId}/rooms/{roomId}/stays', PLACERS),
  row('POST /api/parties', ['yes', 'yes', 'yes', 'no']),
  row('GET /api/parties/{partyId}', ALL_SCOPED),
  row('GET /api/persons/{personId}', ALL_SCOPED),
  row('POST /api/persons/search', ['yes', 'yes', 'own', 'no']),
  row('POST /api/persons/{personId}/reveal', PLACERS),
  row('GET /api/parties/{partyId}/suggestions', PLACERS),
  row('GET /api/parties/{partyId}/move-suggestions', PLACERS),
  row('POST /api/parties/{partyId}/placement', PLACERS),
  row('POST /api/parties/{partyId}/move', PLACERS),
  row('POST /api/stays/{stayId}/check-in', SITE_CARE),
  row('POST /api/stays/{stayId}/release', SITE_CARE),
  row('POST /api/stays/{stayId}/extend', SITE_CARE),
  row('POST /api/stays/{stayId}/cancel', SITE_CARE),
  row('GET /api/waiting-list', ['yes', 'yes', 'yes', 'no']),
  row('GET /api/policy', ALL),
  row('PUT /api/policy', ADMIN),
  row('GET /api/alerts', ['yes', 'yes', 'own', 'no']),
  row('GET /api/overview', OFFICE),
  row('GET /api/audit', OFFICE),
];

export const ROLES_IN_MATRIX: Role[] = ['admin', 'official', 'site_manager', 'transport'];

/** The table as README shows it. */
export function matrixMarkdown(): string {
  const cell = (r: MatrixRow, role: Role) =>
    r.public ? 'public' : { yes: '✔', own: 'own sites', no: '—' }[r[role]];
  const lines = [
    '| route | admin | official | site manager | transport |',
    '| --- | --- | --- | --- | --- |',
    ...ACCESS_MATRIX.map(
      (r) => `| \`${r.route}\` | ${ROLES_IN_MATRIX.map((role) => cell(r, role)).join(' | ')} |`,
    ),
  ];
  return lines.join('\n');
}
