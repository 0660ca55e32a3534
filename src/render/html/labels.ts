/**
 * The fixed words of the page in each language: note prefixes, the
 * contents heading. Table and figure labels are quantity/labels.ts.
 */

export const WORDS = {
  zh: { contents: '目录', note: '注：', source: '资料来源：', draft: '征求意见稿', draftBanner: '征求意见稿：尚有未完成事项，不作正式印发', unit: '单位：', chartData: '图中数据', item: '项目' },
  en: { contents: 'Contents', note: 'Note: ', source: 'Source: ', draft: 'DRAFT', draftBanner: 'DRAFT: items are still open; not the final text', unit: 'Unit: ', chartData: 'The figures in the chart', item: 'Item' },
} as const;
