import { useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FigureRef, RichDoc } from '../../../../../shared/planWritten';
import { domToDoc } from './domToDoc';
import { FigureDialog } from './FigureDialog';
import { showFigure, type FigureContext } from './figures';
import { renderBlock } from './RichView';

// A small rich-text editor on the browser's contentEditable: the browser does the typing
// (so Chinese input methods compose as everywhere else) and the few formatting commands;
// the document is read back from the DOM only on save, through a reader that keeps what
// the schema knows (domToDoc). Pasted and dropped content arrives as plain text. The
// starting content is drawn once from the document with React elements and left to the
// browser after that; a new document remounts the editor (its key).

interface Props {
  doc: RichDoc;
  ctx: FigureContext;
  label: string;
  busy: boolean;
  error: string | null;
  onSave: (doc: RichDoc) => void;
  onCancel: (dirty: boolean) => void;
}

/** The top-level block of the editor holding a node. */
function blockOf(root: HTMLElement, node: Node | null): HTMLElement | null {
  let n: Node | null = node;
  while (n && n.parentNode !== root) n = n.parentNode;
  return n && n.nodeType === Node.ELEMENT_NODE ? (n as HTMLElement) : null;
}

function cell(tag: 'td' | 'th'): HTMLElement {
  const c = document.createElement(tag);
  c.appendChild(document.createElement('br'));
  return c;
}

type ToolName = 'paragraph' | 'heading' | 'subheading' | 'bullets' | 'bold' | 'italic' | 'table' | 'addRow' | 'addColumn' | 'figure';

function Tool({ name, busy, onClick, children }: { name: ToolName; busy: boolean; onClick: () => void; children: ReactNode }) {
  const { t } = useTranslation();
  const text = t(`planWritten.toolbar.${name}`);
  return (
    <button
      type="button"
      className="btn btn--small wp-tool"
      title={text}
      aria-label={text}
      // Keep the caret in the text: a click on the toolbar must not move focus first.
      onMouseDown={(e) => e.preventDefault()}
      onClick={onClick}
      disabled={busy}
      data-testid={`wp-tool-${name}`}
    >
      {children}
    </button>
  );
}

export function RichEditor({ doc, ctx, label, busy, error, onSave, onCancel }: Props) {
  const { t } = useTranslation();
  const root = useRef<HTMLDivElement>(null);
  const saved = useRef<Range | null>(null);
  const composing = useRef(false);
  const [dirty, setDirty] = useState(false);
  const [picking, setPicking] = useState(false);
  // Drawn once: after this the DOM is the browser's (see above).
  const [initial] = useState<ReactNode>(() => (doc.blocks.length > 0 ? doc.blocks.map((b, i) => renderBlock(b, i, ctx, true)) : <p><br /></p>));

  const remember = () => {
    const sel = window.getSelection();
    if (sel && sel.rangeCount > 0 && root.current?.contains(sel.anchorNode)) saved.current = sel.getRangeAt(0).cloneRange();
  };
  const restore = (): Range | null => {
    const el = root.current;
    if (!el) return null;
    el.focus();
    const sel = window.getSelection();
    let range = saved.current;
    if (!range || !el.contains(range.startContainer)) {
      range = document.createRange();
      range.selectNodeContents(el);
      range.collapse(false);
    }
    sel?.removeAllRanges();
    sel?.addRange(range);
    return range;
  };
  const changed = () => {
    if (!composing.current) setDirty(true);
  };
  const exec = (command: string, value?: string) => {
    restore();
    document.execCommand(command, false, value);
    changed();
    remember();
  };

  const insertTable = () => {
    const el = root.current;
    const range = restore();
    if (!el || !range) return;
    const table = document.createElement('table');
    table.className = 'wp-table';
    const body = table.createTBody();
    for (let r = 0; r < 3; r++) {
      const tr = body.insertRow();
      for (let c = 0; c < 3; c++) tr.appendChild(cell(r === 0 ? 'th' : 'td'));
    }
    const after = document.createElement('p');
    after.appendChild(document.createElement('br'));
    const block = blockOf(el, range.startContainer);
    if (block) block.after(table, after);
    else el.append(table, after);
    const sel = window.getSelection();
    const caret = document.createRange();
    caret.setStart(table.rows[0].cells[0], 0);
    sel?.removeAllRanges();
    sel?.addRange(caret);
    changed();
    remember();
  };

  const tableAtCaret = (): { table: HTMLTableElement; cell: HTMLTableCellElement | null } | null => {
    const range = restore();
    const start = range?.startContainer ?? null;
    const el = start && (start.nodeType === Node.ELEMENT_NODE ? (start as HTMLElement) : start.parentElement);
    const table = el?.closest('table');
    return table && root.current?.contains(table) ? { table, cell: el?.closest('td,th') ?? null } : null;
  };
  const addRow = () => {
    const at = tableAtCaret();
    if (!at) return;
    const width = at.table.rows[0]?.cells.length ?? 1;
    const tr = (at.table.tBodies[0] ?? at.table.createTBody()).insertRow();
    for (let c = 0; c < width; c++) tr.appendChild(cell('td'));
    changed();
  };
  const addColumn = () => {
    const at = tableAtCaret();
    if (!at) return;
    Array.from(at.table.rows).forEach((tr, i) => tr.appendChild(cell(i === 0 ? 'th' : 'td')));
    changed();
  };

  const insertFigure = (figure: FigureRef) => {
    setPicking(false);
    const range = restore();
    if (!range) return;
    const shown = showFigure(figure, ctx);
    const chip = document.createElement('span');
    chip.className = `wp-fig wp-fig--${shown.status}`;
    chip.contentEditable = 'false';
    chip.dataset.figure = JSON.stringify(figure);
    chip.dataset.testid = 'wp-figure';
    chip.dataset.figureStatus = shown.status;
    chip.title = t('planWritten.liveTitle', { label: shown.label });
    chip.textContent = `${shown.label}: ${shown.text}`;
    range.deleteContents();
    const space = document.createTextNode('\u00a0');
    range.insertNode(space);
    range.insertNode(chip);
    const caret = document.createRange();
    caret.setStartAfter(space);
    const sel = window.getSelection();
    sel?.removeAllRanges();
    sel?.addRange(caret);
    changed();
    remember();
  };

  const openFigures = () => {
    remember();
    setPicking(true);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    // An input method owns the keys while it composes (Enter picks a candidate).
    if (composing.current || e.nativeEvent.isComposing) return;
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
      e.preventDefault();
      if (root.current) onSave(domToDoc(root.current));
    }
  };

  return (
    <div className="wp-editor" data-testid="wp-editor" data-dirty={dirty ? 'true' : 'false'}>
      <div className="wp-toolbar" role="toolbar" aria-label={t('planWritten.toolbar.label')}>
        <Tool name="paragraph" busy={busy} onClick={() => exec('formatBlock', 'p')}>{t('planWritten.toolbar.paragraph')}</Tool>
        <Tool name="heading" busy={busy} onClick={() => exec('formatBlock', 'h2')}>H2</Tool>
        <Tool name="subheading" busy={busy} onClick={() => exec('formatBlock', 'h3')}>H3</Tool>
        <Tool name="bullets" busy={busy} onClick={() => exec('insertUnorderedList')}>• —</Tool>
        <Tool name="bold" busy={busy} onClick={() => exec('bold')}><strong>B</strong></Tool>
        <Tool name="italic" busy={busy} onClick={() => exec('italic')}><em>I</em></Tool>
        <span className="wp-toolbar__sep" />
        <Tool name="table" busy={busy} onClick={insertTable}>{t('planWritten.toolbar.table')}</Tool>
        <Tool name="addRow" busy={busy} onClick={addRow}>{t('planWritten.toolbar.addRow')}</Tool>
        <Tool name="addColumn" busy={busy} onClick={addColumn}>{t('planWritten.toolbar.addColumn')}</Tool>
        <span className="wp-toolbar__sep" />
        <Tool name="figure" busy={busy} onClick={openFigures}>⊕ {t('planWritten.toolbar.figure')}</Tool>
      </div>
      <div
        ref={root}
        className="wp-doc wp-doc--editing"
        contentEditable={!busy}
        suppressContentEditableWarning
        role="textbox"
        aria-multiline="true"
        aria-label={label}
        spellCheck={false}
        data-testid="wp-editable"
        onInput={changed}
        onKeyDown={onKeyDown}
        onKeyUp={remember}
        onMouseUp={remember}
        onBlur={remember}
        onCompositionStart={() => {
          composing.current = true;
        }}
        onCompositionEnd={() => {
          composing.current = false;
          setDirty(true);
        }}
        onPaste={(e) => {
          // Only text comes in: a pasted page's markup never reaches the document.
          e.preventDefault();
          document.execCommand('insertText', false, e.clipboardData.getData('text/plain'));
          changed();
        }}
        onDrop={(e) => e.preventDefault()}
      >
        {initial}
      </div>
      {error && (
        <div className="wp-error" role="alert" data-testid="wp-error">
          {error}
        </div>
      )}
      <div className="wp-editor__actions">
        <button type="button" className="btn" onClick={() => onCancel(dirty)} disabled={busy} data-testid="wp-cancel">
          {t('planWritten.cancel')}
        </button>
        <button type="button" className="btn btn--primary" onClick={() => root.current && onSave(domToDoc(root.current))} disabled={busy} data-testid="wp-save">
          {t('planWritten.save')}
        </button>
      </div>
      {picking && <FigureDialog ctx={ctx} onInsert={insertFigure} onClose={() => setPicking(false)} />}
    </div>
  );
}
