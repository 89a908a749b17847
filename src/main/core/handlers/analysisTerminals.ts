import type { HandlerRegistry } from '../registry';
import type { Session } from '../session';
import { terminalLines, terminalsAnalysis } from '../services/analysis/terminals';

/** 終端分析: read-only aggregates over the store audits, and the audit lines behind one group. */
export function registerAnalysisTerminals(r: HandlerRegistry, session: Session): void {
  const sqlite = () => session.requireFile().sqlite;
  r.register('analysis.terminals', (input) => terminalsAnalysis(sqlite(), input));
  r.register('analysis.terminalLines', (input) => terminalLines(sqlite(), input));
}
