import type { RoundingSummary } from '../../../shared/importTypes';
import { addExact, centsExact, exactText, smallerExact, ZERO_EXACT, type ExactDecimal } from '../../../shared/importValues';

// The reconciliation of an import's rounding: amounts with more decimals than 分 are
// rounded one by one, so the imported total of a field can differ from the file's by
// the sum of those changes. Every money value of the rows imported is added here (its
// cents, and the exact change when it was rounded); the summary gives, per field, the
// file's total (imported − changes, exact) beside the imported total.

/** Cents are summed as numbers and moved to a bigint before they could lose precision. */
const FLUSH_AT = 2 ** 50;

interface FieldTally {
  cents: number;
  bigCents: bigint;
  change: ExactDecimal;
  values: number;
}

export class RoundingTally {
  private values = 0;
  private largest: ExactDecimal | null = null;
  private readonly fields = new Map<string, FieldTally>();

  /** One money value that is imported: its cents, and rounded − written when it was rounded. */
  add(field: string, cents: number, change?: ExactDecimal): void {
    let f = this.fields.get(field);
    if (!f) {
      f = { cents: 0, bigCents: 0n, change: ZERO_EXACT, values: 0 };
      this.fields.set(field, f);
    }
    f.cents += cents;
    if (Math.abs(f.cents) > FLUSH_AT) {
      f.bigCents += BigInt(f.cents);
      f.cents = 0;
    }
    if (change) {
      f.change = addExact(f.change, change);
      f.values++;
      this.values++;
      if (this.largest === null || smallerExact(this.largest, change)) this.largest = change;
    }
  }

  /** Undefined when nothing was rounded. */
  summary(): RoundingSummary | undefined {
    if (this.values === 0 || this.largest === null) return undefined;
    const fields = [...this.fields.entries()]
      .filter(([, f]) => f.values > 0)
      .map(([field, f]) => {
        const imported = centsExact(f.bigCents + BigInt(f.cents));
        const file = addExact(imported, { units: -f.change.units, scale: f.change.scale });
        return { field, fileTotal: exactText(file), importedTotal: exactText(imported), difference: exactText(f.change), values: f.values };
      });
    return { values: this.values, largestChange: exactText(this.largest), fields };
  }
}
