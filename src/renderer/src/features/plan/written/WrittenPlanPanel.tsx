// SKELETON: replaced by the chapter's real panel before this branch reaches main.
export function WrittenPlanPanel() {
  return <div data-testid="plan-written-panel" />;
}
