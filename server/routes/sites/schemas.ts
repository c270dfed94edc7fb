import Joi from '../../http/joi';
import type { SiteCreateInput, SiteUpdateInput } from '../../../shared/dto';
import { CATEGORIES, SITE_KINDS, SITE_STATUSES, type SiteStatus } from '../../../shared/enums';
import {
  ACTIVATION_LEAD_HOURS_MAX,
  ADDRESS_MAX,
  DISTRICT_CODE_PATTERN,
  SITE_CODE_PATTERN,
  SITE_NAME_MAX,
} from '../../../shared/validations';
import { occupancySchema, timestampsSchema } from '../common/schemas';

export const siteIdParams = Joi.object<{ siteId: number }>({
  siteId: Joi.number().integer().positive().required().description('Site id'),
});

export const siteListQuery = Joi.object<{ status?: SiteStatus[]; district?: string }>({
  status: Joi.array()
    .items(Joi.string().valid(...SITE_STATUSES))
    .single()
    .description('Only sites in these statuses (repeat or comma-free list)'),
  district: Joi.string().pattern(DISTRICT_CODE_PATTERN).description('Six-digit district code'),
});

const siteFields = {
  name: Joi.string().trim().min(1).max(SITE_NAME_MAX),
  district: Joi.string().pattern(DISTRICT_CODE_PATTERN).messages({
    'string.pattern.base': '{{#label}} must be a six-digit district code',
  }),
  address: Joi.string().trim().min(1).max(ADDRESS_MAX),
  latitude: Joi.number().min(-90).max(90),
  longitude: Joi.number().min(-180).max(180),
  kind: Joi.string().valid(...SITE_KINDS),
  acceptedCategories: Joi.array()
    .items(Joi.string().valid(...CATEGORIES))
    .min(1)
    .unique(),
  contactName: Joi.string().trim().max(120).allow(null),
  contactPhone: Joi.string()
    .pattern(/^[0-9+() -]{5,32}$/)
    .allow(null)
    .messages({ 'string.pattern.base': '{{#label}} must be a phone number' }),
  activationLeadHours: Joi.number().integer().min(0).max(ACTIVATION_LEAD_HOURS_MAX).allow(null),
};

export const siteCreateBody = Joi.object<SiteCreateInput>({
  ...siteFields,
  code: Joi.string().pattern(SITE_CODE_PATTERN).required().messages({
    'string.pattern.base':
      '{{#label}} must be 2-32 upper-case letters, digits or dashes, starting with a letter or digit',
  }),
  name: siteFields.name.required(),
  district: siteFields.district.required(),
  address: siteFields.address.required(),
  latitude: siteFields.latitude.required(),
  longitude: siteFields.longitude.required(),
  kind: siteFields.kind.required(),
  status: Joi.string().valid('preparing', 'active', 'standby').default('preparing'),
  acceptedCategories: siteFields.acceptedCategories.default([...CATEGORIES]),
  // A reserve site is only useful if officials know how fast it can open.
  activationLeadHours: siteFields.activationLeadHours.when('status', {
    is: 'standby',
    then: Joi.required(),
  }),
});

export const siteUpdateBody = Joi.object<SiteUpdateInput>(siteFields)
  .min(1)
  .messages({ 'object.min': 'give at least one field to change' });

export const siteSchema = Joi.object({
  id: Joi.number().integer(),
  code: Joi.string(),
  name: Joi.string(),
  district: Joi.string(),
  address: Joi.string(),
  latitude: Joi.number(),
  longitude: Joi.number(),
  kind: Joi.string().valid(...SITE_KINDS),
  status: Joi.string().valid(...SITE_STATUSES),
  acceptedCategories: Joi.array().items(Joi.string().valid(...CATEGORIES)),
  contactName: Joi.string().allow(null),
  contactPhone: Joi.string().allow(null),
  activationLeadHours: Joi.number().integer().allow(null),
  ...timestampsSchema,
});

export const siteWithOccupancySchema = siteSchema.keys({
  version: Joi.number()
    .integer()
    .description(
      'Occupancy version of these totals: drop a site.occupancy socket message whose version is not above it',
    ),
  occupancy: occupancySchema,
});

export const siteListSchema = Joi.object({
  date: Joi.string().isoDate().description('The day the occupancy figures are for'),
  data: Joi.array().items(siteWithOccupancySchema),
  totals: occupancySchema,
});
