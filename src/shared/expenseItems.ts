// The default expense items every region file gets (migration 7), by code, with the
// Traditional Chinese names that migration writes. The UI shows such an item in its
// own language (i18n `expenses.seedItem.<code>`) as long as it keeps both its code and
// its seeded name; an item the user renamed or added shows exactly as typed.

export const SEEDED_EXPENSE_ITEMS = {
  'TERM': '終端建設費',
  'TERM-LIST': '進場費',
  'TERM-SHELF': '陳列費',
  'TERM-DISP': '堆頭費',
  'TERM-SIGN': '店招',
  'ADV': '廣告費',
  'ADV-MEDIA': '媒體',
  'ADV-POP': 'POP物料',
  'PROMO': '促銷費',
  'PROMO-CONS': '消費者促銷',
  'PROMO-TRADE': '通路促銷',
  'STAFF': '人員費用',
  'STAFF-WAGE': '工資',
  'STAFF-COMM': '提成',
  'STAFF-PROMOTER': '促銷員',
  'TRAVEL': '差旅費',
  'TRAIN': '培訓費',
  'MEET': '會議費',
  'OTHER': '其他',
} as const;

export type SeededItemCode = keyof typeof SEEDED_EXPENSE_ITEMS;

/** The item's seed code when it still has its seeded code and name, else null (show the name as typed). */
export function seededItemKey(code: string, name: string): SeededItemCode | null {
  return Object.hasOwn(SEEDED_EXPENSE_ITEMS, code) && SEEDED_EXPENSE_ITEMS[code as SeededItemCode] === name ? (code as SeededItemCode) : null;
}
