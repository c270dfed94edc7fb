/** How the dashboard words a failed request: its own problems translated, the server's labelled. */
import { defineMessages } from '../i18n/locale';
import { problemMessages } from './problemMessages';

export const apiMessages = defineMessages({
  'zh-CN': {
    ...problemMessages['zh-CN'],
    noResponseTitle: '无法连接 Haven 服务器',
    noResponseDetail: '请求没有得到回应。请检查网络连接后重试。',
    gatewayTitle: 'Haven 服务器没有响应',
    gatewayDetail: '服务器前的代理返回了 {status}。服务器可能正在重启，请稍后重试。',
    notJsonTitle: '服务器返回了无法识别的内容',
    notJsonDetail: '返回的内容不是 JSON。',
    httpStatusTitle: '请求失败（{status}）',
    httpStatusDetail: '服务器对该请求返回了 {status}。',
    unexpectedTitle: '出现了问题',
    serverSays: '服务器原文（英文，暂无译文）',
    fieldErrors: '有问题的字段',
    noResponse: '无响应',
    httpStatus: 'HTTP {status}',
    reference: '参考编号',
    retry: '重试',
  },
  en: {
    ...problemMessages.en,
    noResponseTitle: 'Cannot reach the Haven server',
    noResponseDetail: 'The request did not get an answer. Check the network connection and retry.',
    gatewayTitle: 'The Haven server is not answering',
    gatewayDetail:
      'A proxy in front of the server answered {status}. It may be restarting; retry in a moment.',
    notJsonTitle: 'Unexpected response from the server',
    notJsonDetail: 'The answer was not JSON.',
    httpStatusTitle: 'Request failed ({status})',
    httpStatusDetail: 'The server answered {status} to the request.',
    unexpectedTitle: 'Something went wrong',
    serverSays: 'Server’s own words (no translation yet)',
    fieldErrors: 'Fields with problems',
    noResponse: 'No response',
    httpStatus: 'HTTP {status}',
    reference: 'Reference',
    retry: 'Retry',
  },
});
