import { memo, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CREATE_NEEDS, RESOLUTION_ACTIONS, type MemberDimension, type ResolutionAction, type UnknownMember } from '../../../../shared/actuals';
import { formatInteger } from '../../../../shared/units';
import { useApp } from '../../app/AppContext';
import { dimensionText } from './messages';
import { draftKey, emptyDraft, memberOfQuery, missingOf, type Draft, type Drafts, type MemberOption } from './resolutions';
import type { MemberLists } from './useMemberLists';

interface Props {
  unknowns: UnknownMember[];
  unknownCount: number;
  drafts: Drafts;
  onDraft: (key: string, draft: Draft) => void;
  lists: MemberLists;
  /** Decisions not complete yet. */
  pending: number;
  /** The table differs from what the last check was given. */
  changed: boolean;
  busy: boolean;
  onApply: () => void;
  onSkipRest: () => void;
}

/** Rows per page: the list is for looking and overriding; decisions for all values are made above it. */
export const UNKNOWNS_PAGE = 50;
const NO_OPTIONS: MemberOption[] = [];

/** Actuals preview: each value the master data lacks, and what to do with its rows. */
export function UnknownMembers({ unknowns, unknownCount, drafts, onDraft, lists, pending, changed, busy, onApply, onSkipRest }: Props) {
  const { t } = useTranslation();
  const { language } = useApp();
  const n = (v: number) => formatInteger(v, language);
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(unknowns.length / UNKNOWNS_PAGE));
  const current = Math.min(page, pages - 1);
  const shown = unknowns.slice(current * UNKNOWNS_PAGE, (current + 1) * UNKNOWNS_PAGE);
  return (
    <section className="import-unknowns" data-testid="import-unknowns" aria-labelledby="import-unknowns-title">
      <h3 id="import-unknowns-title" className="import-unknowns__title">
        {t('importWizard.preview.unknown.title', { n: n(unknownCount) })}
      </h3>
      <p className="field__hint">
        {t('importWizard.preview.unknown.intro')}
        {unknownCount > unknowns.length && ` ${t('importWizard.preview.unknown.more', { shown: n(unknowns.length) })}`}
      </p>
      <div className="import-table-wrap import-table-wrap--unknowns">
        <table className="import-table import-table--unknowns">
          <thead>
            <tr>
              <th>{t('importWizard.preview.unknown.dimension')}</th>
              <th>{t('importWizard.preview.unknown.value')}</th>
              <th className="num">{t('importWizard.preview.unknown.rows')}</th>
              <th>{t('importWizard.preview.unknown.action')}</th>
              <th>{t('importWizard.preview.unknown.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((u) => {
              const key = draftKey(u.dimension, u.value);
              return (
                <UnknownRow
                  key={key}
                  draftId={key}
                  unknown={u}
                  draft={drafts[key] ?? EMPTY_DRAFT}
                  options={u.dimension === 'expenseItem' ? NO_OPTIONS : (lists[u.dimension] ?? NO_OPTIONS)}
                  lists={lists}
                  onDraft={onDraft}
                  rowsText={t('importWizard.preview.unknown.rowsCell', { n: n(u.rows) })}
                />
              );
            })}
          </tbody>
        </table>
      </div>
      {pages > 1 && (
        <div className="import-unknowns__pager" data-testid="import-unknowns-pager">
          <button type="button" className="btn btn--small" data-testid="import-unknowns-prev" disabled={current === 0} onClick={() => setPage(current - 1)}>
            {t('importWizard.preview.unknown.prevPage')}
          </button>
          <span className="muted">
            {t('importWizard.preview.unknown.page', {
              from: n(current * UNKNOWNS_PAGE + 1),
              to: n(Math.min(unknowns.length, (current + 1) * UNKNOWNS_PAGE)),
              total: n(unknowns.length),
            })}
          </span>
          <button type="button" className="btn btn--small" data-testid="import-unknowns-next" disabled={current >= pages - 1} onClick={() => setPage(current + 1)}>
            {t('importWizard.preview.unknown.nextPage')}
          </button>
        </div>
      )}
      <div className="import-unknowns__actions">
        <p className={pending > 0 || changed ? 'import-unknowns__status is-pending' : 'import-unknowns__status'} role="status" data-testid="import-unknowns-status">
          {pending > 0
            ? t('importWizard.preview.unknown.pending', { n: n(pending) })
            : changed
              ? t('importWizard.preview.unknown.changed')
              : ''}
        </p>
        <button type="button" className="btn btn--small" data-testid="import-skip-rest" disabled={busy || pending === 0} onClick={onSkipRest}>
          {t('importWizard.preview.unknown.skipRest')}
        </button>
        <button type="button" className={changed ? 'btn btn--small btn--primary' : 'btn btn--small'} data-testid="import-apply-resolutions" disabled={busy} onClick={onApply}>
          {t('importWizard.preview.unknown.apply')}
        </button>
      </div>
    </section>
  );
}

const EMPTY_DRAFT = emptyDraft();

interface RowProps {
  draftId: string;
  unknown: UnknownMember;
  draft: Draft;
  options: MemberOption[];
  lists: MemberLists;
  onDraft: (key: string, draft: Draft) => void;
  rowsText: string;
}

// Memoized: a change to one row's draft re-renders that row, not the page.
const UnknownRow = memo(function UnknownRow({ draftId, unknown: u, draft, options, lists, onDraft: onDraftOf, rowsText }: RowProps) {
  const onDraft = (d: Draft) => onDraftOf(draftId, d);
  const { t } = useTranslation();
  const listId = useId();
  const dimension = dimensionText(u.dimension);
  // A value the bulk decision covers follows it until the user decides it on its own.
  const follows = !!u.policy && draft.action === '';
  const missing = follows ? '' : missingOf(u.dimension, draft);
  const picked = draft.action === 'map' && draft.id !== undefined ? options.find((o) => o.id === draft.id) : undefined;

  const setQuery = (query: string) => {
    const member = memberOfQuery(query, options);
    onDraft({ ...draft, query, id: member?.id });
  };
  const chooseMember = (m: { id: number; code: string }) => onDraft({ ...draft, action: 'map', query: m.code, id: m.id });

  // The picker lists the suggestions first, then every other member.
  const suggestedIds = new Set(u.suggestions.map((s) => s.id));
  const ordered = draft.action === 'map' ? [...u.suggestions, ...options.filter((o) => !suggestedIds.has(o.id))] : [];

  return (
    <tr data-testid="import-unknown" data-dimension={u.dimension} data-value={u.value} data-policy={u.policy ?? ''} className={missing === '' ? 'is-decided' : ''}>
      <td>{dimension}</td>
      <td className="import-unknowns__value">
        <span className="import-unknowns__code">{u.value}</span>
        {u.fileName && u.fileName !== u.value && <span className="muted"> {u.fileName}</span>}
      </td>
      <td className="num">
        {rowsText}
        <span className="import-unknowns__first muted">{t('importWizard.preview.unknown.firstRow', { row: u.firstRow })}</span>
      </td>
      <td>
        <select
          className={missing === 'action' ? 'input is-invalid' : 'input'}
          aria-label={`${t('importWizard.preview.unknown.action')}: ${dimension} ${u.value}`}
          data-testid="import-unknown-action"
          value={draft.action}
          onChange={(e) => onDraft({ ...draft, action: e.target.value as ResolutionAction | '' })}
        >
          <option value="">{u.policy ? t('importWizard.preview.bulk.follow') : t('importWizard.preview.unknown.choose')}</option>
          {RESOLUTION_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {t(`importWizard.preview.unknown.${a}`)}
            </option>
          ))}
        </select>
      </td>
      <td className="import-unknowns__detail">
        {follows && u.policy && (
          <span className="muted">{t('importWizard.preview.bulk.policyCell', { action: t(`importWizard.preview.unknown.${u.policy}`) })}</span>
        )}
        {draft.action === '' && !follows && u.suggestions.length > 0 && (
          <span className="import-unknowns__suggest">
            {u.suggestions.slice(0, 3).map((s) => (
              <button
                key={s.id}
                type="button"
                className="import-chip"
                data-testid="import-unknown-suggestion"
                title={t('importWizard.preview.unknown.map')}
                onClick={() => chooseMember(s)}
              >
                {s.code} {s.name}
              </button>
            ))}
          </span>
        )}
        {draft.action === 'map' && (
          <span className="import-unknowns__map">
            <input
              className={missing === 'member' ? 'input is-invalid' : 'input'}
              list={listId}
              data-testid="import-unknown-member"
              aria-label={`${t('importWizard.preview.unknown.map')}: ${dimension} ${u.value}`}
              placeholder={t('importWizard.preview.unknown.search')}
              value={draft.query}
              autoComplete="off"
              onChange={(e) => setQuery(e.target.value)}
            />
            <datalist id={listId}>
              {ordered.map((o) => (
                <option key={o.id} value={o.code}>
                  {suggestedIds.has(o.id) ? `${o.name} ${t('importWizard.preview.unknown.suggested')}` : o.name}
                </option>
              ))}
            </datalist>
            <span className={picked ? 'import-unknowns__picked' : 'import-unknowns__picked is-missing'} data-testid="import-unknown-picked">
              {picked
                ? t('importWizard.preview.unknown.picked', { code: picked.code, name: picked.name })
                : draft.query.trim()
                  ? t('importWizard.preview.unknown.notFound')
                  : ''}
            </span>
          </span>
        )}
        {draft.action === 'create' && (
          <CreateFields unknown={u} draft={draft} lists={lists} onDraft={onDraft} dimension={dimension} />
        )}
      </td>
    </tr>
  );
});

function CreateFields({
  unknown: u,
  draft,
  lists,
  onDraft,
  dimension,
}: {
  unknown: UnknownMember;
  draft: Draft;
  lists: MemberLists;
  onDraft: (draft: Draft) => void;
  dimension: string;
}) {
  const { t } = useTranslation();
  const needs = CREATE_NEEDS[u.dimension as MemberDimension];
  return (
    <span className="import-unknowns__create">
      <input
        className="input"
        data-testid="import-unknown-name"
        aria-label={`${t('importWizard.preview.unknown.name')}: ${dimension} ${u.value}`}
        placeholder={u.fileName ?? u.value}
        value={draft.name}
        maxLength={200}
        onChange={(e) => onDraft({ ...draft, name: e.target.value })}
      />
      {needs.map((need) => {
        const what = t(`importWizard.preview.unknown.needs.${need}`);
        const value = draft.needs[need];
        return (
          <select
            key={need}
            className={value === undefined ? 'input is-invalid' : 'input'}
            data-testid={`import-unknown-${need}`}
            aria-label={`${what}: ${dimension} ${u.value}`}
            value={value === undefined ? '' : String(value)}
            onChange={(e) => {
              const next = { ...draft.needs };
              if (e.target.value === '') delete next[need];
              else next[need] = Number(e.target.value);
              onDraft({ ...draft, needs: next });
            }}
          >
            <option value="">{t('importWizard.preview.unknown.pick', { what })}</option>
            {(lists[need] ?? []).map((o) => (
              <option key={o.id} value={String(o.id)}>
                {o.name}
                {o.code && o.code !== o.name ? ` (${o.code})` : ''}
              </option>
            ))}
          </select>
        );
      })}
    </span>
  );
}
