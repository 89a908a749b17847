import type { Deck, Slide, SlideChart } from '../../src/shared/deck';

// A deck made by hand for the PowerPoint writer's tests: every chart kind, a long
// Chinese table that needs continuation slides, an empty slide, a hidden slide, notes.

const base = { chapter: 'review.test', chapterTitle: '測試', hidden: false, notesEdited: false, cards: [], charts: [], table: null, commentary: [], empty: null } as const;

function slide(key: string, kind: Slide['kind'], title: string, extra: Partial<Slide> = {}): Slide {
  return { ...base, key, kind, defaultTitle: title, title, subtitle: '', notes: '', ...extra } as Slide;
}

const months = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);
const cents = (yuan: number) => Math.round(yuan * 100);

export const CHARTS: Record<SlideChart['kind'], SlideChart> = {
  columnTarget: {
    kind: 'columnTarget',
    title: '月度銷售與達成率',
    categories: months,
    series: [
      { name: '實際銷售額', role: 'ours', values: months.map((_, i) => cents(1_200_000 + i * 85_000)) },
      { name: '目標', role: 'target', values: months.map((_, i) => (i === 5 ? null : cents(1_300_000 + i * 60_000))) },
      { name: '達成率', role: 'ratio', values: months.map((_, i) => (i === 5 ? null : (1_200_000 + i * 85_000) / (1_300_000 + i * 60_000))) },
    ],
    valueKind: 'amount',
  },
  clusteredBar: {
    kind: 'clusteredBar',
    title: '我方與競品銷售額',
    categories: ['江蘇省', '浙江省', '上海市', '安徽省'],
    series: [
      { name: '我方', role: 'ours', values: [cents(5_400_000), cents(4_100_000), cents(0), cents(1_900_000)] },
      { name: '競品甲', role: 'competitor', values: [cents(4_800_000), cents(4_500_000), cents(2_200_000), null] },
    ],
    valueKind: 'amount',
  },
  stacked100: {
    kind: 'stacked100',
    title: '貨架佔有率',
    categories: ['蘇州市', '杭州市', '南京市'],
    series: [
      { name: '我方', role: 'ours', values: [0.42, 0.35, 0.28] },
      { name: '競品', role: 'competitor', values: [0.38, 0.45, 0.5] },
      { name: '其他', role: 'other', values: [0.2, 0.2, 0.22] },
    ],
    valueKind: 'ratio',
  },
  doughnut: {
    kind: 'doughnut',
    title: '品牌結構',
    categories: ['清泉', '雪峰', '山谷'],
    series: [{ name: '銷售額', role: 'ours', values: [cents(6_000_000), cents(3_000_000), cents(1_000_000)] }],
    valueKind: 'amount',
  },
  line: {
    kind: 'line',
    title: '月度趨勢',
    categories: months,
    series: [
      { name: '2026', role: 'ours', values: months.map((_, i) => cents(900_000 + i * 40_000)) },
      { name: '2025', role: 'lastYear', values: months.map((_, i) => cents(850_000 + i * 30_000)) },
    ],
    valueKind: 'amount',
  },
};

const CUSTOMER_NAMES = ['蘇州華聯商貿有限公司', '杭州百盛連鎖超市', '南京蘇果超市（新街口店）', '上海聯華超市股份有限公司', '無錫大統華購物中心', 'Hangzhou Lianhua Trading Co., Ltd.'];

export function longTable(rows: number): Slide['table'] {
  return {
    columns: [
      { label: '客戶', kind: 'text' },
      { label: '城市', kind: 'text' },
      { label: '銷售額', kind: 'amount' },
      { label: '同比', kind: 'ratio' },
      { label: '門店數', kind: 'count' },
    ],
    rows: Array.from({ length: rows }, (_, i) => [`${CUSTOMER_NAMES[i % CUSTOMER_NAMES.length]} ${i + 1}`, i % 2 ? '杭州市' : '蘇州市', cents(100_000 + i * 12_345.67), i % 3 === 0 ? null : 0.05 * ((i % 7) - 3), 10 + i]),
    total: ['合計', '', cents(9_999_999), 0.031, 1234],
  };
}

export function handDeck(): Deck {
  const slides: Slide[] = [
    slide('review.cover', 'cover', '華東大區 2026 年度總結', {
      subtitle: '年度總結',
      cover: { region: '華東大區', year: 2026, manager: '區域經理：王偉', date: '日期：2026-12-06', docTitle: '年度總結', versionName: '版本：工作版本' },
    }),
    slide('review.contents', 'contents', '目錄', { contents: [{ title: '測試', slide: 3 }, { title: '終端', slide: 8 }] }),
    slide('review.test.title', 'chapter', '1. 測試'),
    slide('review.test.combo', 'content', '月度銷售', {
      subtitle: '2026 全年',
      cards: [
        { label: '實際銷售額', value: cents(23_456_789.12), kind: 'amount' },
        { label: '達成率', value: 0.9734, kind: 'ratio', tone: 'neg' },
        { label: '同比增長', value: 0.1234, kind: 'ratio', tone: 'pos', note: '去年 20,880,000' },
        { label: '客戶數', value: 1234, kind: 'count' },
      ],
      charts: [CHARTS.columnTarget],
      commentary: ['上半年受春節錯期影響，一季度達成偏低；二季度起逐月追回。', '下半年重點：華東新開 KA 系統 3 家。'],
      notes: '先講全年達成，再講二季度的追趕。',
    }),
    slide('review.test.bars', 'content', '我方與競品', { charts: [CHARTS.clusteredBar, CHARTS.stacked100], notes: '江蘇領先，浙江落後。' }),
    slide('review.test.mix', 'content', '結構與趨勢', { charts: [CHARTS.doughnut, CHARTS.line] }),
    slide('review.test.table', 'content', '重點客戶', { subtitle: '2026 全年', table: longTable(40), notes: '客戶表共 40 行。' }),
    slide('review.test.hidden', 'content', '不顯示的一頁', { hidden: true }),
    slide('review.test.empty', 'content', '終端數據', { empty: { message: '還沒有市場數據（各品牌的市場銷售額）。請在「實績與市場數據」導入市場數據。', area: 'actuals' }, notes: '沒有數據。' }),
  ];
  return {
    doc: 'review',
    language: 'zh-Hant',
    unit: 'wan',
    title: '華東大區 2026 年度總結',
    regionName: '華東大區',
    manager: '王偉',
    year: 2026,
    versionId: 1,
    versionName: '工作版本',
    date: '2026-12-06',
    slides,
  };
}
