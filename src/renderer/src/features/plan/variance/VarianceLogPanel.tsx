// SKELETON: replaced by the chapter's real panel before this branch reaches main.
export function VarianceLogPanel() {
  return <div data-testid="plan-variance-panel" />;
}
