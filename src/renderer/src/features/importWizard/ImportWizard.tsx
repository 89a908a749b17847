import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelResult } from '../../../../shared/contract';
import type { AppErrorData } from '../../../../shared/errors';
import type {
  ColumnMapping,
  DataFileInfo,
  ImportPreview,
  ImportTargetInfo,
  SavedMapping,
  TextEncoding,
} from '../../../../shared/importTypes';
import { api, toErrorData } from '../../api/client';
import { useApp } from '../../app/AppContext';
import { Modal } from '../../components/Modal';
import { applySaved, autoMatch, columnsOf, headerSignature, savedFit } from './autoMatch';
import { fieldLabel, fieldLabelsAll, importErrorText, messageText } from './messages';
import './importWizard.css';

type Step = 'file' | 'format' | 'mapping' | 'preview' | 'done';
const STEPS: Step[] = ['file', 'format', 'mapping', 'preview', 'done'];

interface ReadOptions {
  encoding?: TextEncoding;
  sheet?: string;
  headerRow?: number;
}

interface Props {
  /** 'master:<entity>' (or a later issue's target). */
  target: string;
  onClose: () => void;
  /** After a successful commit: the grid re-reads its rows. */
  onImported?: (count: number) => void;
}

const ACCEPT = '.csv,.txt,.xlsx,.xls,text/csv,application/vnd.ms-excel,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The import wizard: file → format → column mapping → check → commit (all or nothing). */
export function ImportWizard({ target, onClose, onImported }: Props) {
  const { t } = useTranslation();
  const app = useApp();
  const [step, setStep] = useState<Step>('file');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [path, setPath] = useState<string | null>(null);
  const [options, setOptions] = useState<ReadOptions>({});
  const [info, setInfo] = useState<DataFileInfo | null>(null);
  const [targetInfo, setTargetInfo] = useState<ImportTargetInfo | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [mappedFor, setMappedFor] = useState<string | null>(null);
  const [saved, setSaved] = useState<SavedMapping[]>([]);
  const [savedChoice, setSavedChoice] = useState('');
  const [saveName, setSaveName] = useState('');
  const [savedNote, setSavedNote] = useState<string | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [result, setResult] = useState<{ imported: number; inserted: number; updated: number } | null>(null);
  const [dragging, setDragging] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const web = api.transport === 'web';

  const fail = useCallback((e: unknown) => setError(importErrorText(toErrorData(e))), []);

  // The target's fields and saved mappings, once.
  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const [ti, sm] = await Promise.all([api.call('import.target', { target }), api.call('import.mappings', { target })]);
        if (!live) return;
        setTargetInfo(ti);
        setSaved(sm);
      } catch (e) {
        if (live) fail(e);
      }
    })();
    return () => {
      live = false;
    };
  }, [target, fail]);

  const inspect = useCallback(
    async (p: string, next: ReadOptions) => {
      setBusy(true);
      setError(null);
      try {
        const i = await api.call('import.inspect', { path: p, ...next });
        setInfo(i);
        setOptions(next);
        setPreview(null);
        return i;
      } catch (e) {
        fail(e);
        return null;
      } finally {
        setBusy(false);
      }
    },
    [fail],
  );

  const opened = async (p: string) => {
    setPath(p);
    const i = await inspect(p, {});
    if (i) setStep('format');
  };

  const chooseNative = async () => {
    setError(null);
    try {
      const chosen = await api.call('import.chooseFile');
      if (chosen) await opened(chosen.path);
    } catch (e) {
      fail(e);
    }
  };

  const upload = async (file: File) => {
    setError(null);
    setBusy(true);
    try {
      const p = await api.upload(file, 'import');
      setBusy(false);
      await opened(p);
    } catch (e) {
      setBusy(false);
      fail(e);
    }
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
    if (!info || !targetInfo) return;
    if (mappedFor !== headersKey) {
      const best = [...saved].sort((a, b) => savedFit(b, info.headers) - savedFit(a, info.headers))[0];
      if (best && savedFit(best, info.headers) === 1) {
        setMapping(applySaved(best, targetInfo.fields, info.headers));
        setSavedChoice(best.name);
        setSaveName(best.name);
      } else {
        setMapping(autoMatch(targetInfo.fields, info.headers, fieldLabelsAll));
        setSavedChoice('');
        setSaveName(headerSignature(info.headers));
      }
      setMappedFor(headersKey);
    }
    setSavedNote(null);
    setStep('mapping');
  };

  const request = () => ({ path: path!, ...options, target, mapping });

  const runPreview = async () => {
    setBusy(true);
    setError(null);
    setPreview(null);
    setStep('preview');
    try {
      setPreview(await api.call('import.preview', request()));
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const runCommit = async () => {
    setBusy(true);
    setError(null);
    type Outcome = { kind: 'ok'; value: ChannelResult<'import.commit'> } | { kind: 'error'; error: AppErrorData };
    const outcome = await app.commit(async (): Promise<Outcome> => {
      try {
        return { kind: 'ok', value: await api.call('import.commit', request()) };
      } catch (e) {
        return { kind: 'error', error: toErrorData(e) };
      }
    });
    setBusy(false);
    if (outcome?.kind === 'ok') {
      setResult(outcome.value);
      setStep('done');
      onImported?.(outcome.value.imported);
    } else if (outcome?.kind === 'error') {
      setError(importErrorText(outcome.error));
    }
  };

  const saveMapping = async () => {
    if (!info) return;
    const name = saveName.trim();
    if (!name) return;
    try {
      const list = await api.call('import.saveMapping', { target, name, columns: columnsOf(mapping, info.headers) });
      setSaved(list);
      setSavedChoice(name);
      setSavedNote(t('importWizard.mapping.savedOk', { name }));
    } catch (e) {
      fail(e);
    }
  };

  const columnName = (i: number) => (info?.headers[i] ? info.headers[i] : t('importWizard.format.emptyHeader', { n: i + 1 }));
  const missingRequired = useMemo(
    () => (targetInfo?.fields ?? []).filter((f) => f.required && (mapping[f.key] === null || mapping[f.key] === undefined)),
    [targetInfo, mapping],
  );

  const entityName = targetInfo ? messageText(targetInfo.labelKey) : '';
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
        <button type="button" className="btn btn--primary" data-testid="import-next" disabled={busy || !info || !targetInfo} onClick={enterMapping}>
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
          disabled={busy || !preview || preview.issueCount > 0}
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
      <ol className="import-steps" aria-label="steps">
        {STEPS.map((s, i) => (
          <li key={s} className={i === stepIndex ? 'is-current' : i < stepIndex ? 'is-done' : ''} aria-current={i === stepIndex ? 'step' : undefined}>
            <span className="import-steps__n">{i + 1}</span>
            {t(`importWizard.step.${s}`)}
          </li>
        ))}
      </ol>

      {error && (
        <p className="inline-error import-wizard__error" role="alert" data-testid="import-error">
          {error}
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
          <p className="import-format__count" data-testid="import-row-count">
            {t('importWizard.format.rows', { count: info.rowCount })}
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

      {step === 'mapping' && info && targetInfo && (
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
                      setMapping(applySaved(s, targetInfo.fields, info.headers));
                      setSaveName(s.name);
                    }
                  }}
                >
                  {t('importWizard.mapping.apply')}
                </button>
              </span>
            </label>
            <label className="field">
              <span className="field__label">{t('importWizard.mapping.saveAs')}</span>
              <span className="import-mapping__row">
                <input className="input" data-testid="import-save-name" value={saveName} maxLength={200} onChange={(e) => setSaveName(e.target.value)} />
                <button type="button" className="btn btn--small" data-testid="import-save-mapping" disabled={!saveName.trim()} onClick={() => void saveMapping()}>
                  {t('importWizard.mapping.save')}
                </button>
              </span>
            </label>
          </div>
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
                {targetInfo.fields.map((f) => {
                  const col = mapping[f.key];
                  const sample = col === null || col === undefined ? '' : (info.sample.find((r) => r[col]?.trim())?.[col] ?? '');
                  const missing = f.required && (col === null || col === undefined);
                  return (
                    <tr key={f.key} data-field={f.key} className={missing ? 'is-missing' : ''}>
                      <th scope="row">
                        {fieldLabel(f)}
                        {f.required && (
                          <span className="import-required" title={t('importWizard.mapping.required')}>
                            {' '}*
                          </span>
                        )}
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
          <p className="field__hint">{t('importWizard.mapping.codeHint')}</p>
        </div>
      )}

      {step === 'preview' && (
        <div className="import-preview">
          {!preview && busy && <p className="muted">{t('importWizard.preview.checking')}</p>}
          {preview && (
            <>
              <p data-testid="import-summary">
                {t('importWizard.preview.summary', { rows: preview.rowCount, valid: preview.validCount })}{' '}
                {preview.issueCount === 0 && t('importWizard.preview.plan', { inserts: preview.inserts, updates: preview.updates })}
              </p>
              {preview.issueCount === 0 ? (
                <p className="import-ok" data-testid="import-all-good">
                  {t('importWizard.preview.allGood')}
                </p>
              ) : (
                <>
                  <p className="inline-error" data-testid="import-has-issues">
                    {t('importWizard.preview.hasIssues', { count: preview.issueCount })}
                    {preview.issueCount > preview.issues.length && ` ${t('importWizard.preview.moreIssues', { shown: preview.issues.length })}`}
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
                          const f = targetInfo?.fields.find((x) => x.key === i.field);
                          return (
                            <tr key={n}>
                              <td className="num">{i.row === 0 ? t('importWizard.preview.mappingRow') : i.row}</td>
                              <td>{i.column}</td>
                              <td>{f ? fieldLabel(f) : i.field}</td>
                              <td>{messageText(i.message, i.params)}</td>
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
          <p>{t('importWizard.done.body', { count: result.imported, inserted: result.inserted, updated: result.updated })}</p>
        </div>
      )}
    </Modal>
  );
}
