/**
 * The words to show for an ApiError, in the user's language. The dashboard's own problems and
 * every problem the API types (`type` URN, refusal `code`, field error `type`) are translated; only
 * a refusal or reason this dashboard does not know yet falls back to the server's English text,
 * flagged `fromServer` so the UI labels it (and marks it `lang="en"`).
 */
import type { ProblemFieldError } from '../../../shared/dto';
import { problemTypeName, type ProblemParams } from '../../../shared/problems';
import type { MessageParams, Translate } from '../i18n/locale';
import { CLIENT_PROBLEM, type ApiError } from './http';
import type { apiMessages } from './messages';
import { problemMessages, type ProblemMessageKey } from './problemMessages';

type ApiMessageKey = keyof (typeof apiMessages)['en'];
type T = Translate<ApiMessageKey>;

export interface ProblemText {
  title: string;
  detail: string | undefined;
  /** The detail (or title) is the server's English, not a translation. */
  fromServer: boolean;
}

function isProblemKey(key: string): key is ProblemMessageKey {
  return Object.hasOwn(problemMessages.en, key);
}

/** Params as the sentence shows them: statuses in words, the rest as sent. */
function wordedParams(t: T, params: ProblemParams | undefined): MessageParams {
  const worded: MessageParams = { ...params };
  const status = params?.status;
  if (typeof status === 'string') {
    const key = `status.${status}`;
    if (isProblemKey(key)) worded.status = t(key);
  }
  return worded;
}

/** The sentence for a refusal code, or undefined for a code this dashboard does not know. */
export function refusalText(
  t: T,
  code: string | undefined,
  params: ProblemParams | undefined,
): string | undefined {
  if (!code) return undefined;
  const key =
    code === 'user.alreadyInStatus'
      ? params?.disabled === 'true'
        ? 'code.user.alreadyDisabled'
        : 'code.user.alreadyEnabled'
      : `code.${code}`;
  return isProblemKey(key) ? t(key, wordedParams(t, params)) : undefined;
}

/** Why a party waits: behind earlier parties of its category, or the constraint most rooms failed. */
export function waitingReasonText(
  t: T,
  entry: { behindOthers: boolean; constraint: string | null },
): string {
  return entry.behindOthers ? t('waiting.behindOthers') : constraintText(t, entry.constraint);
}

/** Why the engine found no room, in words (`constraint.none` when it did not say). */
export function constraintText(t: T, constraint: string | null | undefined): string {
  const key = `constraint.${constraint ?? 'none'}`;
  return t(isProblemKey(key) ? key : 'constraint.none');
}

export interface FieldErrorText {
  /** The reason alone, for a message under the field itself. */
  reason: string;
  fromServer: boolean;
}

/** One field error's reason, translated by its type; the server's message if the type is new. */
export function fieldReason(t: T, error: ProblemFieldError): FieldErrorText {
  if (error.type.startsWith('placement.')) {
    const constraint = `constraint.${error.type.slice('placement.'.length)}`;
    if (isProblemKey(constraint)) return { reason: t(constraint), fromServer: false };
  }
  // A date bound with its limit says which day ('must be on or before 2026-11-29').
  const withLimit = `field.${error.type}.limit`;
  if (error.params?.limit !== undefined && isProblemKey(withLimit)) {
    return { reason: t(withLimit, wordedParams(t, error.params)), fromServer: false };
  }
  const key = `field.${error.type}`;
  if (isProblemKey(key))
    return { reason: t(key, wordedParams(t, error.params)), fromServer: false };
  return { reason: error.message, fromServer: true };
}

/** One field error as a line of a list: the field's label (or its API name) and the reason. */
export function fieldErrorLine(t: T, error: ProblemFieldError, label?: string): FieldErrorText {
  const { reason, fromServer } = fieldReason(t, error);
  if (fromServer) return { reason, fromServer };
  return { reason: t('fieldIs', { field: label ?? error.field, reason }), fromServer };
}

const DETAIL_BY_TYPE: Partial<Record<string, ProblemMessageKey>> = {
  validation: 'detail.validation',
  'not-found': 'detail.not-found',
  unavailable: 'detail.unavailable',
  internal: 'detail.internal',
  forbidden: 'detail.forbidden',
  unauthorized: 'detail.unauthorized',
  'too-many-requests': 'detail.too-many-requests',
};

export function problemText(t: T, error: ApiError): ProblemText {
  const status = error.status;
  switch (error.type) {
    case CLIENT_PROBLEM.noResponse:
      return { title: t('noResponseTitle'), detail: t('noResponseDetail'), fromServer: false };
    case CLIENT_PROBLEM.gateway:
      return {
        title: t('gatewayTitle'),
        detail: t('gatewayDetail', { status }),
        fromServer: false,
      };
    case CLIENT_PROBLEM.notJson:
      return { title: t('notJsonTitle'), detail: t('notJsonDetail'), fromServer: false };
    case CLIENT_PROBLEM.httpStatus:
      return {
        title: t('httpStatusTitle', { status }),
        detail: t('httpStatusDetail', { status }),
        fromServer: false,
      };
    case CLIENT_PROBLEM.unexpected:
      return { title: t('unexpectedTitle'), detail: error.detail, fromServer: false };
  }
  const name = problemTypeName(error.type);
  if (!name) return { title: error.title, detail: error.detail, fromServer: true };
  const title = t(`type.${name}`);
  const refusal = refusalText(t, error.code, error.params);
  if (refusal) return { title, detail: refusal, fromServer: false };
  const detailKey = DETAIL_BY_TYPE[name];
  if (detailKey) return { title, detail: t(detailKey), fromServer: false };
  // A refusal this dashboard has no words for yet, or a technical type whose field errors say it.
  if (name === 'conflict') return { title, detail: error.detail, fromServer: true };
  return { title, detail: undefined, fromServer: false };
}
