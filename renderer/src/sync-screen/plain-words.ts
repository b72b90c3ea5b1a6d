import type { CollectionName } from '@cellardoor/shared';

const NAMES: Record<CollectionName, string> = {
  venues: 'Venues',
  staff: 'Staff',
  tag_definitions: 'Tag definitions',
  products: 'Products',
  events: 'Events',
  customers: 'Guests',
  customer_tags: 'Guest tags',
  orders: 'Sales and refunds',
  customer_notes: 'Guest notes',
  communication_preferences: 'Contact preferences',
  customer_insights: 'Guest insights',
};

export const collectionLabel = (c: CollectionName) => NAMES[c];

/** A few words for a collection's row on the sync screen. */
export function shortProblem(code: string): string {
  if (code === 'OFFLINE' || code === 'UNAVAILABLE') return 'waiting for the network';
  if (code === 'FORBIDDEN') return 'not allowed from this tablet';
  if (code === 'UPGRADE_REQUIRED') return 'app update needed';
  if (code === 'DEVICE_REVOKED' || code === 'UNAUTHENTICATED') return 'tablet not recognised';
  return 'server error, retrying';
}

/** What went wrong, and what the person at the tablet can do about it. */
export function whatToDo(code: string): { what: string; todo: string } {
  switch (code) {
    case 'OFFLINE':
    case 'UNAVAILABLE':
      return {
        what: 'The sync server cannot be reached.',
        todo: 'Everything is kept on this tablet and sent when the connection is back. Check the Wi-Fi; if it lasts, tell a manager.',
      };
    case 'UNAUTHENTICATED':
      return { what: 'The server no longer recognises this tablet.', todo: 'A manager needs to export the unsent documents below, then enrol the tablet again.' };
    case 'DEVICE_REVOKED':
      return { what: 'A manager removed this tablet.', todo: 'It hands over what it still holds if it may, then erases itself.' };
    case 'UPGRADE_REQUIRED':
      return { what: 'This app is too old for the server.', todo: 'Update Cellardoor on this tablet; nothing is lost meanwhile.' };
    case 'FORBIDDEN':
      return { what: 'The server does not let this tablet make that change.', todo: 'Catalogue changes need a tablet enrolled for managers.' };
    case 'RATE_LIMITED':
      return { what: 'The server asked the tablet to slow down.', todo: 'Nothing to do: it tries again by itself in a minute.' };
    default:
      return { what: 'The server answered with an error.', todo: 'The tablet keeps trying by itself. If it lasts, tell a manager.' };
  }
}

/** A refused document's reason, with what fixes it. */
export function refusedAdvice(collection: CollectionName): string {
  if (collection === 'orders') return 'The sale is kept on this tablet. A manager should export it (below) and check it with support; it is never lost.';
  if (['venues', 'staff', 'tag_definitions', 'products', 'events'].includes(collection))
    return 'Open it in Setup, correct it and save: the corrected version is sent again.';
  return 'Open it, correct what the reason names and save: the corrected version is sent again.';
}
