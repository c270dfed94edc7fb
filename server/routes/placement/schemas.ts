import Joi from '../../http/joi';
import { isIsoDate } from '../../../shared/dates';
import { HARD_CONSTRAINTS, STAY_STATUSES } from '../../../shared/enums';

/** A calendar day `YYYY-MM-DD` that exists. */
export const isoDay = () =>
  Joi.string()
    .custom((value: string, helpers) => (isIsoDate(value) ? value : helpers.error('date.day')))
    .messages({ 'date.day': '{{#label}} must be a calendar date YYYY-MM-DD' });

export const partyIdParams = Joi.object<{ partyId: number }>({
  partyId: Joi.number().integer().positive().required().description('Party id'),
});

const suggestionOptions = {
  limit: Joi.number().integer().min(1).max(50).default(5),
  allowStandby: Joi.boolean().default(false).description('May a standby site be opened?'),
};

export const suggestionsQuery = Joi.object<{
  limit: number;
  allowStandby: boolean;
  entryDate?: string;
}>({
  ...suggestionOptions,
  entryDate: isoDay().description('Day the party arrives (default today)'),
});

/** A move's dates are the party's own (see moveRequest): no entry day to choose. */
export const moveSuggestionsQuery = Joi.object<{ limit: number; allowStandby: boolean }>(
  suggestionOptions,
);

export const placementBody = Joi.object<{
  roomIds?: number[];
  entryDate?: string;
  allowStandby: boolean;
}>({
  roomIds: Joi.array()
    .items(Joi.number().integer().positive())
    .min(1)
    .max(8)
    .unique()
    .description('Rooms chosen by the caller; omit to take the best suggestion'),
  entryDate: isoDay(),
  allowStandby: Joi.boolean().default(false),
});

const termsSchema = Joi.object({
  distance: Joi.number(),
  openFirst: Joi.number(),
  bestFit: Joi.number(),
  householdProximity: Joi.number(),
  cohort: Joi.number(),
  utilizationCeiling: Joi.number(),
});

export const suggestionListSchema = Joi.object({
  partyId: Joi.number().integer(),
  entryDate: Joi.string(),
  releaseDate: Joi.string(),
  data: Joi.array().items(
    Joi.object({
      siteId: Joi.number().integer(),
      siteCode: Joi.string(),
      siteName: Joi.string(),
      floor: Joi.number().integer(),
      rooms: Joi.array().items(
        Joi.object({
          roomId: Joi.number().integer(),
          number: Joi.string(),
          members: Joi.array().items(Joi.number().integer()),
        }),
      ),
      score: Joi.number(),
      terms: termsSchema,
      distanceKm: Joi.number().allow(null),
      reasons: Joi.array().items(Joi.string()),
      opensStandbySite: Joi.boolean(),
    }),
  ),
  feasibleRooms: Joi.number().integer(),
  rejections: Joi.object().pattern(Joi.string().valid(...HARD_CONSTRAINTS), Joi.number()),
  constraint: Joi.string()
    .valid(...HARD_CONSTRAINTS)
    .allow(null)
    .description('The constraint most rooms failed, when none fits'),
  reason: Joi.string().allow(null),
});

export const staySchema = Joi.object({
  id: Joi.number().integer(),
  personId: Joi.number().integer(),
  partyId: Joi.number().integer(),
  roomId: Joi.number().integer(),
  siteId: Joi.number().integer(),
  roomNumber: Joi.string(),
  entryDate: Joi.string(),
  plannedReleaseDate: Joi.string(),
  releaseDate: Joi.string().allow(null),
  status: Joi.string().valid(...STAY_STATUSES),
  checkedInAt: Joi.string().allow(null),
  endedAt: Joi.string().allow(null),
  endReason: Joi.string().allow(null),
});

export const placementSchema = Joi.object({
  outcome: Joi.string().valid('placed'),
  partyId: Joi.number().integer(),
  siteId: Joi.number().integer(),
  stays: Joi.array().items(staySchema),
});

export const queuedSchema = Joi.object({
  outcome: Joi.string().valid('queued'),
  partyId: Joi.number().integer(),
  waitingEntryId: Joi.number().integer(),
  position: Joi.number().integer(),
  constraint: Joi.string()
    .valid(...HARD_CONSTRAINTS)
    .allow(null),
  reason: Joi.string(),
  behindOthers: Joi.boolean().description(
    'Queued behind earlier parties of its category: placed in its turn, no room was tried',
  ),
});
