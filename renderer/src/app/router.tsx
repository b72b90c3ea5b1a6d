import { createHashHistory, createRootRouteWithContext, createRoute, createRouter, redirect } from '@tanstack/react-router';
import { CheckInScreen } from '../checkin/CheckInScreen';
import { CheckoutScreen } from '../checkout/CheckoutScreen';
import { GuestScreen } from '../guests/GuestScreen';
import { manageRoutes } from '../manage/routes';
import { receiptRoute } from '../receipts/routes';
import { refundRoutes } from '../refunds/routes';
import { setupRoutes } from '../setup/routes';
import { tabletSettingsRoute } from '../staff/routes';
import { SyncScreen } from '../sync-screen/SyncScreen';
import type { AppServices } from './context';
import { Shell } from './Shell';

export interface RouterContext {
  app: AppServices;
}

export const rootRoute = createRootRouteWithContext<RouterContext>()({ component: Shell });

const index = createRoute({ getParentRoute: () => rootRoute, path: '/', beforeLoad: () => redirect({ to: '/checkin' }) });
const checkin = createRoute({ getParentRoute: () => rootRoute, path: '/checkin', component: CheckInScreen });
const guest = createRoute({ getParentRoute: () => rootRoute, path: '/guests/$guestId', component: GuestScreen });
const checkout = createRoute({ getParentRoute: () => rootRoute, path: '/checkout', component: CheckoutScreen });
const sync = createRoute({ getParentRoute: () => rootRoute, path: '/sync', component: SyncScreen });

const routeTree = rootRoute.addChildren([index, checkin, guest, checkout, receiptRoute, ...refundRoutes, tabletSettingsRoute, sync, setupRoutes, manageRoutes]);

/** Hash history: the same URLs work when served over HTTP and when Electron loads files. */
export function createAppRouter(app: AppServices) {
  return createRouter({ routeTree, history: createHashHistory(), context: { app } });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
