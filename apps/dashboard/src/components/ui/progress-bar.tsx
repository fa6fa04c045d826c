/**
 * A thin progress bar. `value` 0-100; undefined shows an indeterminate bar.
 * `label` names it for screen readers (e.g. the file name); the visible text beside it says the stage.
 */
export function ProgressBar({
  value,
  label,
  valueText,
  tone = 'primary',
}: {
  value: number | undefined;
  label: string;
  valueText?: string;
  tone?: 'primary' | 'success' | 'danger' | 'muted';
}) {
  const clamped = value === undefined ? undefined : Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div
      className={`progress progress-${tone}${clamped === undefined ? ' progress-indeterminate' : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={clamped}
      aria-valuetext={valueText}
    >
      <span className="progress-fill" style={clamped === undefined ? undefined : { width: `${clamped}%` }} />
    </div>
  );
}
