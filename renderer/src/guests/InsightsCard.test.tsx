import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { InsightsCard } from './InsightsCard';

const insight = {
  id: '0190a0a0-0000-7000-8000-000000000001',
  customerId: '0190a0a0-0000-7000-8000-000000000001',
  totalRevenueCents: 123456,
  orderCount: 7,
  avgOrderCents: 17637,
  firstOrderAt: '2025-01-02T10:00:00.000Z',
  lastOrderAt: '2026-05-01T10:00:00.000Z',
  spendingTier: 'VIP' as const,
  frequencyTier: 'REGULAR' as const,
  lifecycleStage: 'AT_RISK' as const,
  loyaltyTier: 'GOLD' as const,
  favouriteCategory: 'RED',
  favouriteEventType: null,
  segments: ['Napa lovers'],
  clvCents: 123456,
  predictedClvCents: null,
  churnRisk: 'MEDIUM' as const,
  computedAt: '2026-05-02T06:00:00.000Z',
  updatedAt: '2026-05-02T06:00:00.000Z',
};

describe('insights on the guest page', () => {
  it('says plainly when the server has not computed them yet', () => {
    expect(renderToStaticMarkup(<InsightsCard insight={null} currency="USD" />)).toContain('Not computed yet');
  });

  it('shows totals in money, tiers, lifecycle, segments and when they were computed', () => {
    const html = renderToStaticMarkup(<InsightsCard insight={insight} currency="USD" />);
    expect(html).toContain('$1,234.56');
    expect(html).toContain('VIP');
    expect(html).toContain('Gold');
    expect(html).toContain('At risk');
    expect(html).toContain('Napa lovers');
    expect(html).toMatch(/As of .*2026/);
  });
});
