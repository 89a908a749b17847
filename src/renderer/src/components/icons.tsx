// Small line icons (24×24, stroke = currentColor). Inline SVG: the CSP allows no
// external images, and an icon font would be one more thing to load.

export type IconName =
  | 'overview' | 'masterData' | 'targets' | 'expenses' | 'plan' | 'actuals' | 'analysis' | 'review' | 'submit'
  | 'undo' | 'redo' | 'close' | 'plus' | 'folder' | 'sparkle' | 'file' | 'upload' | 'check' | 'lock';

const PATHS: Record<IconName, string> = {
  overview: 'M4 4h7v7H4zM13 4h7v4h-7zM13 10h7v10h-7zM4 13h7v7H4z',
  masterData: 'M12 3c4.4 0 8 1.3 8 3s-3.6 3-8 3-8-1.3-8-3 3.6-3 8-3zM4 6v6c0 1.7 3.6 3 8 3s8-1.3 8-3V6M4 12v6c0 1.7 3.6 3 8 3s8-1.3 8-3v-6',
  targets: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM12 16.5a4.5 4.5 0 1 0 0-9 4.5 4.5 0 0 0 0 9zM12 12h.01',
  expenses: 'M3 7h18v12H3zM3 11h18M7 15h4M16 4l-9 3',
  plan: 'M5 4h10l4 4v12H5zM8 9h4M8 13h8M8 17h8M15 4v4h4',
  actuals: 'M4 20V10M10 20V4M16 20v-7M22 20H2',
  analysis: 'M3 17l5-6 4 4 8-9M14 6h6v6',
  review: 'M7 3h8l4 4v14H7zM15 3v4h4M10 12h6M10 16h6',
  submit: 'M21 3L10 14M21 3l-7 18-4-7-7-4z',
  undo: 'M9 14L4 9l5-5M4 9h10.5a5.5 5.5 0 0 1 0 11H11',
  redo: 'M15 14l5-5-5-5M20 9H9.5a5.5 5.5 0 0 0 0 11H13',
  close: 'M6 6l12 12M18 6L6 18',
  plus: 'M12 5v14M5 12h14',
  folder: 'M3 6.5A1.5 1.5 0 0 1 4.5 5H9l2 2h8.5A1.5 1.5 0 0 1 21 8.5v9a1.5 1.5 0 0 1-1.5 1.5h-15A1.5 1.5 0 0 1 3 17.5z',
  sparkle: 'M12 3l1.8 5.2L19 10l-5.2 1.8L12 17l-1.8-5.2L5 10l5.2-1.8zM19 16l.7 2.3L22 19l-2.3.7L19 22l-.7-2.3L16 19l2.3-.7z',
  file: 'M7 3h7l5 5v13H7zM14 3v5h5',
  upload: 'M12 16V4M7 9l5-5 5 5M4 16v3a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-3',
  check: 'M5 12.5l4.5 4.5L19 7.5',
  lock: 'M6 11h12v9H6zM8.5 11V8a3.5 3.5 0 0 1 7 0v3',
};

export function Icon({ name, size = 18 }: { name: IconName; size?: number }) {
  return (
    <svg
      className="icon"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.7}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
