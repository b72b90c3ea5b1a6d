import type { CustomerInsight } from '@cellardoor/shared';
import { formatDate, formatDateTime, humanise, money } from '../ui/format';

const words = (s: string | null) => (s ? humanise(s) : '—');

/** The server's figures for the guest (read-only here), with the time they were computed. */
export function InsightsCard({ insight, currency }: { insight: CustomerInsight | null; currency: string }) {
  if (!insight)
    return (
      <p className="hint" data-testid="insights-missing">
        Not computed yet. The server works these out from every tablet’s sales; they arrive with a sync.
      </p>
    );
  return (
    <div className="stack" data-testid="insights">
      <dl className="facts">
        <dt>Lifetime revenue</dt>
        <dd data-testid="insight-revenue">{money(insight.totalRevenueCents, currency)}</dd>
        <dt>Orders</dt>
        <dd>
          {insight.orderCount} · average {money(insight.avgOrderCents, currency)}
        </dd>
        <dt>Last order</dt>
        <dd>{formatDate(insight.lastOrderAt)}</dd>
        <dt>Spending tier</dt>
        <dd>{words(insight.spendingTier)}</dd>
        <dt>Loyalty tier</dt>
        <dd>{words(insight.loyaltyTier)}</dd>
        <dt>Lifecycle</dt>
        <dd>{words(insight.lifecycleStage)}</dd>
        {insight.churnRisk && (
          <>
            <dt>Churn risk</dt>
            <dd>{words(insight.churnRisk)}</dd>
          </>
        )}
        {insight.predictedClvCents !== null && (
          <>
            <dt>Predicted value</dt>
            <dd>{money(insight.predictedClvCents, currency)}</dd>
          </>
        )}
      </dl>
      {insight.segments.length > 0 && (
        <div className="row" aria-label="Segments">
          {insight.segments.map((s) => (
            <span key={s} className="chip outline small">
              {s}
            </span>
          ))}
        </div>
      )}
      <p className="hint" data-testid="insights-as-of">
        As of {formatDateTime(insight.computedAt)}
      </p>
    </div>
  );
}
