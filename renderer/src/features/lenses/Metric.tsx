/** A labelled figure in a lens view. */
export function Metric({
  label,
  value,
  testId,
}: {
  label: string;
  value: string;
  testId?: string;
}) {
  return (
    <div className="metric">
      <span className="strip-label">{label}</span>
      <span className="metric-value" data-testid={testId}>
        {value}
      </span>
    </div>
  );
}
