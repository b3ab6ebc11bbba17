import { Card } from '../ui';

/** Where the risk preview (simulated balance changes, restaking risk flags) goes; filled by the preview issue. */
export function RiskPreviewSlot() {
  return (
    <Card title="Risk preview" data-testid="risk-preview" className="border-dashed">
      <p className="text-xs text-ink-muted">
        Simulated balance changes and slashing, depeg and approval risk flags are coming here. Until then, check the details above.
      </p>
    </Card>
  );
}
