import { EventSalesPanel } from './EventSalesPanel';
import { RevenueByTagPanel } from './RevenueByTagPanel';
import { SegmentMixPanel } from './SegmentMixPanel';
import { TabletsPanel } from './TabletsPanel';

/** The manager's first look: are all sales in, what sells to whom, and who the guests are. */
export function Dashboard() {
  return (
    <div className="stack">
      <h1>Dashboard</h1>
      <TabletsPanel />
      <div className="dash-grid">
        <RevenueByTagPanel />
        <EventSalesPanel />
      </div>
      <SegmentMixPanel />
    </div>
  );
}
