import Joi from '../../http/joi';
import type { PasswordResetInput, UserCreateInput, UserUpdateInput } from '../../../shared/auth';
import { ROLES } from '../../../shared/enums';
import {
  DISPLAY_NAME_MAX,
  PASSWORD_MAX,
  PASSWORD_MIN,
  USERNAME_PATTERN,
} from '../../../shared/validations';

export const userIdParams = Joi.object<{ userId: number }>({
  userId: Joi.number().integer().positive().required().description('User id'),
});

const password = Joi.string()
  .min(PASSWORD_MIN)
  .max(PASSWORD_MAX)
  .messages({ 'string.min': `{{#label}} must be at least ${PASSWORD_MIN} characters long` });

const displayName = Joi.string().trim().min(1).max(DISPLAY_NAME_MAX);
const role = Joi.string().valid(...ROLES);
const siteIds = Joi.array()
  .items(Joi.number().integer().positive())
  .unique()
  .min(1)
  .messages({ 'array.min': '{{#label}}: a site manager needs at least one site' });
const onlyManagersHaveSites = Joi.forbidden().messages({
  'any.unknown': '{{#label}}: only a site manager has sites',
});

export const userCreateBody = Joi.object<UserCreateInput>({
  username: Joi.string().trim().lowercase().pattern(USERNAME_PATTERN).required().messages({
    'string.pattern.base':
      '{{#label}} must be 3-64 letters, digits, dots, dashes or underscores, starting with a letter or digit',
  }),
  displayName: displayName.required(),
  role: role.required(),
  password: password.required(),
  siteIds: Joi.when('role', {
    is: 'site_manager',
    then: siteIds.required().messages({ 'any.required': '{{#label}}: a site manager needs sites' }),
    otherwise: onlyManagersHaveSites,
  }),
});

export const userUpdateBody = Joi.object<UserUpdateInput>({
  displayName,
  role,
  // With a role other than site manager in the same request, sites make no sense; without a role
  // in the request, the service checks them against the user's current role.
  siteIds: Joi.when('role', {
    is: Joi.exist().valid(...ROLES.filter((r) => r !== 'site_manager')),
    then: onlyManagersHaveSites,
    otherwise: siteIds,
  }),
})
  .min(1)
  .messages({ 'object.min': 'give at least one field to change' });

export const passwordResetBody = Joi.object<PasswordResetInput>({ password: password.required() });

export const userSchema = Joi.object({
  id: Joi.number().integer(),
  username: Joi.string(),
  displayName: Joi.string(),
  role: Joi.string().valid(...ROLES),
  siteIds: Joi.array().items(Joi.number().integer()),
  disabled: Joi.boolean(),
  createdAt: Joi.string().isoDate(),
});

export const userListSchema = Joi.object({ data: Joi.array().items(userSchema) });
