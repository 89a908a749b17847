import type { ReactNode } from 'react';
import type { RichBlock, RichDoc, RichInline } from '../../../../../shared/planWritten';
import { showFigure, type FigureContext } from './figures';

// A written section drawn from its structured document with React elements: nothing
// from the file is ever parsed as markup. The editor draws its starting content with
// the same functions (`editable`: figures become atoms the caret steps over, and carry
// their reference for reading the edited document back).

export function FigureChip({ figure, ctx, editable }: { figure: Extract<RichInline, { type: 'figure' }>['figure']; ctx: FigureContext; editable?: boolean }) {
  const shown = showFigure(figure, ctx);
  return (
    <span
      className={`wp-fig wp-fig--${shown.status}`}
      title={ctx.t('planWritten.liveTitle', { label: shown.label })}
      data-testid="wp-figure"
      data-figure-status={shown.status}
      {...(editable ? { contentEditable: false, 'data-figure': JSON.stringify(figure) } : {})}
    >
      {editable ? `${shown.label}: ${shown.text}` : shown.text}
    </span>
  );
}

export function renderInlines(list: readonly RichInline[], ctx: FigureContext, editable = false): ReactNode[] {
  return list.map((inline, i) => {
    if (inline.type === 'figure') return <FigureChip key={i} figure={inline.figure} ctx={ctx} editable={editable} />;
    let node: ReactNode = inline.text;
    if (inline.marks?.includes('italic')) node = <em>{node}</em>;
    if (inline.marks?.includes('bold')) node = <strong>{node}</strong>;
    return <span key={i}>{node}</span>;
  });
}

export function renderBlock(block: RichBlock, key: number, ctx: FigureContext, editable = false): ReactNode {
  switch (block.type) {
    case 'paragraph':
      return <p key={key}>{block.content.length > 0 ? renderInlines(block.content, ctx, editable) : <br />}</p>;
    case 'heading':
      return block.level === 2 ? <h2 key={key}>{renderInlines(block.content, ctx, editable)}</h2> : <h3 key={key}>{renderInlines(block.content, ctx, editable)}</h3>;
    case 'bulletList':
      return (
        <ul key={key}>
          {block.items.map((item, i) => (
            <li key={i}>{renderInlines(item, ctx, editable)}</li>
          ))}
        </ul>
      );
    case 'table':
      return (
        <table key={key} className="wp-table">
          <tbody>
            {block.rows.map((row, r) => (
              <tr key={r}>
                {row.map((cell, c) => {
                  const content = cell.length > 0 ? renderInlines(cell, ctx, editable) : editable ? <br /> : null;
                  return r === 0 ? <th key={c}>{content}</th> : <td key={c}>{content}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      );
  }
}

export function RichView({ doc, ctx, testId }: { doc: RichDoc; ctx: FigureContext; testId?: string }) {
  return (
    <div className="wp-doc" data-testid={testId}>
      {doc.blocks.map((b, i) => renderBlock(b, i, ctx))}
    </div>
  );
}
