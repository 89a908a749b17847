import type { HandlerRegistry } from '../registry';
import type { Session } from '../session';
import { terminalsAnalysis } from '../services/analysis/terminals';

/** 終端分析: read-only aggregates. */
export function registerAnalysisTerminals(r: HandlerRegistry, session: Session): void {
  const sqlite = () => session.requireFile().sqlite;
  r.register('analysis.terminals', (input) => terminalsAnalysis(sqlite(), input));
}
