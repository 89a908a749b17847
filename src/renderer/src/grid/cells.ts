import type { ICellEditorComp, ICellEditorParams, ICellRendererComp, ICellRendererParams } from 'ag-grid-community';

// Plain-JS cell components (no React on the paint path): the tree label with its
// chevron and indent, and the text editor that starts from the column's edit text.

export interface TreeLabelParams {
  depthOf(id: unknown): number;
  hasChildren(id: unknown, row: unknown): boolean;
  isCollapsed(id: unknown, row: unknown): boolean;
  toggle(id: unknown): void;
  format(value: unknown, row: unknown): string;
  expandLabel: string;
}

export class TreeLabelRenderer implements ICellRendererComp {
  private gui!: HTMLSpanElement;
  private chevron!: HTMLButtonElement;
  private text!: HTMLSpanElement;
  private id: unknown;
  private opts!: TreeLabelParams;

  init(params: ICellRendererParams & TreeLabelParams): void {
    this.opts = params;
    this.gui = document.createElement('span');
    this.gui.className = 'gk-tree';
    this.chevron = document.createElement('button');
    this.chevron.type = 'button';
    this.chevron.tabIndex = -1;
    this.chevron.className = 'gk-tree__chevron';
    this.chevron.addEventListener('mousedown', (e) => e.stopPropagation());
    this.chevron.addEventListener('click', (e) => {
      e.stopPropagation();
      this.opts.toggle(this.id);
    });
    this.text = document.createElement('span');
    this.text.className = 'gk-tree__label';
    this.gui.append(this.chevron, this.text);
    this.update(params);
  }

  private update(params: ICellRendererParams): void {
    const data = params.data as { id: unknown } | undefined;
    if (!data || params.node.rowPinned) {
      this.chevron.style.display = 'none';
      this.gui.style.paddingLeft = '0';
      this.text.textContent = params.valueFormatted ?? String(params.value ?? '');
      this.gui.dataset.label = this.text.textContent;
      return;
    }
    this.id = data.id;
    const depth = this.opts.depthOf(data.id);
    this.gui.style.paddingLeft = `${depth * 18}px`;
    const parent = this.opts.hasChildren(data.id, data);
    this.chevron.style.display = '';
    this.chevron.classList.toggle('is-leaf', !parent);
    this.chevron.disabled = !parent;
    const collapsed = parent && this.opts.isCollapsed(data.id, data);
    this.chevron.classList.toggle('is-collapsed', collapsed);
    this.chevron.setAttribute('aria-label', this.opts.expandLabel);
    if (parent) this.chevron.setAttribute('aria-expanded', String(!collapsed));
    else this.chevron.removeAttribute('aria-expanded');
    this.text.textContent = this.opts.format(params.value, params.data);
    // Tests and tools find a row by its label.
    this.gui.dataset.label = this.text.textContent;
  }

  getGui(): HTMLElement {
    return this.gui;
  }

  refresh(params: ICellRendererParams & TreeLabelParams): boolean {
    // The screen's tree may have changed (rows loaded): use the newest callbacks.
    this.opts = params;
    this.update(params);
    return true;
  }
}

export interface TextEditorParams {
  editText(value: unknown, row: unknown): string;
}

/** Starts from the typed key (typing starts an edit) or from the value's edit text. */
export class TextEditor implements ICellEditorComp {
  private input!: HTMLInputElement;
  private typed = false;

  init(params: ICellEditorParams & TextEditorParams): void {
    this.input = document.createElement('input');
    this.input.className = 'gk-editor';
    this.input.type = 'text';
    const key = params.eventKey;
    if (key && key.length === 1) {
      this.input.value = key;
      this.typed = true;
    } else if (key === 'Backspace' || key === 'Delete') {
      this.input.value = '';
    } else {
      this.input.value = params.editText(params.value, params.data);
    }
  }

  getGui(): HTMLElement {
    return this.input;
  }

  afterGuiAttached(): void {
    this.input.focus();
    if (this.typed) {
      const end = this.input.value.length;
      this.input.setSelectionRange(end, end);
    } else {
      this.input.select();
    }
  }

  getValue(): string {
    return this.input.value;
  }
}
