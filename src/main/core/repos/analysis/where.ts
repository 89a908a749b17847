// The conditions of a hand-written WHERE with their parameters, in the order they
// bind: the analysis views assemble their statements from the filter the user set.

export class Where {
  readonly parts: string[] = [];
  readonly params: unknown[] = [];

  constructor(condition?: string, ...params: unknown[]) {
    if (condition !== undefined) this.add(condition, ...params);
  }

  add(condition: string, ...params: unknown[]): this {
    this.parts.push(condition);
    this.params.push(...params);
    return this;
  }

  /** Another statement part's conditions, after these. */
  also(other: Where): this {
    this.parts.push(...other.parts);
    this.params.push(...other.params);
    return this;
  }

  /** `column = value`, when a value is given. */
  equals(column: string, value: number | undefined): this {
    return value === undefined ? this : this.add(`${column} = ?`, value);
  }

  get empty(): boolean {
    return this.parts.length === 0;
  }

  /** The conditions joined with AND ('' when there are none). */
  get sql(): string {
    return this.parts.join(' AND ');
  }
}
