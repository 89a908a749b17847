import { describe, expect, it } from 'vitest';
import { catalogs } from '../../src/shared/i18n';
import { LANGUAGES } from '../../src/shared/units';

// One name, one formula: the expense budget's return is sales ÷ expense, the expense
// analysis's is gross profit ÷ expense. Each screen, tooltip and header names which
// one it shows, so the two are never both called plain 投入產出比.

function leaves(node: unknown, path: string, out: [string, string][]): [string, string][] {
  if (typeof node === 'string') out.push([path, node]);
  else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) leaves(v, path ? `${path}.${k}` : k, out);
  return out;
}

const SALES = /銷售|销售|Sales/;
const GP = /毛利|GP/;

describe('the names of the returns on expense', () => {
  for (const language of LANGUAGES) {
    const strings = leaves(catalogs[language], '', []);
    const get = (key: string) => strings.find(([p]) => p === key)?.[1] ?? '';

    it(`never says a bare 投入產出比 / return on expense (${language})`, () => {
      for (const [path, text] of strings) {
        for (const m of text.matchAll(/投入[產产]出比|return on expense/gi)) {
          const before = text.slice(0, m.index);
          expect(SALES.test(before.slice(-2)) || GP.test(before.slice(-2)) || /(銷售|销售)與?与?毛利$|(sales|GP) (and GP )?$/i.test(before), `${path}: ${text}`).toBe(true);
        }
      }
    });

    it(`names sales ÷ expense and gross profit ÷ expense apart (${language})`, () => {
      for (const key of ['expenses.summary.salesReturn', 'expenses.measures.salesReturn']) expect(get(key), key).toMatch(SALES);
      for (const key of ['expenses.summary.gpReturn', 'expenses.measures.gpReturn', 'analysisExpenses.table.return', 'analysisExpenses.chart.return']) {
        expect(get(key), key).toMatch(GP);
      }
      expect(get('expenses.summary.salesReturn')).not.toBe(get('analysisExpenses.table.return'));
    });
  }
});
