import Joi from 'joi';
import { CATEGORIES, HARD_CONSTRAINTS } from '../../../shared/enums';
import {
  EXPIRED_LIST_LIMIT_DEFAULT,
  EXPIRED_LIST_LIMIT_MAX,
  WAITING_LIST_STATUSES,
  type WaitingListQuery,
} from '../../../shared/placementDto';

export const waitingListQuery = Joi.object<Required<WaitingListQuery>>({
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
    .when('status', {
      is: 'expired',
      then: Joi.any().default(EXPIRED_LIST_LIMIT_DEFAULT),
      otherwise: Joi.forbidden(),
    })
    .description('With `status=expired`: how many of the newest'),
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
