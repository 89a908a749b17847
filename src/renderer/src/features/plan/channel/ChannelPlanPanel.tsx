// SKELETON: replaced by the chapter's real panel before this branch reaches main.
export function ChannelPlanPanel() {
  return <div data-testid="plan-channel-panel" />;
}
