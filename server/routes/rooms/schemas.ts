import Joi from '../../http/joi';
import type { RoomsBulkCreateInput, RoomUpdateInput } from '../../../shared/dto';
import { ROOM_STATUSES, CATEGORIES } from '../../../shared/enums';
import {
  BEDS_MAX,
  BULK_ROOMS_MAX,
  FLOOR_MAX,
  FLOOR_MIN,
  ROOM_NUMBER_PATTERN,
  ROOMS_PER_FLOOR_MAX,
} from '../../../shared/validations';

export const roomParams = Joi.object<{ siteId: number; roomId: number }>({
  siteId: Joi.number().integer().positive().required().description('Site id'),
  roomId: Joi.number().integer().positive().required().description('Room id'),
});

export const roomListQuery = Joi.object<{ floor?: number }>({
  floor: Joi.number().integer().min(FLOOR_MIN).max(FLOOR_MAX).description('Only this floor'),
});

const floor = Joi.number().integer().min(FLOOR_MIN).max(FLOOR_MAX);
const beds = Joi.number().integer().min(1).max(BEDS_MAX);

export const roomsBulkBody = Joi.object<RoomsBulkCreateInput>({
  floors: Joi.object({
    from: floor.required(),
    to: floor.min(Joi.ref('from')).required().messages({
      'number.min': '{{#label}} must be at least floors.from',
    }),
  }).required(),
  roomsPerFloor: Joi.number().integer().min(1).max(ROOMS_PER_FLOOR_MAX).required(),
  beds: beds.required(),
  numbering: Joi.string().valid('floor_index').default('floor_index'),
  accessible: Joi.boolean().default(false),
  family: Joi.boolean().default(false),
})
  .custom((value: RoomsBulkCreateInput, helpers) => {
    const count = (value.floors.to - value.floors.from + 1) * value.roomsPerFloor;
    return count > BULK_ROOMS_MAX ? helpers.error('rooms.tooMany', { count }) : value;
  })
  .messages({
    'rooms.tooMany': `this would create {{#count}} rooms; at most ${BULK_ROOMS_MAX} per request`,
  });

export const roomUpdateBody = Joi.object<RoomUpdateInput>({
  number: Joi.string().pattern(ROOM_NUMBER_PATTERN).messages({
    'string.pattern.base': '{{#label}} must be 1-16 letters, digits or dashes',
  }),
  floor,
  beds,
  accessible: Joi.boolean(),
  family: Joi.boolean(),
})
  .min(1)
  .messages({ 'object.min': 'give at least one field to change' });

export const roomSchema = Joi.object({
  id: Joi.number().integer(),
  siteId: Joi.number().integer(),
  number: Joi.string(),
  floor: Joi.number().integer(),
  beds: Joi.number().integer(),
  accessible: Joi.boolean(),
  family: Joi.boolean(),
  status: Joi.string().valid(...ROOM_STATUSES),
  statusChangedAt: Joi.string().isoDate(),
});

export const roomWithOccupancySchema = roomSchema.keys({
  occupants: Joi.number().integer(),
  category: Joi.string()
    .valid(...CATEGORIES)
    .allow(null),
  state: Joi.string().valid('free', 'occupied', 'reserved', 'cleaning', 'out_of_service'),
});

export const roomListSchema = Joi.object({
  date: Joi.string().isoDate(),
  data: Joi.array().items(roomWithOccupancySchema),
});

export const roomsCreatedSchema = Joi.object({
  created: Joi.number().integer(),
  data: Joi.array().items(roomSchema),
});
