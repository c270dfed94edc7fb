import Joi from '../../http/joi';
import type { LoginInput } from '../../../shared/auth';
import { ROLES } from '../../../shared/enums';
import { PASSWORD_MAX, USERNAME_MAX } from '../../../shared/validations';

export const loginBody = Joi.object<LoginInput>({
  // Not checked against the username pattern: a login reveals nothing about which names exist.
  username: Joi.string().trim().lowercase().min(1).max(USERNAME_MAX).required(),
  password: Joi.string().min(1).max(PASSWORD_MAX).required(),
});

export const authUserSchema = Joi.object({
  id: Joi.number().integer(),
  username: Joi.string(),
  displayName: Joi.string(),
  role: Joi.string().valid(...ROLES),
  siteIds: Joi.array().items(Joi.number().integer()).description("A site manager's sites"),
});

export const loginResponseSchema = Joi.object({
  token: Joi.string().description('Bearer token for API clients; browsers use the cookie'),
  expiresAt: Joi.string().isoDate().description('Absolute end (30 idle minutes end it sooner)'),
  user: authUserSchema,
});
