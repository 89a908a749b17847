/** The product mark: three rising bars and a target line. */
export function Logo({ size = 28 }: { size?: number }) {
  return (
    <svg className="logo" width={size} height={size} viewBox="0 0 32 32" aria-hidden="true">
      <rect x="0" y="0" width="32" height="32" rx="7" className="logo__bg" />
      <rect x="7" y="17" width="4.5" height="8" rx="1" className="logo__bar" />
      <rect x="13.75" y="13" width="4.5" height="12" rx="1" className="logo__bar" />
      <rect x="20.5" y="9" width="4.5" height="16" rx="1" className="logo__bar" />
      <path d="M6 12.5 L26 5.5" className="logo__line" />
    </svg>
  );
}
