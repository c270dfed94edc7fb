interface Props {
  busy: boolean;
  label: string;
  /** Said next to the button while a reload runs with older figures still on screen. */
  busyLabel: string;
  onRefresh: () => void;
}

/** Reload a view's data; says so while it runs, and keeps focus (aria-disabled, not disabled). */
export function RefreshButton({ busy, label, busyLabel, onRefresh }: Props) {
  return (
    <>
      <span className="refresh-status" role="status">
        {busy ? busyLabel : ''}
      </span>
      <button
        type="button"
        className="button"
        aria-disabled={busy}
        onClick={busy ? undefined : onRefresh}
      >
        <svg className="button__icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <path
            d="M13.5 8a5.5 5.5 0 1 1-1.6-3.9M13.5 2.5v3.2h-3.2"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.6"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
        {label}
      </button>
    </>
  );
}
