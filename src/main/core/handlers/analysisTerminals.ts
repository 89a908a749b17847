import type { HandlerRegistry } from '../registry';
import { terminalLines, terminalsAnalysis } from '../services/analysis/terminals';

/** 終端分析: read-only aggregates over the store audits, and the audit lines behind one group. */
export function registerAnalysisTerminals(r: HandlerRegistry): void {
  r.query('analysis.terminals', (input, { db }) => terminalsAnalysis(db, input));
  r.query('analysis.terminalLines', (input, { db }) => terminalLines(db, input));
}
