import Joi from '../../http/joi';
import type { BoardPersonDto } from '../../../shared/boardDto';
import { STAY_STATUSES, TEST_RESULTS } from '../../../shared/enums';
import { personSchema } from '../persons/schemas';

const BOARD_PERSON_FIELDS: (keyof BoardPersonDto)[] = [
  'id',
  'fullName',
  'idNumber',
  'phone',
  'sex',
  'birthYear',
  'category',
  'needs',
];

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
  // The person's fields the board keeps, described as GET /api/persons/:id describes them.
  person: Joi.object(
    Object.fromEntries(BOARD_PERSON_FIELDS.map((field) => [field, personSchema.extract(field)])),
  ),
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
