interface Option<V extends string> {
  value: V;
  label: string;
  title?: string;
}

interface SegmentedControlProps<V extends string> {
  label: string;
  value: V | null;
  options: Option<V>[];
  onChange: (value: V) => void;
  testId?: string;
  size?: 'small' | 'normal';
}

/** A row of mutually exclusive buttons (language, unit): radio semantics. */
export function SegmentedControl<V extends string>({ label, value, options, onChange, testId, size = 'normal' }: SegmentedControlProps<V>) {
  return (
    <div className={`segmented segmented--${size}`} role="radiogroup" aria-label={label} data-testid={testId}>
      {options.map((o) => (
        <button
          key={o.value}
          type="button"
          role="radio"
          aria-checked={o.value === value}
          className={o.value === value ? 'segmented__item is-active' : 'segmented__item'}
          title={o.title}
          data-value={o.value}
          onClick={() => {
            if (o.value !== value) onChange(o.value);
          }}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}
