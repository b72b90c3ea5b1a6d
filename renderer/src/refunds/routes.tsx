import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../app/router';
import { FindReceiptScreen } from './FindReceiptScreen';
import { RefundScreen } from './RefundScreen';

// rootRoute is read lazily (getParentRoute), so the import cycle with the router is harmless.
const find = createRoute({ getParentRoute: () => rootRoute, path: '/refunds', component: FindReceiptScreen });
const refund = createRoute({
  getParentRoute: () => rootRoute,
  path: '/refunds/new',
  validateSearch: (s: Record<string, unknown>): { orderId: string } => ({ orderId: typeof s.orderId === 'string' ? s.orderId : '' }),
  component: RefundScreen,
});

/** /refunds (find a sale by receipt number) and /refunds/new?orderId=… (refund it). */
export const refundRoutes = [find, refund];
