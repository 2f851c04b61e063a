/** Three connected steps: the mark beside the product name. */
export function OrkaLogo({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" className={className}>
      <rect width="32" height="32" rx="8" className="fill-indigo-600" />
      <path d="M10 11.5h5.5a3 3 0 0 1 3 3v3a3 3 0 0 0 3 3H23" fill="none" stroke="white" strokeWidth="2" strokeLinecap="round" opacity="0.7" />
      <circle cx="9" cy="11.5" r="3" fill="white" />
      <circle cx="23" cy="20.5" r="3" className="fill-sky-300" />
      <circle cx="18.5" cy="16" r="1.6" fill="white" />
    </svg>
  );
}
