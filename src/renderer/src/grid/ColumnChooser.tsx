import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GridColumn, GridRow } from './types';

/** The toolbar's column chooser: a button that opens a list of the columns to tick. */
export function ColumnChooser<R extends GridRow>(props: {
  columns: readonly GridColumn<R>[];
  hidden: ReadonlySet<string>;
  onChange(field: string, shown: boolean): void;
}) {
  const { columns, hidden, onChange } = props;
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <span className="gk__chooser">
      <button type="button" className="btn btn--small" aria-expanded={open} onClick={() => setOpen((o) => !o)} data-testid="grid-columns">
        {t('grid.columns')}
      </button>
      {open && (
        <div className="gk__menu" role="group" aria-label={t('grid.columnsTitle')} data-testid="grid-columns-menu">
          {columns.map((c) => (
            <label key={c.field} className="gk__menuitem">
              <input type="checkbox" checked={!hidden.has(c.field)} onChange={(e) => onChange(c.field, e.target.checked)} />
              {c.header}
            </label>
          ))}
        </div>
      )}
    </span>
  );
}
