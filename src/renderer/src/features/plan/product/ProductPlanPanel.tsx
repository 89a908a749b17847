// SKELETON: replaced by the chapter's real panel before this branch reaches main.
export function ProductPlanPanel() {
  return <div data-testid="plan-product-panel" />;
}
