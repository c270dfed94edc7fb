/**
 * What a resident ID number says about its holder, or why it cannot be right. Reasons never
 * contain the number itself, so they are safe to send back and to log.
 */
import { isIsoDate, type IsoDate } from '../../shared/dates';
import type { Sex } from '../../shared/enums';
import { idNumberCheckDigit } from '../../shared/idNumber';

export type IdNumberReading =
  | { valid: true; birthDate: IsoDate; birthYear: number; sex: Exclude<Sex, 'unknown'> }
  | { valid: false; type: string; reason: string };

const SHAPE = /^\d{17}[\dX]$/;

/** Reads a normalised ID number (see normaliseIdNumber); `today` bounds the date of birth. */
export function readIdNumber(idNumber: string, today: IsoDate): IdNumberReading {
  if (!SHAPE.test(idNumber)) {
    return {
      valid: false,
      type: 'idNumber.shape',
      reason: 'must be 17 digits followed by a digit or X',
    };
  }
  const birthDate = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
  if (!isIsoDate(birthDate) || birthDate < '1900-01-01' || birthDate > today) {
    return {
      valid: false,
      type: 'idNumber.birthDate',
      reason: 'does not hold a possible date of birth',
    };
  }
  if (idNumberCheckDigit(idNumber.slice(0, 17)) !== idNumber[17]) {
    return { valid: false, type: 'idNumber.checkDigit', reason: 'has a wrong check digit' };
  }
  return {
    valid: true,
    birthDate,
    birthYear: Number(idNumber.slice(6, 10)),
    // The 17th character is the sequence's last digit: odd for men, even for women.
    sex: Number(idNumber[16]) % 2 === 1 ? 'male' : 'female',
  };
}
