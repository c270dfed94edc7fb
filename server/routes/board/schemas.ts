import Joi from 'joi';
import {
  CATEGORIES,
  PERSON_NEEDS,
  SEXES,
  STAY_STATUSES,
  TEST_RESULTS,
} from '../../../shared/enums';

const boardTestSchema = Joi.object({
  id: Joi.number().integer(),
  day: Joi.number().integer(),
  dueDate: Joi.string(),
  result: Joi.string().valid(...TEST_RESULTS),
  sampledAt: Joi.string().allow(null),
});

const boardStaySchema = Joi.object({
  stayId: Joi.number().integer(),
  partyId: Joi.number().integer(),
  roomId: Joi.number().integer(),
  roomNumber: Joi.string(),
  floor: Joi.number().integer(),
  status: Joi.string().valid(...STAY_STATUSES),
  entryDate: Joi.string(),
  plannedReleaseDate: Joi.string(),
  checkedInAt: Joi.string().allow(null),
  person: Joi.object({
    id: Joi.number().integer(),
    fullName: Joi.string(),
    idNumber: Joi.string().allow(null).description('Masked: 4101**********1234'),
    phone: Joi.string().allow(null).description('Masked: 138****5678'),
    sex: Joi.string().valid(...SEXES),
    birthYear: Joi.number().integer().allow(null),
    category: Joi.string().valid(...CATEGORIES),
    needs: Joi.array().items(Joi.string().valid(...PERSON_NEEDS)),
  }),
  tests: Joi.array().items(boardTestSchema),
});

export const roomStaysSchema = Joi.object({
  date: Joi.string(),
  roomId: Joi.number().integer(),
  data: Joi.array().items(boardStaySchema),
});

export const siteDaySchema = Joi.object({
  date: Joi.string(),
  siteId: Joi.number().integer(),
  arrivals: Joi.array().items(boardStaySchema),
  releases: Joi.array().items(boardStaySchema),
  testsDue: Joi.array().items(boardStaySchema),
});
