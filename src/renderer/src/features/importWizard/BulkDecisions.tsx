import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DIMENSION_ATTRIBUTES,
  type BulkDimensionPlan,
  type BulkPreview,
  type MemberAttribute,
  type MemberDimension,
  type ResolutionAction,
} from '../../../../shared/actuals';
import type { ColumnMapping, ImportFieldInfo } from '../../../../shared/importTypes';
import { formatInteger } from '../../../../shared/units';
import { useApp } from '../../app/AppContext';
import { attributeText, dimensionText } from './messages';
import { emptyPolicy, type PolicyDraft, type PolicyDrafts } from './resolutions';
import type { MemberLists } from './useMemberLists';

// The unknown-members step's first part: one decision per dimension ("800 unknown
// customers: create all / skip all / map by a column"), where created members take
// each attribute from a column of the file or from a default chosen once; then the
// cities, channels, brands… those need, to confirm before they are created.

/** The member field of a dimension (customer → "customer") and its attribute fields by attribute. */
function attributeFields(fields: readonly ImportFieldInfo[], dimension: MemberDimension): Partial<Record<MemberAttribute, ImportFieldInfo>> {
  const members = new Set(fields.filter((f) => f.type === 'member' && f.dimension === dimension).map((f) => f.key));
  const out: Partial<Record<MemberAttribute, ImportFieldInfo>> = {};
  for (const f of fields) if (f.attributeOf && members.has(f.attributeOf) && f.attribute) out[f.attribute as MemberAttribute] = f;
  return out;
}

const BULK_ACTIONS: (ResolutionAction | '')[] = ['create', 'skip', 'map', ''];
const ACTION_LABEL: Record<ResolutionAction | '', 'createAll' | 'skipAll' | 'mapBy' | 'oneByOne'> = { create: 'createAll', skip: 'skipAll', map: 'mapBy', '': 'oneByOne' };
/** Attributes whose default names a member (the others are a number). */
const NAMED = new Set<MemberAttribute>(['province', 'city', 'channel', 'salesperson', 'brand', 'category']);

interface Props {
  bulk: BulkPreview;
  drafts: PolicyDrafts;
  onDraft: (dimension: MemberDimension, draft: PolicyDraft) => void;
  fields: readonly ImportFieldInfo[];
  mapping: ColumnMapping;
  onMapping: (fieldKey: string, column: number | null) => void;
  columnName: (index: number) => string;
  columns: number;
  lists: MemberLists;
  /** The supporting list is confirmed as the preview shows it. */
  confirmed: boolean;
  onConfirm: (checked: boolean) => void;
  /** The decisions differ from what the last check was given. */
  changed: boolean;
  onApply: () => void;
  busy: boolean;
}

export function BulkDecisions({ bulk, drafts, onDraft, fields, mapping, onMapping, columnName, columns, lists, confirmed, onConfirm, changed, onApply, busy }: Props) {
  const { t } = useTranslation();
  const { language } = useApp();
  const n = (v: number) => formatInteger(v, language);
  const shown = bulk.dimensions.filter((d) => d.unknown > 0 || d.policy !== null);
  if (shown.length === 0) return null;
  return (
    <section className="import-bulk" data-testid="import-bulk">
      {shown.map((plan) => (
        <DimensionPanel
          key={plan.dimension}
          plan={plan}
          draft={drafts[plan.dimension] ?? emptyPolicy()}
          onDraft={(d) => onDraft(plan.dimension, d)}
          fields={fields}
          mapping={mapping}
          onMapping={onMapping}
          columnName={columnName}
          columns={columns}
          lists={lists}
          fileValues={bulk.fileValues}
          busy={busy}
        />
      ))}
      <div className="import-bulk__apply">
        <button type="button" className={changed ? 'btn btn--small btn--primary' : 'btn btn--small'} data-testid="import-bulk-apply" disabled={busy} onClick={onApply}>
          {t('importWizard.preview.bulk.apply')}
        </button>
      </div>
      {bulk.supporting.length > 0 && (
        <div className="import-bulk__supporting" data-testid="import-bulk-supporting">
          <h4 className="import-bulk__title">{t('importWizard.preview.bulk.supportingTitle', { n: n(bulk.supporting.length) })}</h4>
          <p className="field__hint">{t('importWizard.preview.bulk.supportingIntro')}</p>
          <div className="import-table-wrap import-table-wrap--supporting">
            <table className="import-table">
              <thead>
                <tr>
                  <th>{t('importWizard.preview.unknown.dimension')}</th>
                  <th>{t('importWizard.preview.unknown.name')}</th>
                  <th>{t('importWizard.preview.bulk.province')}</th>
                  <th>{t('importWizard.preview.bulk.catalog')}</th>
                  <th className="num">{t('importWizard.preview.bulk.uses')}</th>
                </tr>
              </thead>
              <tbody>
                {bulk.supporting.map((s) => (
                  <tr key={`${s.dimension}:${s.name}`} data-testid="import-bulk-supporting-row" data-dimension={s.dimension}>
                    <td>{dimensionText(s.dimension)}</td>
                    <td>{s.name}</td>
                    <td className={s.dimension === 'city' && s.province === null ? 'is-missing' : ''}>
                      {s.dimension === 'city' ? (s.province ?? t('importWizard.preview.bulk.needsProvince')) : ''}
                    </td>
                    <td className="muted">{s.catalogCode ?? ''}</td>
                    <td className="num">{s.dimension === 'province' ? '' : n(s.uses)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <label className="import-bulk__confirm">
            <input type="checkbox" data-testid="import-bulk-confirm" checked={confirmed} disabled={busy} onChange={(e) => onConfirm(e.target.checked)} />
            {t('importWizard.preview.bulk.confirm', { n: n(bulk.supporting.length) })}
          </label>
        </div>
      )}
      {bulk.conflictCount > 0 && (
        <div className="import-bulk__conflicts" data-testid="import-bulk-conflicts">
          <p className="field__hint">{t('importWizard.preview.bulk.conflicts', { n: n(bulk.conflictCount) })}</p>
          <ul>
            {bulk.conflicts.slice(0, 20).map((c, i) => (
              <li key={i}>
                {t('importWizard.preview.bulk.conflictRow', {
                  dimension: dimensionText(c.dimension),
                  value: c.value,
                  attribute: attributeText(c.attribute),
                  kept: c.kept,
                  other: c.other,
                  row: c.row,
                })}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

interface PanelProps {
  plan: BulkDimensionPlan;
  draft: PolicyDraft;
  onDraft: (d: PolicyDraft) => void;
  fields: readonly ImportFieldInfo[];
  mapping: ColumnMapping;
  onMapping: (fieldKey: string, column: number | null) => void;
  columnName: (index: number) => string;
  columns: number;
  lists: MemberLists;
  fileValues: BulkPreview['fileValues'];
  busy: boolean;
}

function DimensionPanel({ plan, draft, onDraft, fields, mapping, onMapping, columnName, columns, lists, fileValues, busy }: PanelProps) {
  const { t } = useTranslation();
  const { language } = useApp();
  const n = (v: number) => formatInteger(v, language);
  const idBase = useId();
  const dimension = dimensionText(plan.dimension);
  const attrFields = attributeFields(fields, plan.dimension);
  const attributes = DIMENSION_ATTRIBUTES[plan.dimension] ?? [];
  const missing = new Map(plan.missing.map((m) => [m.attribute, m.count]));
  const columnOptions = Array.from({ length: columns }, (_, i) => i);
  const rest = plan.unknown - plan.created - plan.skipped - plan.mapped;
  return (
    <div className="import-bulk__panel" data-testid="import-bulk-panel" data-dimension={plan.dimension}>
      <div className="import-bulk__head">
        <h4 className="import-bulk__title">{t('importWizard.preview.bulk.title', { n: n(plan.unknown), dimension })}</h4>
        <div className="import-bulk__actions" role="radiogroup" aria-label={t('importWizard.preview.bulk.title', { n: n(plan.unknown), dimension })}>
          {BULK_ACTIONS.map((a) => (
            <label key={a || 'none'} className={draft.action === a ? 'import-bulk__action is-on' : 'import-bulk__action'}>
              <input
                type="radio"
                name={`${idBase}-action`}
                value={a}
                data-testid={`import-bulk-${a || 'none'}`}
                checked={draft.action === a}
                disabled={busy}
                onChange={() => onDraft({ ...draft, action: a })}
              />
              {t(`importWizard.preview.bulk.${ACTION_LABEL[a]}`)}
            </label>
          ))}
        </div>
      </div>
      {draft.action === 'map' && (
        <label className="import-bulk__map">
          {t('importWizard.preview.bulk.mapColumn', { dimension })}
          <select
            className={draft.column === undefined ? 'input is-invalid' : 'input'}
            data-testid="import-bulk-map-column"
            value={draft.column === undefined ? '' : String(draft.column)}
            onChange={(e) => onDraft({ ...draft, column: e.target.value === '' ? undefined : Number(e.target.value) })}
          >
            <option value="">{t('importWizard.mapping.none')}</option>
            {columnOptions.map((i) => (
              <option key={i} value={String(i)}>
                {columnName(i)}
              </option>
            ))}
          </select>
        </label>
      )}
      {draft.action === 'create' && attributes.length > 0 && (
        <table className="import-table import-bulk__attributes">
          <thead>
            <tr>
              <th>{t('importWizard.preview.bulk.attribute')}</th>
              <th>{t('importWizard.preview.bulk.fromColumn')}</th>
              <th>{t('importWizard.preview.bulk.defaultValue')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {attributes.map((attribute) => {
              const field = attrFields[attribute];
              const col = field ? mapping[field.key] : undefined;
              const listId = `${idBase}-${attribute}`;
              const label = attributeText(attribute);
              const existing = NAMED.has(attribute) ? (lists[attribute as keyof MemberLists] ?? []).map((m) => m.name) : [];
              const inFile = (fileValues[attribute] ?? []).filter((v) => !existing.includes(v));
              const lacking = missing.get(attribute);
              return (
                <tr key={attribute} data-attribute={attribute}>
                  <th scope="row">{label}</th>
                  <td>
                    {field ? (
                      <select
                        className="input"
                        data-testid={`import-bulk-column-${attribute}`}
                        aria-label={`${dimension} ${label}: ${t('importWizard.preview.bulk.fromColumn')}`}
                        value={col === null || col === undefined ? '' : String(col)}
                        onChange={(e) => onMapping(field.key, e.target.value === '' ? null : Number(e.target.value))}
                      >
                        <option value="">{t('importWizard.preview.bulk.noColumn')}</option>
                        {columnOptions.map((i) => (
                          <option key={i} value={String(i)}>
                            {columnName(i)}
                          </option>
                        ))}
                      </select>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td>
                    <input
                      className={lacking ? 'input is-invalid' : 'input'}
                      list={NAMED.has(attribute) ? listId : undefined}
                      data-testid={`import-bulk-default-${attribute}`}
                      aria-label={`${dimension} ${label}: ${t('importWizard.preview.bulk.defaultValue')}`}
                      placeholder={t('importWizard.preview.bulk.noDefault')}
                      value={draft.defaults[attribute] ?? ''}
                      maxLength={200}
                      autoComplete="off"
                      onChange={(e) => onDraft({ ...draft, defaults: { ...draft.defaults, [attribute]: e.target.value } })}
                    />
                    {NAMED.has(attribute) && (
                      <datalist id={listId}>
                        {existing.map((v) => (
                          <option key={`e:${v}`} value={v}>
                            {t('importWizard.preview.bulk.existing')}
                          </option>
                        ))}
                        {inFile.map((v) => (
                          <option key={`f:${v}`} value={v}>
                            {t('importWizard.preview.bulk.fileValue')}
                          </option>
                        ))}
                      </datalist>
                    )}
                  </td>
                  <td className="import-bulk__missing">{lacking ? t('importWizard.preview.bulk.missing', { n: n(lacking), attribute: label }) : ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {plan.policy !== null && (
        <p className="import-bulk__summary muted" data-testid="import-bulk-summary">
          {t('importWizard.preview.bulk.summary', { created: n(plan.created), skipped: n(plan.skipped), mapped: n(plan.mapped), rest: n(rest) })}
        </p>
      )}
    </div>
  );
}
