/** Strings of the shared page parts (page head with figures date and refresh). */
import { defineMessages } from '../i18n/locale';

export const uiMessages = defineMessages({
  'zh-CN': {
    figuresFor: '数据日期',
    receivedAt: '更新于 {time}',
    refresh: '刷新',
    refreshing: '正在刷新…',
  },
  en: {
    figuresFor: 'Figures for',
    receivedAt: 'received {time}',
    refresh: 'Refresh',
    refreshing: 'Refreshing…',
  },
});
