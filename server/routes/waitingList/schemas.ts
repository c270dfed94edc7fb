import Joi from '../../http/joi';
import { CATEGORIES, HARD_CONSTRAINTS } from '../../../shared/enums';
import {
  EXPIRED_LIST_LIMIT_DEFAULT,
  EXPIRED_LIST_LIMIT_MAX,
  WAITING_LIST_STATUSES,
  type WaitingListQuery,
  type WaitingListStatus,
} from '../../../shared/placementDto';

export const waitingListQuery = Joi.object<WaitingListQuery & { status: WaitingListStatus }>({
  status: Joi.string()
    .valid(...WAITING_LIST_STATUSES)
    .default('waiting')
    .description(
      '`waiting`: in placement order; `expired`: left because their quarantine ended first, newest first',
    ),
  limit: Joi.number()
    .integer()
    .min(1)
    .max(EXPIRED_LIST_LIMIT_MAX)
    .description(
      `Only with \`status=expired\`: how many of the newest (default ${EXPIRED_LIST_LIMIT_DEFAULT})`,
    ),
})
  // The waiting list is always whole (positions, the longest wait): a limit is refused there.
  .when(Joi.object({ status: Joi.not('expired') }).unknown(), {
    then: Joi.object({ limit: Joi.forbidden() }),
  });

const count = Joi.number().integer().min(0);

const entry = {
  id: Joi.number().integer(),
  partyId: Joi.number().integer(),
  category: Joi.string().valid(...CATEGORIES),
  people: count,
  reason: Joi.string().allow(null),
  queuedAt: Joi.string(),
};

export const waitingListSchema = Joi.object({
  data: Joi.array().items(
    Joi.object({
      ...entry,
      priority: Joi.number().integer(),
      position: Joi.number().integer(),
      constraint: Joi.string()
        .valid(...HARD_CONSTRAINTS)
        .allow(null),
      behindOthers: Joi.boolean(),
      waitingMinutes: count,
    }),
  ),
  longestWaitMinutes: count,
});

export const expiredListSchema = Joi.object({
  data: Joi.array().items(
    Joi.object({
      ...entry,
      quarantineEnded: Joi.string().allow(null),
      expiredAt: Joi.string(),
      waitedMinutes: count,
    }),
  ),
  total: count,
});
