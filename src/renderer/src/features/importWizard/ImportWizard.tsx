import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CREATE_NEEDS,
  DEFAULT_ACTUALS_READ_OPTIONS,
  actualKindOfDestination,
  type ActualsReadOptions,
  type BulkRequest,
  type MemberDimension,
  type Resolution,
} from '../../../../shared/actuals';
import type { AppErrorData } from '../../../../shared/errors';
import type {
  ColumnMapping,
  DataFileInfo,
  DuplicateChoice,
  ImportCommitResult,
  ImportFieldInfo,
  ImportPreview,
  TextEncoding,
} from '../../../../shared/importTypes';
import type { EntityName } from '../../../../shared/masterData';
import { defaultSourceOf } from '../../../../shared/sourceName';
import { formatInteger } from '../../../../shared/units';
import { api, toErrorData } from '../../api/client';
import { useCommand } from '../../api/commands';
import { useQuery } from '../../api/queries';
import { useApp } from '../../app/AppContext';
import { Modal } from '../../components/Modal';
import { applySaved, autoMatch, columnsOf, headerSignature, savedFit } from './autoMatch';
import { BatchSummary, TakenRowsList } from './BatchSummary';
import { BulkDecisions } from './BulkDecisions';
import { MasterReview } from './MasterReview';
import { RoundingTable } from './RoundingTable';
import { fieldLabel, fieldLabelsAll, importErrorText, issueText, messageText } from './messages';
import { ReadOptionsFields } from './ReadOptionsFields';
import {
  draftKey,
  draftOf,
  emptyDraft,
  missingOf,
  sameResolutions,
  toBulkRequest,
  toResolutions,
  type Draft,
  type Drafts,
  type PolicyDraft,
  type PolicyDrafts,
} from './resolutions';
import { UnknownMembers } from './UnknownMembers';
import { useMemberLists } from './useMemberLists';
import { useReadOnDemand } from './useReadOnDemand';
import './importWizard.css';

type Step = 'file' | 'format' | 'mapping' | 'preview' | 'done';
const STEPS: Step[] = ['file', 'format', 'mapping', 'preview', 'done'];

interface ReadOptions {
  encoding?: TextEncoding;
  sheet?: string;
  headerRow?: number;
}

interface Props {
  /** What the rows become: 'master:<entity>', 'targets:ho' or 'actuals:<kind>'. */
  destination: string;
  onClose: () => void;
}

/** The field types of actuals destinations that the mapping step names beside a field. */
const TYPE_HINTS = ['period', 'date', 'member', 'name', 'text', 'money', 'integer', 'boolean'] as const;
type TypeHint = (typeof TYPE_HINTS)[number];
const isTypeHint = (type: string): type is TypeHint => (TYPE_HINTS as readonly string[]).includes(type);

const ACCEPT = '.csv,.txt,.xlsx,.xls,text/csv,application/vnd.ms-excel,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The import wizard: file → format → column mapping → check → commit (all or nothing). */
export function ImportWizard({ destination, onClose }: Props) {
  const { t } = useTranslation();
  const { language } = useApp();
  const actuals = actualKindOfDestination(destination) !== null;
  const master = destination.startsWith('master:');
  const [step, setStep] = useState<Step>('file');
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** A calm note instead of an error: the user cancelled the running check or import. */
  const [notice, setNotice] = useState<string | null>(null);
  const [path, setPath] = useState<string | null>(null);
  const [options, setOptions] = useState<ReadOptions>({});
  const [info, setInfo] = useState<DataFileInfo | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [mappedFor, setMappedFor] = useState<string | null>(null);
  const [savedChoice, setSavedChoice] = useState('');
  const [saveName, setSaveName] = useState('');
  const [savedNote, setSavedNote] = useState<string | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [result, setResult] = useState<ImportCommitResult | null>(null);
  /** Actuals: the lines the checked plan said the commit writes (the result counts file rows). */
  const [committedLines, setCommittedLines] = useState<number | null>(null);
  // Actuals destinations: how values are read, and the decisions about unknown members.
  const [readOptions, setReadOptions] = useState<ActualsReadOptions>(DEFAULT_ACTUALS_READ_OPTIONS);
  const [drafts, setDrafts] = useState<Drafts>({});
  /** The resolutions the last check was given (the commit sends the same). */
  const [sentResolutions, setSentResolutions] = useState<Resolution[]>([]);
  /** The user confirmed overwriting rows of other sources that the last check listed. */
  const [confirmOther, setConfirmOther] = useState(false);
  // Decisions for all unknown values of a dimension, and the confirmed list of supporting members.
  const [policyDrafts, setPolicyDrafts] = useState<PolicyDrafts>({});
  const [confirmed, setConfirmed] = useState<BulkRequest['confirm'] | null>(null);
  const [sentBulk, setSentBulk] = useState<BulkRequest | undefined>(undefined);
  /** The bulk panel was edited since the last check (a policy, a default, an attribute column). */
  const [bulkDirty, setBulkDirty] = useState(false);
  // Master-data destinations: which row of a repeated code is taken, and whether the
  // members the check listed to create are confirmed.
  const [duplicates, setDuplicates] = useState<DuplicateChoice>('first');
  const [createConfirmed, setCreateConfirmed] = useState(false);
  /** Checks finished (tests wait on it). */
  const [checks, setChecks] = useState(0);
  const [dragging, setDragging] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const summaryRef = useRef<HTMLParagraphElement>(null);
  const web = api.transport === 'web';

  const showError = useCallback(
    (data: AppErrorData) => {
      if (data.code === 'CANCELLED') setNotice(t('importWizard.preview.cancelled'));
      else setError(importErrorText(data));
    },
    [t],
  );

  // The destination's fields and its saved mappings follow the file (a saved mapping reloads them).
  const destinationQuery = useQuery('import.destination', { destination });
  const mappingsQuery = useQuery('import.mappings', { destination });
  const destinationInfo = destinationQuery.data;
  const saved = useMemo(() => mappingsQuery.data ?? [], [mappingsQuery.data]);
  // How the chosen file reads and what a check of the mapping finds are asked for by the user.
  const { read, busy: reading } = useReadOnDemand(showError);
  const chooseFile = useCommand('import.chooseFile');
  const commit = useCommand('import.commit');
  const saveMappingCommand = useCommand('import.saveMapping');
  const busy = reading || uploading || commit.pending;

  const inspect = async (p: string, next: ReadOptions): Promise<DataFileInfo | null> => {
    setError(null);
    setNotice(null);
    const i = await read('import.inspect', { path: p, ...next });
    if (i) {
      setInfo(i);
      setOptions(next);
      setPreview(null);
    }
    return i;
  };

  const opened = async (p: string) => {
    setPath(p);
    const i = await inspect(p, {});
    if (!i) return;
    // A source seen before reads its dates and amounts as it did last time; otherwise a
    // workbook says its date system and a CSV keeps the user's choice.
    const known = saved.find((s) => s.options && savedFit(s, i.headers) === 1);
    if (known?.options) setReadOptions(known.options);
    else if (i.format !== 'csv') setReadOptions((o) => ({ ...o, dateSystem: i.date1904 ? 1904 : 1900 }));
    setStep('format');
  };

  const chooseNative = async () => {
    setError(null);
    const outcome = await chooseFile.run();
    if (!outcome.ok) showError(outcome.error);
    else if (outcome.value) await opened(outcome.value.path);
  };

  const upload = async (file: File) => {
    setError(null);
    setUploading(true);
    let p: string;
    try {
      p = await api.upload(file, 'import');
    } catch (e) {
      showError(toErrorData(e));
      return;
    } finally {
      setUploading(false);
    }
    await opened(p);
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    e.stopPropagation();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (file) void upload(file);
  };

  // Entering the mapping step for a new header row: a saved mapping that fits, else match by header text.
  const headersKey = info ? JSON.stringify(info.headers) : '';
  const enterMapping = () => {
    if (!info || !destinationInfo) return;
    if (mappedFor !== headersKey) {
      const best = [...saved].sort((a, b) => savedFit(b, info.headers) - savedFit(a, info.headers))[0];
      if (best && savedFit(best, info.headers) === 1) {
        setMapping(applySaved(best, destinationInfo.fields, info.headers));
        setSavedChoice(best.name);
        setSaveName(best.name);
      } else {
        setMapping(autoMatch(destinationInfo.fields, info.headers, fieldLabelsAll));
        setSavedChoice('');
        // An actuals source is named after the file's name pattern, so each month's file of one export is one source.
        setSaveName(actuals ? defaultSourceOf(info.fileName) : headerSignature(info.headers));
      }
      setMappedFor(headersKey);
    }
    setSavedNote(null);
    setStep('mapping');
  };

  const request = (resolutions: Resolution[] = sentResolutions, bulk: BulkRequest | undefined = sentBulk) => ({
    path: path!,
    ...options,
    destination,
    mapping,
    ...(actuals
      ? {
          options: readOptions,
          // The source: same source + same months replaces the earlier rows.
          source: saveName.trim() || undefined,
          ...(resolutions.length > 0 ? { resolutions } : {}),
          ...(confirmOther ? { replaceOtherSources: true } : {}),
          ...(bulk ? { bulk } : {}),
        }
      : {}),
    ...(master
      ? {
          duplicates,
          ...(createConfirmed && preview?.toCreate?.length ? { createMembers: preview.toCreate.map((m) => ({ entity: m.entity, value: m.value })) } : {}),
        }
      : {}),
  });

  const runPreview = async (resolutions: Resolution[] = sentResolutions, bulk: BulkRequest | undefined = sentBulk) => {
    setError(null);
    setNotice(null);
    setPreview(null);
    setConfirmOther(false);
    setCreateConfirmed(false);
    setStep('preview');
    setSentResolutions(resolutions);
    setSentBulk(bulk);
    setBulkDirty(false);
    const next = await read('import.preview', request(resolutions, bulk));
    if (!next) return;
    setPreview(next);
    setChecks((n) => n + 1);
    // One draft per unknown value: kept from before, else from the decision the check was given.
    setDrafts((prev) => {
      const out: Drafts = { ...prev };
      for (const u of next.unknowns ?? []) {
        const key = draftKey(u.dimension, u.value);
        out[key] = draftOf(u, prev[key], (id) => u.suggestions.find((m) => m.id === id)?.code);
      }
      return out;
    });
  };

  // A finished check takes the focus (the button that started it is gone, and a
  // progress dialog may have held the focus meanwhile), so keyboard users land on its result.
  useEffect(() => {
    if (checks > 0) summaryRef.current?.focus();
  }, [checks]);

  const unknowns = useMemo(() => preview?.unknowns ?? [], [preview]);
  const draftResolutions = useMemo(() => toResolutions(unknowns, drafts), [unknowns, drafts]);
  const resolutionsChanged = useMemo(() => {
    const listed = new Set(unknowns.map((u) => draftKey(u.dimension, u.value)));
    return !sameResolutions(
      draftResolutions,
      sentResolutions.filter((r) => listed.has(draftKey(r.dimension, r.value))),
    );
  }, [unknowns, draftResolutions, sentResolutions]);
  // A value the dimension's bulk decision covers needs no decision of its own.
  const pendingUnknowns = unknowns.filter((u) => {
    const draft = drafts[draftKey(u.dimension, u.value)] ?? emptyDraft();
    return !(u.policy && draft.action === '') && missingOf(u.dimension, draft) !== '';
  }).length;

  /** Apply the table and the bulk decisions: the decisions of this check's values, and the earlier ones for values it did not list. */
  const applyResolutions = (confirm: BulkRequest['confirm'] | null = confirmed) => {
    const listed = new Set(unknowns.map((u) => draftKey(u.dimension, u.value)));
    const kept = sentResolutions.filter((r) => !listed.has(draftKey(r.dimension, r.value)));
    void runPreview([...kept, ...draftResolutions], toBulkRequest(policyDrafts, confirm));
  };
  const setPolicy = useCallback((dimension: MemberDimension, draft: PolicyDraft) => {
    setPolicyDrafts((prev) => ({ ...prev, [dimension]: draft }));
    setBulkDirty(true);
  }, []);
  const setAttributeColumn = (fieldKey: string, column: number | null) => {
    setMapping((prev) => ({ ...prev, [fieldKey]: column }));
    setBulkDirty(true);
  };
  /** Ticking the list confirms it as this check shows it, and checks again with the confirmation. */
  const confirmSupporting = (checked: boolean) => {
    const b = preview?.bulk;
    const next = checked && b ? { count: b.supporting.length, hash: b.supportingHash } : null;
    setConfirmed(next);
    applyResolutions(next);
  };
  const supportingConfirmed = !!preview?.bulk && !!confirmed && confirmed.hash === preview.bulk.supportingHash && confirmed.count === preview.bulk.supporting.length;

  const setDraft = useCallback((key: string, draft: Draft) => setDrafts((prev) => ({ ...prev, [key]: draft })), []);
  const skipRest = () =>
    setDrafts((prev) => {
      const out = { ...prev };
      for (const u of unknowns) {
        const key = draftKey(u.dimension, u.value);
        if (!u.policy && (out[key] ?? emptyDraft()).action === '') out[key] = { ...emptyDraft(), action: 'skip' };
      }
      return out;
    });

  // The members the table offers: of each dimension mapped to, and what creating needs.
  const neededEntities = useMemo(() => {
    const out = new Set<EntityName>();
    for (const u of unknowns) {
      const draft = drafts[draftKey(u.dimension, u.value)];
      // Expense items are not master data: the preview offers them all (a short list) as suggestions.
      if (draft?.action === 'map' && u.dimension !== 'expenseItem') out.add(u.dimension);
      if (draft?.action === 'create') for (const need of CREATE_NEEDS[u.dimension]) out.add(need);
    }
    // The bulk panel's default pickers offer the existing members of each attribute.
    for (const d of Object.values(policyDrafts)) {
      if (d?.action === 'create') for (const e of ['province', 'city', 'channel', 'salesperson', 'brand', 'category'] as const) out.add(e);
    }
    return [...out];
  }, [unknowns, drafts, policyDrafts]);
  const members = useMemberLists(neededEntities);

  const runCommit = async () => {
    setError(null);
    setNotice(null);
    const outcome = await commit.run(request());
    if (!outcome.ok) {
      showError(outcome.error);
      return;
    }
    // The source's columns and reading are remembered for its next file; a mapping that
    // could not be kept is asked for again next time (the import is in).
    if (actuals && info && saveName.trim()) {
      await saveMappingCommand.run({ destination, name: saveName.trim(), columns: columnsOf(mapping, info.headers), options: readOptions });
    }
    setResult(outcome.value);
    setCommittedLines(preview?.batch?.lines ?? null);
    setStep('done');
  };

  const saveMapping = async () => {
    if (!info) return;
    const name = saveName.trim();
    if (!name) return;
    const outcome = await saveMappingCommand.run({ destination, name, columns: columnsOf(mapping, info.headers), ...(actuals ? { options: readOptions } : {}) });
    if (!outcome.ok) {
      showError(outcome.error);
      return;
    }
    await mappingsQuery.settled();
    setSavedChoice(name);
    setSavedNote(t('importWizard.mapping.savedOk', { name }));
  };

  // What could not be read for the wizard itself (the destination, its mappings, the member lists).
  const loadError = destinationQuery.error ?? mappingsQuery.error ?? members.error;
  const shownError = error ?? (loadError ? importErrorText(loadError) : null);

  const columnName = (i: number) => (info?.headers[i] ? info.headers[i] : t('importWizard.format.emptyHeader', { n: i + 1 }));
  const missingRequired = useMemo(
    () => (destinationInfo?.fields ?? []).filter((f) => f.required && (mapping[f.key] === null || mapping[f.key] === undefined)),
    [destinationInfo, mapping],
  );

  const entityName = destinationInfo ? messageText(destinationInfo.labelKey) : '';
  const num = (n: number) => formatInteger(n, language);
  const typeHint = (f: ImportFieldInfo): string | null =>
    actuals && isTypeHint(f.type)
      ? t(`importWizard.mapping.type.${f.type}`, { unit: t(`importWizard.read.${readOptions.amountUnit}`) })
      : null;
  const createNeedsConfirm = (preview?.toCreate?.length ?? 0) > 0 && !createConfirmed;
  const needsConfirm = (actuals && (preview?.batch?.otherSources.length ?? 0) > 0 && !confirmOther) || createNeedsConfirm;
  const canCommit = !busy && !!preview && preview.issueCount === 0 && !(actuals && (resolutionsChanged || bulkDirty)) && !needsConfirm;
  const stepIndex = STEPS.indexOf(step);

  const footer = (
    <>
      {step !== 'file' && step !== 'done' && (
        <button
          type="button"
          className="btn"
          data-testid="import-back"
          disabled={busy}
          onClick={() => {
            setError(null);
            setStep(STEPS[stepIndex - 1]);
          }}
        >
          {t('importWizard.back')}
        </button>
      )}
      <span className="import-wizard__spacer" />
      {step !== 'done' && (
        <button type="button" className="btn" onClick={onClose} disabled={busy}>
          {t('common.cancel')}
        </button>
      )}
      {step === 'format' && (
        <button type="button" className="btn btn--primary" data-testid="import-next" disabled={busy || !info || !destinationInfo} onClick={enterMapping}>
          {t('importWizard.next')}
        </button>
      )}
      {step === 'mapping' && (
        <button
          type="button"
          className="btn btn--primary"
          data-testid="import-next"
          disabled={busy || missingRequired.length > 0}
          onClick={() => void runPreview()}
        >
          {t('importWizard.next')}
        </button>
      )}
      {step === 'preview' && (
        <button
          type="button"
          className="btn btn--primary"
          data-testid="import-commit"
          disabled={!canCommit}
          onClick={() => void runCommit()}
        >
          {t('importWizard.import')}
        </button>
      )}
      {step === 'done' && (
        <button type="button" className="btn btn--primary" data-testid="import-close" onClick={onClose} autoFocus>
          {t('importWizard.close')}
        </button>
      )}
    </>
  );

  return (
    <Modal title={t('importWizard.title', { entity: entityName })} onClose={onClose} testId="import-wizard" dismissible={!busy} footer={footer} wide>
      <ol className="import-steps" aria-label={t('importWizard.stepsLabel')} data-testid="import-steps" data-checks={checks}>
        {STEPS.map((s, i) => (
          <li key={s} className={i === stepIndex ? 'is-current' : i < stepIndex ? 'is-done' : ''} aria-current={i === stepIndex ? 'step' : undefined}>
            <span className="import-steps__n">{i + 1}</span>
            {t(`importWizard.step.${s}`)}
          </li>
        ))}
      </ol>

      {shownError && (
        <p className="inline-error import-wizard__error" role="alert" data-testid="import-error">
          {shownError}
        </p>
      )}
      {notice && (
        <p className="import-wizard__notice" role="status" data-testid="import-notice">
          {notice}
        </p>
      )}

      {step === 'file' && (
        <div className="import-file">
          <p className="form__intro">{t('importWizard.file.intro')}</p>
          {web ? (
            <div
              className={dragging ? 'import-drop is-active' : 'import-drop'}
              role="button"
              tabIndex={0}
              data-testid="import-drop"
              onClick={() => inputRef.current?.click()}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') inputRef.current?.click();
              }}
              onDragOver={(e) => {
                e.preventDefault();
                e.stopPropagation();
                setDragging(true);
              }}
              onDragLeave={() => setDragging(false)}
              onDrop={onDrop}
            >
              {busy ? t('importWizard.file.reading') : t('importWizard.file.drop')}
              <input
                ref={inputRef}
                type="file"
                accept={ACCEPT}
                hidden
                data-testid="import-file-input"
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  e.target.value = '';
                  if (file) void upload(file);
                }}
              />
            </div>
          ) : (
            <button type="button" className="btn btn--primary" data-testid="import-choose" disabled={busy} onClick={() => void chooseNative()}>
              {busy ? t('importWizard.file.reading') : t('importWizard.file.choose')}
            </button>
          )}
          <p className="field__hint">{t('importWizard.file.limits')}</p>
        </div>
      )}

      {step === 'format' && info && (
        <div className="import-format">
          <div className="import-format__controls">
            <div className="field">
              <span className="field__label">{t('importWizard.format.fileLabel')}</span>
              <span className="import-format__file" data-testid="import-file-name">
                {info.fileName} <span className="badge">{info.format.toUpperCase()}</span>
              </span>
            </div>
            {info.format === 'csv' && (
              <label className="field">
                <span className="field__label">{t('importWizard.format.encoding')}</span>
                <select
                  className="input"
                  data-testid="import-encoding"
                  value={info.encoding ?? 'utf-8'}
                  disabled={busy}
                  onChange={(e) => void inspect(path!, { ...options, encoding: e.target.value as TextEncoding })}
                >
                  {info.encodings.map((enc) => (
                    <option key={enc} value={enc}>
                      {t(`importWizard.encoding.${enc}`)}
                      {enc === info.detectedEncoding ? ` ${t('importWizard.format.detected')}` : ''}
                    </option>
                  ))}
                </select>
              </label>
            )}
            {info.sheets.length > 0 && (
              <label className="field">
                <span className="field__label">{t('importWizard.format.sheet')}</span>
                <select
                  className="input"
                  data-testid="import-sheet"
                  value={info.sheet ?? ''}
                  disabled={busy}
                  onChange={(e) => void inspect(path!, { sheet: e.target.value })}
                >
                  {info.sheets.map((s) => (
                    <option key={s} value={s}>
                      {s}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <label className="field field--short">
              <span className="field__label">{t('importWizard.format.headerRow')}</span>
              <input
                className="input"
                type="number"
                min={1}
                data-testid="import-header-row"
                value={info.headerRow}
                disabled={busy}
                onChange={(e) => {
                  const n = Number(e.target.value);
                  if (Number.isInteger(n) && n >= 1) void inspect(path!, { ...options, headerRow: n });
                }}
              />
            </label>
          </div>
          {info.format === 'csv' && <p className="field__hint">{t('importWizard.format.encodingHint')}</p>}
          {actuals && <ReadOptionsFields info={info} value={readOptions} onChange={setReadOptions} disabled={busy} />}
          {master && (
            <fieldset className="import-read">
              <div className="import-read__fields">
                <label className="field">
                  <span className="field__label">{t('importWizard.master.duplicates')}</span>
                  <select
                    className="input"
                    data-testid="import-duplicates"
                    value={duplicates}
                    disabled={busy}
                    onChange={(e) => setDuplicates(e.target.value === 'last' ? 'last' : 'first')}
                  >
                    <option value="first">{t('importWizard.master.first')}</option>
                    <option value="last">{t('importWizard.master.last')}</option>
                  </select>
                </label>
              </div>
              <p className="field__hint">{t('importWizard.master.duplicatesHint')}</p>
            </fieldset>
          )}
          <p className="import-format__count" data-testid="import-row-count" data-approx={info.rowCountApprox ? 'true' : undefined}>
            {info.rowCountApprox
              ? t('importWizard.format.rowsApprox', { n: num(info.rowCount) })
              : t('importWizard.format.rows', { n: num(info.rowCount) })}
          </p>
          <div className="import-table-wrap">
            <table className="import-table" data-testid="import-sample">
              <thead>
                <tr>
                  <th className="num">{t('importWizard.format.rowNo')}</th>
                  {info.headers.map((_, i) => (
                    <th key={i}>{columnName(i)}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {info.sample.map((row, r) => (
                  <tr key={r}>
                    <td className="num muted">{info.sampleRowNumbers[r]}</td>
                    {row.map((cell, c) => (
                      <td key={c}>{cell}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}

      {step === 'mapping' && info && destinationInfo && (
        <div className="import-mapping">
          <p className="form__intro">{t('importWizard.mapping.intro')}</p>
          <div className="import-mapping__saved">
            <label className="field">
              <span className="field__label">{t('importWizard.mapping.saved')}</span>
              <span className="import-mapping__row">
                <select className="input" data-testid="import-saved" value={savedChoice} onChange={(e) => setSavedChoice(e.target.value)}>
                  <option value="">{saved.length === 0 ? t('importWizard.mapping.savedNone') : '—'}</option>
                  {saved.map((s) => (
                    <option key={s.name} value={s.name}>
                      {s.name}
                    </option>
                  ))}
                </select>
                <button
                  type="button"
                  className="btn btn--small"
                  disabled={!savedChoice}
                  onClick={() => {
                    const s = saved.find((m) => m.name === savedChoice);
                    if (s) {
                      setMapping(applySaved(s, destinationInfo.fields, info.headers));
                      setSaveName(s.name);
                    }
                  }}
                >
                  {t('importWizard.mapping.apply')}
                </button>
              </span>
            </label>
            <label className="field">
              <span className="field__label">{actuals ? t('importWizard.mapping.sourceAs') : t('importWizard.mapping.saveAs')}</span>
              <span className="import-mapping__row">
                <input className="input" data-testid="import-save-name" value={saveName} maxLength={200} onChange={(e) => setSaveName(e.target.value)} />
                <button type="button" className="btn btn--small" data-testid="import-save-mapping" disabled={!saveName.trim()} onClick={() => void saveMapping()}>
                  {t('importWizard.mapping.save')}
                </button>
              </span>
            </label>
          </div>
          {actuals && (
            <p className="field__hint import-mapping__source" data-testid="import-source-hint">
              {t('importWizard.mapping.sourceHint')}
            </p>
          )}
          {savedNote && (
            <p className="import-wizard__note" role="status">
              {savedNote}
            </p>
          )}
          <div className="import-table-wrap">
            <table className="import-table import-table--mapping" data-testid="import-mapping">
              <thead>
                <tr>
                  <th>{t('importWizard.mapping.field')}</th>
                  <th>{t('importWizard.mapping.column')}</th>
                  <th>{t('importWizard.mapping.sample')}</th>
                </tr>
              </thead>
              <tbody>
                {destinationInfo.fields.map((f) => {
                  const col = mapping[f.key];
                  const sample = col === null || col === undefined ? '' : (info.sample.find((r) => r[col]?.trim())?.[col] ?? '');
                  const missing = f.required && (col === null || col === undefined);
                  const hint = typeHint(f);
                  return (
                    <tr key={f.key} data-field={f.key} className={missing ? 'is-missing' : ''}>
                      <th scope="row">
                        {fieldLabel(f)}
                        {f.required && (
                          <span className="import-required" title={t('importWizard.mapping.required')}>
                            {' '}*
                          </span>
                        )}
                        {hint && <span className="import-type">{hint}</span>}
                      </th>
                      <td>
                        <select
                          className={missing ? 'input is-invalid' : 'input'}
                          aria-label={fieldLabel(f)}
                          data-testid={`map-${f.key}`}
                          value={col === null || col === undefined ? '' : String(col)}
                          onChange={(e) => setMapping({ ...mapping, [f.key]: e.target.value === '' ? null : Number(e.target.value) })}
                        >
                          <option value="">{t('importWizard.mapping.none')}</option>
                          {info.headers.map((_, i) => (
                            <option key={i} value={String(i)}>
                              {columnName(i)}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td className="muted import-table__sample">{sample}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <p className="field__hint">{actuals ? t('importWizard.mapping.memberHint') : t('importWizard.mapping.codeHint')}</p>
        </div>
      )}

      {step === 'preview' && (
        <div className="import-preview" aria-busy={busy}>
          {!preview && busy && <p className="muted">{t('importWizard.preview.checking')}</p>}
          {!preview && !busy && (
            <button type="button" className="btn" data-testid="import-check-again" onClick={() => void runPreview()}>
              {t('importWizard.preview.checkAgain')}
            </button>
          )}
          {preview && (
            <>
              <p data-testid="import-summary" ref={summaryRef} tabIndex={-1} className="import-summary">
                {t('importWizard.preview.summary', { rows: num(preview.rowCount), valid: num(preview.validCount) })}{' '}
                {preview.issueCount === 0 && !preview.batch && t('importWizard.preview.plan', { inserts: num(preview.inserts), updates: num(preview.updates) })}
              </p>
              {preview.batch && <BatchSummary plan={preview.batch} />}
              {preview.rounding && <RoundingTable summary={preview.rounding} fields={destinationInfo?.fields} />}
              {preview.batch && <TakenRowsList plan={preview.batch} confirmed={confirmOther} onConfirm={setConfirmOther} />}
              {preview.bulk && (
                <BulkDecisions
                  bulk={preview.bulk}
                  drafts={policyDrafts}
                  onDraft={setPolicy}
                  fields={destinationInfo?.fields ?? []}
                  mapping={mapping}
                  onMapping={setAttributeColumn}
                  columnName={columnName}
                  columns={info?.headers.length ?? 0}
                  lists={members.lists}
                  confirmed={supportingConfirmed}
                  onConfirm={confirmSupporting}
                  changed={resolutionsChanged || bulkDirty}
                  onApply={() => applyResolutions()}
                  busy={busy}
                />
              )}
              {master && (
                <MasterReview preview={preview} fields={destinationInfo?.fields ?? []} confirmed={createConfirmed} onConfirm={setCreateConfirmed} busy={busy} />
              )}
              {unknowns.length > 0 && (
                <UnknownMembers
                  unknowns={unknowns}
                  unknownCount={preview.unknownCount ?? unknowns.length}
                  drafts={drafts}
                  onDraft={setDraft}
                  lists={members.lists}
                  pending={pendingUnknowns}
                  changed={resolutionsChanged || bulkDirty}
                  busy={busy}
                  onApply={() => applyResolutions()}
                  onSkipRest={skipRest}
                />
              )}
              {preview.issueCount === 0 && createNeedsConfirm ? null : preview.issueCount === 0 ? (
                <p className="import-ok" data-testid="import-all-good">
                  {t('importWizard.preview.allGood')}
                </p>
              ) : (
                <>
                  <p className="inline-error" data-testid="import-has-issues">
                    {t('importWizard.preview.hasIssues', { n: num(preview.issueCount) })}
                    {preview.issueCount > preview.issues.length && ` ${t('importWizard.preview.moreIssues', { shown: num(preview.issues.length) })}`}
                  </p>
                  <div className="import-table-wrap">
                    <table className="import-table" data-testid="import-issues">
                      <thead>
                        <tr>
                          <th className="num">{t('importWizard.preview.row')}</th>
                          <th>{t('importWizard.preview.column')}</th>
                          <th>{t('importWizard.preview.field')}</th>
                          <th>{t('importWizard.preview.reason')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {preview.issues.map((i, n) => {
                          const f = destinationInfo?.fields.find((x) => x.key === i.field);
                          return (
                            <tr key={n}>
                              <td className="num">{i.row === 0 ? t('importWizard.preview.mappingRow') : i.row}</td>
                              <td>{i.column}</td>
                              <td>{f ? fieldLabel(f) : i.field}</td>
                              <td className="import-table__reason">{issueText(i.message, i.params)}</td>
                            </tr>
                          );
                        })}
                      </tbody>
                    </table>
                  </div>
                </>
              )}
            </>
          )}
        </div>
      )}

      {step === 'done' && result && (
        <div className="import-done" data-testid="import-done">
          <p className="import-ok">{t('importWizard.done.title')}</p>
          {actuals ? (
            <>
              <p data-testid="import-done-body">
                {t('importWizard.done.actualsBody', {
                  rows: num(result.imported),
                  lines: num(committedLines ?? result.imported),
                  batch: result.batchId ?? '—',
                  replaced: num(result.replaced ?? 0),
                  overwritten: num(result.overwritten ?? 0),
                  combined: num(result.combined ?? 0),
                  created: num(result.created ?? 0),
                  skipped: num(result.skipped ?? 0),
                })}
              </p>
              {result.rounding && (
                <p data-testid="import-done-rounding">
                  {t('importWizard.preview.rounding.summary', { n: num(result.rounding.values), largest: result.rounding.largestChange })}
                </p>
              )}
              <p className="field__hint">{t('importWizard.done.batchHint')}</p>
            </>
          ) : (
            <p data-testid="import-done-body">
              {t('importWizard.done.body', { count: result.imported, inserted: result.inserted, updated: result.updated })}
              {result.created ? ` ${t('importWizard.done.created', { n: num(result.created) })}` : ''}
            </p>
          )}
        </div>
      )}
    </Modal>
  );
}
