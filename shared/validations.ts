/** Limits shared by the API's Joi schemas and the client's forms. */
export const SITE_CODE_PATTERN = /^[A-Z0-9][A-Z0-9-]{1,31}$/;
export const SITE_CODE_MAX = 32;
export const SITE_NAME_MAX = 120;
export const ADDRESS_MAX = 255;
export const DISTRICT_CODE_PATTERN = /^\d{6}$/;
export const ROOM_NUMBER_MAX = 16;
export const ROOM_NUMBER_PATTERN = /^[A-Za-z0-9-]{1,16}$/;
export const BEDS_MAX = 12;
export const FLOOR_MIN = 1;
export const FLOOR_MAX = 200;
/** A bulk room creation makes at most this many rooms in one request. */
export const BULK_ROOMS_MAX = 5000;
export const ROOMS_PER_FLOOR_MAX = 200;
export const ACTIVATION_LEAD_HOURS_MAX = 720;
export const PAGE_SIZE_MAX = 500;
/** Usernames: lower-case letters, digits, dot, dash, underscore; 3-64 characters. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,63}$/;
export const USERNAME_MAX = 64;
export const DISPLAY_NAME_MAX = 120;
export const PASSWORD_MIN = 12;
/** Long enough for any passphrase; bounded so a request cannot feed the KDF megabytes. */
export const PASSWORD_MAX = 256;
/* eslint-disable no-control-regex -- matching control characters is the point */
/**
 * C0 and C1 control characters (U+0000–U+001F, U+007F–U+009F): refused in every string a request
 * sends, so a NUL or an escape sequence never reaches a query, a log line or a screen.
 */
export const CONTROL_CHARACTERS = /[\u0000-\u001F\u007F-\u009F]/;
/** The same less tab, line feed and carriage return: for free text that may span lines. */
export const CONTROL_CHARACTERS_BUT_LINE_BREAKS =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/* eslint-enable no-control-regex */
