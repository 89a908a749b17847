import { figureRefSchema, normalizeDoc, normalizeInlines, type Mark, type RichBlock, type RichDoc, type RichInline } from '../../../../../shared/planWritten';

// Reads the editor's DOM back into the written plan's document. Whatever the browser
// put there (its own spans and divs, a pasted fragment), only what the schema knows is
// kept: paragraphs, two heading levels, bullet lists, tables, bold, italic and the
// live figures (an atom carrying its reference in data-figure). Everything else is
// reduced to its text.

const BLOCK_TAGS = new Set(['P', 'DIV', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'UL', 'OL', 'LI', 'TABLE', 'BLOCKQUOTE', 'PRE', 'SECTION', 'ARTICLE', 'HEADER', 'FOOTER']);
const isBlock = (n: Node): n is HTMLElement => n.nodeType === Node.ELEMENT_NODE && BLOCK_TAGS.has((n as HTMLElement).tagName);

function marksOf(el: HTMLElement, marks: readonly Mark[]): Mark[] {
  const out = new Set(marks);
  const tag = el.tagName;
  if (tag === 'B' || tag === 'STRONG' || Number(el.style.fontWeight) >= 600 || el.style.fontWeight === 'bold') out.add('bold');
  if (tag === 'I' || tag === 'EM' || el.style.fontStyle === 'italic') out.add('italic');
  return [...out];
}

function inlinesIn(node: Node, marks: readonly Mark[] = [], out: RichInline[] = []): RichInline[] {
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === Node.TEXT_NODE) {
      const text = (child.textContent ?? '').replace(/\u200b/g, '');
      if (text !== '') out.push(marks.length > 0 ? { type: 'text', text, marks: [...marks] } : { type: 'text', text });
      continue;
    }
    if (child.nodeType !== Node.ELEMENT_NODE) continue;
    const el = child as HTMLElement;
    const figure = el.getAttribute('data-figure');
    if (figure !== null) {
      try {
        const parsed = figureRefSchema.safeParse(JSON.parse(figure));
        if (parsed.success) out.push({ type: 'figure', figure: parsed.data });
      } catch {
        // A figure atom whose reference does not parse is dropped, not guessed.
      }
      continue;
    }
    if (el.tagName === 'BR') {
      out.push({ type: 'text', text: '\n' });
      continue;
    }
    inlinesIn(el, marksOf(el, marks), out);
  }
  return out;
}

/** A run list without the line breaks the browser leaves at its ends. */
function trimmed(list: RichInline[]): RichInline[] {
  const out = normalizeInlines(list);
  const first = out[0];
  if (first?.type === 'text') {
    const text = first.text.replace(/^\n+/, '');
    if (text === '') out.shift();
    else out[0] = { ...first, text };
  }
  const last = out[out.length - 1];
  if (last?.type === 'text') {
    const text = last.text.replace(/\n+$/, '');
    if (text === '') out.pop();
    else out[out.length - 1] = { ...last, text };
  }
  return out;
}

function listItems(list: HTMLElement, items: RichInline[][]): RichInline[][] {
  for (const li of Array.from(list.children)) {
    if (li.tagName !== 'LI') continue;
    // A nested list's items follow their parent item (the document has one level).
    const own = document.createElement('div');
    const nested: HTMLElement[] = [];
    for (const c of Array.from(li.childNodes)) {
      if (c.nodeType === Node.ELEMENT_NODE && ((c as HTMLElement).tagName === 'UL' || (c as HTMLElement).tagName === 'OL')) nested.push(c as HTMLElement);
      else own.appendChild(c.cloneNode(true));
    }
    items.push(trimmed(inlinesIn(own)));
    for (const n of nested) listItems(n, items);
  }
  return items;
}

function tableRows(table: HTMLTableElement): RichInline[][][] {
  const rows = Array.from(table.rows).map((tr) => Array.from(tr.cells).map((cell) => trimmed(inlinesIn(cell))));
  const width = Math.max(1, ...rows.map((r) => r.length));
  return rows.map((r) => [...r, ...Array.from({ length: width - r.length }, () => [])]);
}

function readBlocks(container: Node, blocks: RichBlock[]): void {
  let loose: Node[] = [];
  const flush = () => {
    if (loose.length === 0) return;
    const holder = document.createElement('div');
    for (const n of loose) holder.appendChild(n.cloneNode(true));
    blocks.push({ type: 'paragraph', content: trimmed(inlinesIn(holder)) });
    loose = [];
  };
  for (const child of Array.from(container.childNodes)) {
    if (!isBlock(child)) {
      loose.push(child);
      continue;
    }
    flush();
    const tag = child.tagName;
    if (tag === 'UL' || tag === 'OL') {
      const items = listItems(child, []).filter((i) => i.length > 0);
      if (items.length > 0) blocks.push({ type: 'bulletList', items });
    } else if (tag === 'TABLE') {
      blocks.push({ type: 'table', rows: tableRows(child as HTMLTableElement) });
    } else if (/^H[1-6]$/.test(tag)) {
      blocks.push({ type: 'heading', level: tag === 'H1' || tag === 'H2' ? 2 : 3, content: trimmed(inlinesIn(child)) });
    } else if (Array.from(child.childNodes).some(isBlock)) {
      readBlocks(child, blocks);
    } else {
      blocks.push({ type: 'paragraph', content: trimmed(inlinesIn(child)) });
    }
  }
  flush();
}

/** The editor's content as a document (normalized: no empty paragraphs, merged runs). */
export function domToDoc(root: HTMLElement): RichDoc {
  const blocks: RichBlock[] = [];
  readBlocks(root, blocks);
  return normalizeDoc({ type: 'doc', blocks });
}
