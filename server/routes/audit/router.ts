import Joi from '../../http/joi';
import { Op, type WhereOptions } from 'sequelize';
import type { AuditEventDto } from '../../../shared/placementDto';
import type { AppContext } from '../../context';
import type { ApiRouter } from '../../http/apiRouter';
import { AuditEvent } from '../../models';
import { BAD_INPUT } from '../common/schemas';

interface AuditQuery {
  entity?: string;
  entityId?: string;
  actorUserId?: number;
  action?: string;
  from?: Date;
  to?: Date;
  before?: number;
  limit: number;
}

const auditQuery = Joi.object<AuditQuery>({
  entity: Joi.string().pattern(/^[a-z_]{1,32}$/),
  entityId: Joi.string().pattern(/^[A-Za-z0-9_-]{1,64}$/),
  actorUserId: Joi.number().integer().positive(),
  action: Joi.string().pattern(/^[a-z_.]{1,32}$/),
  from: Joi.date().iso(),
  to: Joi.date().iso().min(Joi.ref('from')),
  before: Joi.number().integer().positive().description('Cursor: events older than this id'),
  limit: Joi.number().integer().min(1).max(500).default(100),
});

const auditSchema = Joi.object({
  data: Joi.array().items(
    Joi.object({
      id: Joi.number().integer(),
      occurredAt: Joi.string(),
      actorUserId: Joi.number().integer().allow(null),
      requestId: Joi.string().allow(null),
      ip: Joi.string().allow(null),
      entity: Joi.string(),
      entityId: Joi.string().allow(null),
      action: Joi.string(),
      before: Joi.any(),
      after: Joi.any(),
    }),
  ),
  nextBefore: Joi.number().integer().allow(null),
});

const parse = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

/** The audit trail, newest first. Read-only: no route updates or deletes an audit event. */
export function registerAuditRoutes(api: ApiRouter, _app: AppContext): void {
  api.add({
    method: 'get',
    path: '/audit',
    tag: 'audit',
    access: { roles: ['admin', 'official'] },
    summary: 'Audit events, newest first, filtered by entity, actor, action and time range',
    query: auditQuery,
    responses: { 200: { description: 'A page of events', schema: auditSchema }, 400: BAD_INPUT },
    handler: async ({ query, res }) => {
      const where: WhereOptions<AuditEvent>[] = [];
      if (query.entity) where.push({ entity: query.entity });
      if (query.entityId) where.push({ entityId: query.entityId });
      if (query.actorUserId) where.push({ actorUserId: query.actorUserId });
      if (query.action) where.push({ action: query.action });
      if (query.from) where.push({ occurredAt: { [Op.gte]: query.from } });
      if (query.to) where.push({ occurredAt: { [Op.lte]: query.to } });
      if (query.before) where.push({ id: { [Op.lt]: query.before } });
      const rows = await AuditEvent.findAll({
        where: { [Op.and]: where },
        order: [['id', 'DESC']],
        limit: query.limit + 1,
      });
      const page = rows.slice(0, query.limit);
      const data: AuditEventDto[] = page.map((e) => ({
        id: e.id,
        occurredAt: new Date(e.occurredAt).toISOString(),
        actorUserId: e.actorUserId,
        requestId: e.requestId,
        ip: e.ip,
        entity: e.entity,
        entityId: e.entityId,
        action: e.action,
        before: parse(e.before),
        after: parse(e.after),
      }));
      res.json({ data, nextBefore: rows.length > query.limit ? page.at(-1)!.id : null });
    },
  });
}
