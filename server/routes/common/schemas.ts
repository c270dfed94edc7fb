/** Response shapes used by several resources, for the OpenAPI document. */
import Joi from '../../http/joi';

export const occupancySchema = Joi.object({
  rooms: Joi.number().integer(),
  beds: Joi.number().integer(),
  occupied: Joi.number().integer(),
  free: Joi.number().integer(),
  reserved: Joi.number().integer(),
  cleaning: Joi.number().integer(),
  outOfService: Joi.number().integer(),
  utilization: Joi.number().min(0).description('occupied / beds'),
});

export const timestampsSchema = {
  createdAt: Joi.string().isoDate(),
  updatedAt: Joi.string().isoDate(),
};

/** The standard error responses a route with a body can give. */
export const BAD_INPUT = { description: 'Invalid input: the problem lists each bad field' };
export const NOT_FOUND = { description: 'No such resource' };
export const CONFLICT = { description: 'Conflicts with existing data; nothing was written' };
