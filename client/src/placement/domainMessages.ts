/**
 * Names of the domain's categories, needs, stay statuses and test results, shared by the board,
 * placement and the waiting list (the words an operator sees for the API's enum values).
 */
import { defineMessages } from '../i18n/locale';

export const domainMessages = defineMessages({
  'zh-CN': {
    'category.close_contact': '密切接触者',
    'category.secondary_contact': '密接的密接',
    'category.inbound_traveller': '入境人员',
    'category.high_risk_arrival': '中高风险地区来返人员',
    'need.wheelchair': '轮椅',
    'need.medical': '医疗照护',
    'need.minor': '未成年人',
    'need.carer': '陪护人',
    'stay.reserved': '已预订',
    'stay.in_transit': '转运途中',
    'stay.checked_in': '已入住',
    'stay.released': '已解除',
    'stay.transferred': '已转出',
    'stay.cancelled': '已取消',
    'test.pending': '待出结果',
    'test.negative': '阴性',
    'test.positive': '阳性',
  },
  en: {
    'category.close_contact': 'Close contact',
    'category.secondary_contact': 'Secondary contact',
    'category.inbound_traveller': 'Inbound traveller',
    'category.high_risk_arrival': 'High-risk area arrival',
    'need.wheelchair': 'Wheelchair',
    'need.medical': 'Medical care',
    'need.minor': 'Minor',
    'need.carer': 'Carer',
    'stay.reserved': 'Reserved',
    'stay.in_transit': 'In transit',
    'stay.checked_in': 'Checked in',
    'stay.released': 'Released',
    'stay.transferred': 'Transferred',
    'stay.cancelled': 'Cancelled',
    'test.pending': 'Result pending',
    'test.negative': 'Negative',
    'test.positive': 'Positive',
  },
});

export type DomainMessageKey = keyof (typeof domainMessages)['en'];
