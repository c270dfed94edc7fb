import Joi from '../../http/joi';
import type { PersonSearchInput } from '../../../shared/dto';
import {
  CATEGORIES,
  PERSON_NEEDS,
  REVEALABLE_FIELDS,
  SEXES,
  STAY_STATUSES,
  type RevealableField,
} from '../../../shared/enums';
import { readIdNumber } from '../../personalData/idNumberFacts';

/** Longest full name accepted (the column is VARCHAR(120)). */
export const PERSON_NAME_MAX = 120;

// Messages of the personal fields never quote the value: it would put the number in the response.
export const idNumberField = () =>
  Joi.string()
    .trim()
    .uppercase()
    .pattern(/^\d{17}[\dX]$/)
    .messages({ 'string.pattern.base': '{{#label}} must be 17 digits followed by a digit or X' })
    .description('18-character resident ID number');

/** 5 to 20 digits, with an optional leading + and spaces, dashes or brackets between. */
export const phoneField = () =>
  Joi.string()
    .trim()
    .pattern(/^\+?(?:[ ()-]*\d){5,20}[ ()-]*$/)
    .messages({ 'string.pattern.base': '{{#label}} must be a phone number' });

export const personNameField = () => Joi.string().trim().min(1).max(PERSON_NAME_MAX);

export const personIdParams = Joi.object<{ personId: number }>({
  personId: Joi.number().integer().positive().required().description('Person id'),
});

export const personSearchBody = Joi.object<PersonSearchInput>({
  // A number that cannot be valid is a typo worth pointing out, not an empty result. (Creating a
  // party checks this in the service instead, together with what needs the database.)
  idNumber: idNumberField()
    .custom((value: string, helpers) => {
      const reading = readIdNumber(value, '9999-12-31');
      return reading.valid || reading.type === 'idNumber.shape'
        ? value
        : helpers.error('idNumber.invalid', { reason: reading.reason });
    })
    .messages({ 'idNumber.invalid': '{{#label}} {{#reason}}' }),
  phone: phoneField(),
  name: personNameField().description('Prefix of the full name'),
})
  .xor('idNumber', 'phone', 'name')
  .messages({
    'object.missing': 'give one of idNumber, phone or name',
    'object.xor': 'give only one of idNumber, phone or name',
  });

const originSchema = Joi.object({ latitude: Joi.number(), longitude: Joi.number() });

export const personSchema = Joi.object({
  id: Joi.number().integer(),
  fullName: Joi.string(),
  idNumber: Joi.string().allow(null).description('Masked: 4101**********1234'),
  phone: Joi.string().allow(null).description('Masked: 138****5678'),
  sex: Joi.string().valid(...SEXES),
  birthYear: Joi.number().integer().allow(null),
  category: Joi.string().valid(...CATEGORIES),
  exposureDate: Joi.string(),
  originDistrict: Joi.string().allow(null),
  origin: originSchema.allow(null),
  needs: Joi.array().items(Joi.string().valid(...PERSON_NEEDS)),
  currentStay: Joi.object({
    stayId: Joi.number().integer(),
    roomId: Joi.number().integer(),
    siteId: Joi.number().integer(),
    status: Joi.string().valid(...STAY_STATUSES),
    entryDate: Joi.string(),
    plannedReleaseDate: Joi.string(),
  }).allow(null),
});

export const personListSchema = Joi.object({ data: Joi.array().items(personSchema) });

export const revealBody = Joi.object<{ fields: RevealableField[] }>({
  fields: Joi.array()
    .items(Joi.string().valid(...REVEALABLE_FIELDS))
    .min(1)
    .unique()
    .required(),
});

export const revealSchema = Joi.object({
  personId: Joi.number().integer(),
  idNumber: Joi.string().allow(null),
  phone: Joi.string().allow(null),
});
