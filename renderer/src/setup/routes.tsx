import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../app/router';
import { EventsScreen } from './EventsScreen';
import { ProductsScreen } from './products/ProductsScreen';
import { SetupLayout } from './SetupLayout';
import { SetupOverview } from './SetupOverview';
import { StaffScreen } from './StaffScreen';
import { TagsScreen } from './TagsScreen';
import { VenuesScreen } from './VenuesScreen';

// rootRoute is read lazily (getParentRoute), so the import cycle with the router is harmless.
const setup = createRoute({ getParentRoute: () => rootRoute, path: '/setup', component: SetupLayout });
const overview = createRoute({ getParentRoute: () => setup, path: '/', component: SetupOverview });
const venues = createRoute({ getParentRoute: () => setup, path: '/venues', component: VenuesScreen });
const staff = createRoute({ getParentRoute: () => setup, path: '/staff', component: StaffScreen });
const products = createRoute({ getParentRoute: () => setup, path: '/products', component: ProductsScreen });
const tags = createRoute({ getParentRoute: () => setup, path: '/tags', component: TagsScreen });
const events = createRoute({ getParentRoute: () => setup, path: '/events', component: EventsScreen });

/** /setup/…: the manager's console. */
export const setupRoutes = setup.addChildren([overview, venues, staff, products, tags, events]);
