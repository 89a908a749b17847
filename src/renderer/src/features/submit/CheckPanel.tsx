import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Finding, FindingSeverity } from '../../../../shared/submit';
import { formatPercent } from '../../../../shared/units';
import { useCommand } from '../../api/commands';
import { useQuery } from '../../api/queries';
import { useApp } from '../../app/AppContext';
import { errorText } from '../../i18n';
import { isArea, useAreaNav } from '../workspace/areaNav';
import './checkPanel.css';

const SEVERITIES: readonly FindingSeverity[] = ['error', 'warning'];

/** A percent typed by a person ("1", "1.5", "2%") as a fraction, or null when it is not one in 0–50%. */
function parseTolerance(text: string): number | null {
  const s = text.trim().replace(/[%％]$/, '').trim();
  if (!/^\d+(\.\d+)?$/.test(s)) return null;
  const v = Number(s) / 100;
  return v >= 0 && v <= 0.5 ? Math.round(v * 1e6) / 1e6 : null;
}

/**
 * 報送前檢查: the findings of a plan version (default: the working plan), errors first,
 * each with the place to fix it; head office's tolerance on the gap to its target,
 * shown and changed here. The core words the findings in the UI's language.
 */
export function CheckPanel({ versionId }: { versionId?: number }) {
  const { t } = useTranslation();
  const app = useApp();
  const goTo = useAreaNav();
  const input = useMemo(() => ({ ...(versionId !== undefined ? { versionId } : {}), language: app.language }), [versionId, app.language]);
  const query = useQuery('submit.check', input);
  const setTolerance = useCommand('submit.setTolerance');
  const result = query.data && (versionId === undefined || query.data.versionId === versionId) ? query.data : null;
  // What the user typed, for the tolerance it was typed over (a new tolerance from the file drops it).
  const [draft, setDraft] = useState<{ over: string; text: string } | null>(null);
  const [rechecking, setRechecking] = useState(false);

  const shownTolerance = result ? String(Math.round(result.tolerance * 1e4) / 100) : '';
  const typed = draft !== null && draft.over === shownTolerance ? draft.text : shownTolerance;
  const parsed = parseTolerance(typed);
  const changed = result !== null && parsed !== null && parsed !== result.tolerance;

  const save = async () => {
    if (parsed === null || !changed) return;
    const outcome = await setTolerance.run({ tolerance: parsed });
    if (outcome.ok) await query.settled();
  };
  const recheck = async () => {
    setRechecking(true);
    try {
      await query.reload();
    } finally {
      setRechecking(false);
    }
  };

  const groups = SEVERITIES.map((severity) => ({ severity, findings: result?.findings.filter((f) => f.severity === severity) ?? [] }));
  const summary = !result
    ? null
    : result.errors > 0
      ? t('submitCheck.summary', { errors: result.errors, warnings: result.warnings })
      : result.warnings > 0
        ? t('submitCheck.readyWarnings', { warnings: result.warnings })
        : t('submitCheck.ready');

  return (
    <section className="sc" data-testid="submit-check" aria-busy={!result || rechecking}>
      <header className="sc__head">
        <div>
          <h2 className="section-title">{t('submitCheck.title')}</h2>
          <p className="sc__intro muted">{t('submitCheck.intro')}</p>
        </div>
        <button type="button" className="btn btn--small" onClick={() => void recheck()} disabled={rechecking || !result} data-testid="submit-check-recheck">
          {rechecking ? t('submitCheck.checking') : t('submitCheck.recheck')}
        </button>
      </header>

      {result && (
        <div className="sc__bar">
          <p
            className={`sc__summary ${result.errors > 0 ? 'sc__summary--blocked' : 'sc__summary--ready'}`}
            role="status"
            data-testid="submit-check-summary"
            data-errors={result.errors}
            data-warnings={result.warnings}
          >
            {summary}
          </p>
          <form
            className="sc__tolerance"
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            <label title={t('submitCheck.toleranceHint')}>
              <span>{t('submitCheck.tolerance')}</span>
              <input
                className="sc__toleranceInput"
                inputMode="decimal"
                value={typed}
                onChange={(e) => setDraft({ over: shownTolerance, text: e.target.value })}
                aria-invalid={parsed === null}
                data-testid="submit-check-tolerance"
              />
              <span>%</span>
            </label>
            <button type="submit" className="btn btn--small btn--primary" disabled={!changed || setTolerance.pending} data-testid="submit-check-tolerance-save">
              {t('submitCheck.toleranceSave')}
            </button>
            <span className="sc__cap muted">{result.cap !== null ? t('submitCheck.cap', { cap: formatPercent(result.cap, app.language) }) : t('submitCheck.noCap')}</span>
          </form>
        </div>
      )}
      {(parsed === null || setTolerance.error) && result && (
        <p className="sc__error" role="alert">
          {setTolerance.error ? errorText(setTolerance.error) : t('submitCheck.error.tolerance')}
        </p>
      )}

      {query.error && !result && (
        <p className="sc__error" role="alert" data-testid="submit-check-error">
          {errorText(query.error)}
        </p>
      )}
      {!result && !query.error && <p className="muted">{t('submitCheck.checking')}</p>}
      {result && result.findings.length === 0 && <p className="sc__none">{t('submitCheck.none')}</p>}

      {groups.map(({ severity, findings }) =>
        findings.length === 0 ? null : (
          <div key={severity} className={`sc__group sc__group--${severity}`} data-testid={`submit-check-${severity}s`}>
            <h3 className="sc__groupTitle">
              {t(severity === 'error' ? 'submitCheck.errors' : 'submitCheck.warnings')} <span className="sc__count">{findings.length}</span>
            </h3>
            <ul className="sc__list">
              {byRule(findings).map((same) => (
                <RuleLines key={same[0].rule} findings={same} onFix={goTo ? (f) => (isArea(f.place.area) ? () => goTo(f.place.area, { tab: f.place.tab, ref: f.place.ref }) : null) : () => null} />
              ))}
            </ul>
          </div>
        ),
      )}
    </section>
  );
}

/** Findings by rule, in the order the rules first appear. */
function byRule(findings: Finding[]): Finding[][] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const g = groups.get(f.rule);
    if (g) g.push(f);
    else groups.set(f.rule, [f]);
  }
  return [...groups.values()];
}

/** Lines of one rule shown before the rest fold away: twelve months of the same gap read as one problem. */
const FOLD_AFTER = 3;

function RuleLines({ findings, onFix }: { findings: Finding[]; onFix: (f: Finding) => (() => void) | null }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const folded = findings.length > FOLD_AFTER + 1 && !open;
  const shown = folded ? findings.slice(0, FOLD_AFTER) : findings;
  return (
    <>
      {shown.map((f, i) => (
        <FindingLine key={i} finding={f} onFix={onFix(f)} />
      ))}
      {findings.length > FOLD_AFTER + 1 && (
        <li className="sc__more">
          <button type="button" className="sc__moreButton" onClick={() => setOpen(!open)} aria-expanded={open} data-testid="submit-check-more" data-rule={findings[0].rule}>
            {open ? t('submitCheck.fewer') : t('submitCheck.more', { count: findings.length - FOLD_AFTER })}
          </button>
        </li>
      )}
    </>
  );
}

function FindingLine({ finding, onFix }: { finding: Finding; onFix: (() => void) | null }) {
  const { t } = useTranslation();
  // The side navigation's own name for the area.
  const area = t(`nav.${finding.place.area}`);
  return (
    <li className={`sc__line sc__line--${finding.severity}`} data-testid="submit-check-finding" data-rule={finding.rule} data-area={finding.place.area}>
      <span className="sc__badge">{t(`submitCheck.severity.${finding.severity}`)}</span>
      <span className="sc__message">{finding.message}</span>
      <span className="sc__where muted">{area}</span>
      {onFix && (
        <button type="button" className="btn btn--small" onClick={onFix} title={t('submitCheck.fixTitle', { area })}>
          {t('submitCheck.fix')}
        </button>
      )}
    </li>
  );
}
