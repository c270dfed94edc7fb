/**
 * The placement form's data and its checks: what the operator typed, turned into the API's
 * PartyCreateInput, with hints on the ID number while it is typed (the server checks again).
 * Field names are the API's (`members.0.idNumber`), so local and server errors land in one map.
 */
import type { PartyCreateInput, ProblemFieldError } from '../../../shared/dto';
import type { Category, PersonNeed } from '../../../shared/enums';
import { idNumberCheckDigit, isValidIdNumber, normaliseIdNumber } from '../../../shared/idNumber';
import { isIsoDate } from '../../../shared/dates';
import { DISTRICTS } from '../overview/districts';

export const ID_NUMBER_LENGTH = 18;

export interface MemberForm {
  fullName: string;
  idNumber: string;
  phone: string;
  exposureDate: string;
  needs: PersonNeed[];
}

export interface PartyForm {
  category: Category;
  /** Six-digit code of the district the party comes from; '' when unknown. */
  originDistrict: string;
  shareRoom: boolean;
  members: MemberForm[];
}

export const emptyMember = (): MemberForm => ({
  fullName: '',
  idNumber: '',
  phone: '',
  exposureDate: '',
  needs: [],
});

export const emptyParty = (): PartyForm => ({
  category: 'close_contact',
  originDistrict: '',
  shareRoom: false,
  members: [emptyMember()],
});

export type IdNumberHint =
  | { kind: 'empty' }
  | { kind: 'length'; count: number }
  | { kind: 'tooLong'; count: number }
  | { kind: 'shape' }
  | { kind: 'birth' }
  | { kind: 'check' }
  | { kind: 'ok' };

/** What is wrong with an ID number so far, most useful first (length, shape, date, check). */
export function idNumberHint(value: string): IdNumberHint {
  const id = normaliseIdNumber(value);
  if (id === '') return { kind: 'empty' };
  // X is only ever the last of 18 characters (the check character).
  const misplacedX =
    id.slice(0, -1).includes('X') || (id.endsWith('X') && id.length < ID_NUMBER_LENGTH);
  if (!/^[\dX]*$/.test(id) || misplacedX) return { kind: 'shape' };
  if (id.length > ID_NUMBER_LENGTH) return { kind: 'tooLong', count: id.length - ID_NUMBER_LENGTH };
  if (id.length < ID_NUMBER_LENGTH) return { kind: 'length', count: ID_NUMBER_LENGTH - id.length };
  if (isValidIdNumber(id)) return { kind: 'ok' };
  return idNumberCheckDigit(id.slice(0, 17)) === id[17] ? { kind: 'birth' } : { kind: 'check' };
}

export type FieldErrors = Record<string, string>;

/** Local problems: an empty required field, or an ID number its hint says is wrong. */
export type LocalError = 'required' | 'invalid';

/** Empty required fields and impossible ID numbers, by API field name. */
export function localErrors(form: PartyForm): Record<string, LocalError> {
  const errors: Record<string, LocalError> = {};
  form.members.forEach((m, i) => {
    const at = (field: string) => `members.${i}.${field}`;
    if (m.fullName.trim() === '') errors[at('fullName')] = 'required';
    const hint = idNumberHint(m.idNumber);
    if (hint.kind === 'empty') errors[at('idNumber')] = 'required';
    else if (hint.kind !== 'ok') errors[at('idNumber')] = 'invalid';
    if (!isIsoDate(m.exposureDate)) errors[at('exposureDate')] = 'required';
  });
  return errors;
}

/**
 * The party as the API takes it. The origin district is sent for every member, with the
 * district's centre as the origin, so distance to each site is scored.
 */
export function toPartyInput(form: PartyForm): PartyCreateInput {
  const district = DISTRICTS.find((d) => d.code === form.originDistrict);
  const origin = district ? { originDistrict: district.code, origin: district.centre } : {};
  return {
    category: form.category,
    shareRoom: form.members.length > 1 && form.shareRoom,
    members: form.members.map((m) => ({
      fullName: m.fullName.trim(),
      idNumber: normaliseIdNumber(m.idNumber),
      ...(m.phone.trim() ? { phone: m.phone.trim() } : {}),
      exposureDate: m.exposureDate,
      ...origin,
      ...(m.needs.length ? { needs: m.needs } : {}),
    })),
  };
}

/**
 * The API's field errors by field, the first for each, worded by `translate` (the reason in the
 * user's language, or undefined for a reason it does not know). Untranslated messages start with
 * the field's own name ("members.0.exposureDate must not be …"), which the form already shows as
 * the label, so that prefix is dropped.
 */
export function apiFieldErrors(
  errors: readonly ProblemFieldError[],
  translate: (error: ProblemFieldError) => string | undefined = () => undefined,
): FieldErrors {
  const byField: FieldErrors = {};
  for (const e of errors) {
    const message =
      translate(e) ??
      (e.message.startsWith(e.field)
        ? e.message.slice(e.field.length).replace(/^:?\s+/, '')
        : e.message);
    byField[e.field] ??= message;
  }
  return byField;
}
