/**
 * The title and detail to show for an ApiError: the dashboard's own problems in the current
 * language; the server's as the server wrote them (English), flagged so the UI can label them.
 */
import type { Translate } from '../i18n/locale';
import { CLIENT_PROBLEM, type ApiError } from './http';
import type { apiMessages } from './messages';

type ApiMessageKey = keyof (typeof apiMessages)['en'];

export interface ProblemText {
  title: string;
  detail: string | undefined;
  fromServer: boolean;
}

export function problemText(t: Translate<ApiMessageKey>, error: ApiError): ProblemText {
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
    default:
      return { title: error.title, detail: error.detail, fromServer: true };
  }
}
