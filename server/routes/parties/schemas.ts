import Joi from '../../http/joi';
import type { PartyCreateInput, PersonInput } from '../../../shared/dto';
import { CATEGORIES, PERSON_NEEDS, SEXES } from '../../../shared/enums';
import { DISTRICT_CODE_PATTERN } from '../../../shared/validations';
import { isoDay } from '../placement/schemas';
import { idNumberField, personNameField, personSchema, phoneField } from '../persons/schemas';

/** A household placed together has at most this many people. */
export const PARTY_MEMBERS_MAX = 8;

export const partyIdParams = Joi.object<{ partyId: number }>({
  partyId: Joi.number().integer().positive().required().description('Party id'),
});

const personInput = Joi.object<PersonInput>({
  fullName: personNameField().required(),
  idNumber: idNumberField().required(),
  phone: phoneField().allow(null),
  sex: Joi.string()
    .valid(...SEXES)
    .description('Default: the sex the ID number encodes'),
  birthYear: Joi.number().integer().min(1900).max(2100).description('Default: from the ID number'),
  // Members inherit the party's category; one given must be the same.
  category: Joi.string()
    .valid(Joi.ref('/category'))
    .messages({ 'any.only': '{{#label}} must be the party category' }),
  exposureDate: isoDay().required().description('Last exposure or arrival, not after today'),
  originDistrict: Joi.string().pattern(DISTRICT_CODE_PATTERN).allow(null).messages({
    'string.pattern.base': '{{#label}} must be a six-digit district code',
  }),
  origin: Joi.object({
    latitude: Joi.number().min(-90).max(90).required(),
    longitude: Joi.number().min(-180).max(180).required(),
  }).allow(null),
  needs: Joi.array()
    .items(Joi.string().valid(...PERSON_NEEDS))
    .unique(),
});

export const partyCreateBody = Joi.object<PartyCreateInput>({
  category: Joi.string()
    .valid(...CATEGORIES)
    .required(),
  shareRoom: Joi.boolean().default(false).description('All members in one room'),
  members: Joi.array().items(personInput).min(1).max(PARTY_MEMBERS_MAX).required(),
});

export const partySchema = Joi.object({
  id: Joi.number().integer(),
  category: Joi.string().valid(...CATEGORIES),
  shareRoom: Joi.boolean(),
  members: Joi.array().items(personSchema).description('Ordered by person id'),
  createdAt: Joi.string().isoDate(),
});
