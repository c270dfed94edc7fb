import type { AuthStores } from '../auth/stores';
import { inTransaction } from '../db/transaction';
import { emitAfterCommit } from '../events/bus';
import { recordAudit } from './audit';
import type { ServiceContext } from './context';

/**
 * Ends the caller's session at once, in every process (the shared store is read on every
 * request), and after commit closes the sockets it opened. Audited as `session` / `logout`. A
 * caller without a session has nothing to end.
 */
export async function logout(
  ctx: ServiceContext,
  auth: AuthStores,
  sessionId: string | null,
): Promise<void> {
  if (sessionId === null) return;
  await inTransaction(ctx.sequelize, async (transaction) => {
    await auth.sessions.revokeSession(sessionId, ctx.now, { transaction });
    await recordAudit(transaction, ctx.actor, {
      entity: 'session',
      entityId: sessionId,
      action: 'logout',
    });
    emitAfterCommit(transaction, { name: 'session.revoked', payload: { sessionId } });
  });
}
