import Joi from '../../http/joi';
import { isoDay } from '../placement/schemas';

export const stayIdParams = Joi.object<{ stayId: number }>({
  stayId: Joi.number().integer().positive().required().description('Stay id'),
});

/** A free-text reason (stays, site status, room out of service): may span lines, no other controls. */
const reason = Joi.string().trim().multiline().min(3).max(255);

export const releaseBody = Joi.object<{ reason?: string }>({
  reason: reason.description('Required when releasing before the planned date'),
});

export const extendBody = Joi.object<{ plannedReleaseDate: string; reason: string }>({
  plannedReleaseDate: isoDay().required(),
  reason: reason.required(),
});

export const cancelBody = Joi.object<{ reason: string }>({ reason: reason.required() });

export const moveBody = Joi.object<{ roomIds?: number[]; reason: string; allowStandby: boolean }>({
  roomIds: Joi.array().items(Joi.number().integer().positive()).min(1).max(8).unique(),
  reason: reason.required(),
  allowStandby: Joi.boolean().default(false),
});

export const reasonBody = Joi.object<{ reason: string }>({ reason: reason.required() });
export const optionalReasonBody = Joi.object<{ reason?: string }>({ reason });
