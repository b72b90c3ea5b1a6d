import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../app/router';
import { ReceiptScreen } from './ReceiptScreen';

export const receiptRoute = createRoute({ getParentRoute: () => rootRoute, path: '/receipts/$orderId', component: ReceiptScreen });
