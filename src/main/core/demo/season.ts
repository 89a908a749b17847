// Monthly seasonality of the demo's sales. Beverages peak in summer; gift packs and
// snacks are bought in the weeks before the Spring Festival (春節), whose Gregorian
// date moves between late January and mid February, so the peak moves with it.

/** Spring Festival (正月初一) dates; other years fall back to an average date. */
const SPRING_FESTIVAL: Readonly<Record<number, string>> = {
  2015: '02-19', 2016: '02-08', 2017: '01-28', 2018: '02-16', 2019: '02-05', 2020: '01-25',
  2021: '02-12', 2022: '02-01', 2023: '01-22', 2024: '02-10', 2025: '01-29', 2026: '02-17',
  2027: '02-06', 2028: '01-26', 2029: '02-13', 2030: '02-03', 2031: '01-23', 2032: '02-11',
  2033: '01-31', 2034: '02-19', 2035: '02-08',
};

const DAY_MS = 86_400_000;

function springFestival(year: number): number {
  const md = SPRING_FESTIVAL[year] ?? '02-04';
  return Date.parse(`${year}-${md}T00:00:00Z`);
}

const SUMMER = [0.72, 0.68, 0.82, 0.92, 1.05, 1.28, 1.42, 1.38, 1.1, 0.92, 0.85, 0.86];
// Noodles sell a little more in the cold months and around the holidays.
const FLAT = [1.08, 0.96, 1.0, 0.98, 0.96, 0.94, 0.94, 0.96, 1.0, 1.02, 1.04, 1.12];

/** Trade buys for the festival in the ~5 weeks before it, up to a few days ahead. */
const FESTIVAL_WINDOW_START = 40;
const FESTIVAL_WINDOW_END = 3;
const FESTIVAL_MASS = 2.6;

function festivalRaw(year: number, month: number): number {
  let f = 0.72;
  if (month === 8) f += 0.25; // Mid-Autumn (中秋) gift buying starts in August
  if (month === 9) f += 0.6;
  if (month === 12) f += 0.2; // New Year's Day
  const monthStart = Date.UTC(year, month - 1, 1);
  const monthEnd = Date.UTC(year, month, 1);
  // The festival of this year or of next year can fall (partly) in this month's window.
  for (const fy of [year, year + 1]) {
    const sf = springFestival(fy);
    const from = sf - FESTIVAL_WINDOW_START * DAY_MS;
    const to = sf - FESTIVAL_WINDOW_END * DAY_MS + DAY_MS;
    const overlap = Math.max(0, Math.min(to, monthEnd) - Math.max(from, monthStart)) / DAY_MS;
    f += (FESTIVAL_MASS * overlap) / (FESTIVAL_WINDOW_START - FESTIVAL_WINDOW_END + 1);
  }
  return f;
}

/** Factor for one month (1–12); each calendar year's twelve factors average 1. */
export function seasonFactor(kind: 'flat' | 'summer' | 'festival', year: number, month: number): number {
  if (kind === 'summer') return SUMMER[month - 1];
  if (kind === 'flat') return FLAT[month - 1];
  let sum = 0;
  for (let m = 1; m <= 12; m++) sum += festivalRaw(year, m);
  return (festivalRaw(year, month) * 12) / sum;
}
