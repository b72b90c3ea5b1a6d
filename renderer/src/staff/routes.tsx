import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../app/router';
import { TabletSettingsScreen } from './TabletSettingsScreen';

export const tabletSettingsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/tablet', component: TabletSettingsScreen });
