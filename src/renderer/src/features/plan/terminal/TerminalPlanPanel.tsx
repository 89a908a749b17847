// SKELETON: replaced by the chapter's real panel before this branch reaches main.
export function TerminalPlanPanel() {
  return <div data-testid="plan-terminal-panel" />;
}
