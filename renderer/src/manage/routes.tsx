import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../app/router';
import { ConsoleLayout } from './ConsoleLayout';
import { Dashboard } from './dashboard/Dashboard';
import { GuestImportPage } from './imports/GuestImportPage';
import { ReportPage } from './reports/ReportPage';
import { ReportsIndex } from './reports/ReportsIndex';
import { SegmentBuilder } from './segments/SegmentBuilder';
import { SegmentList } from './segments/SegmentList';
import { SegmentEditPage, SegmentPage } from './segments/SegmentPage';

// rootRoute is read lazily (getParentRoute), so the import cycle with the router is harmless.
const manage = createRoute({ getParentRoute: () => rootRoute, path: '/manage', component: ConsoleLayout });
const dashboard = createRoute({ getParentRoute: () => manage, path: '/', component: Dashboard });
const reports = createRoute({ getParentRoute: () => manage, path: '/reports', component: ReportsIndex });
const report = createRoute({
  getParentRoute: () => manage,
  path: '/reports/$name',
  component: ReportPage,
  // A report's choices live in the address as plain strings, so links can open a prepared view.
  validateSearch: (search: Record<string, unknown>): Record<string, string> =>
    Object.fromEntries(Object.entries(search).filter(([, v]) => typeof v === 'string' || typeof v === 'number').map(([k, v]) => [k, String(v)])),
});
const segments = createRoute({ getParentRoute: () => manage, path: '/segments', component: SegmentList });
const newSegment = createRoute({ getParentRoute: () => manage, path: '/segments/new', component: () => <SegmentBuilder /> });
const segment = createRoute({ getParentRoute: () => manage, path: '/segments/$segmentId', component: SegmentPage });
const editSegment = createRoute({ getParentRoute: () => manage, path: '/segments/$segmentId/edit', component: SegmentEditPage });
const importGuests = createRoute({ getParentRoute: () => manage, path: '/import', component: GuestImportPage });

/** /manage/…: the manager console (online, manager sign-in). */
export const manageRoutes = manage.addChildren([dashboard, reports, report, segments, newSegment, segment, editSegment, importGuests]);
