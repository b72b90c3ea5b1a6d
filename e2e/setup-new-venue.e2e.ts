import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { shot, signInStaff } from './helpers';
import { NEW_OWNER, enrolTablet, expectTouchFriendly, serverWithEmptyTenant } from './setup-helpers';

type Doc = Record<string, unknown>;

async function pullAll(serverUrl: string, collection: string): Promise<Doc[]> {
  const login = await fetch(`${serverUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(NEW_OWNER) });
  const { token } = (await login.json()) as { token: string };
  const dev = await fetch(`${serverUrl}/api/v1/devices`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ name: 'inspector' }) });
  const { deviceToken } = (await dev.json()) as { deviceToken: string };
  const res = await fetch(`${serverUrl}/sync/v1/${collection}/pull?limit=1000`, { headers: { authorization: `Bearer ${deviceToken}` } });
  return ((await res.json()) as { documents: Doc[] }).documents;
}

// A new customer: an empty account made with the CLI, one manager with a browser. Enrolment needs
// the server; everything after it (venue, staff, products, tags, event, the first sale) is done
// with the server stopped, and reaches the server and a second tablet with the next sync.
test('a manager takes an empty account to its first sale, offline, and every tablet gets the catalogue', async ({ page, browser }) => {
  page.on('pageerror', (e) => console.log('page error:', e.message));
  const server = await serverWithEmptyTenant();
  try {
    await enrolTablet(page, server.url, { ...NEW_OWNER, role: 'MANAGER', name: 'Counter 1', check: true });
    await expect(page.getByRole('heading', { name: 'Welcome to Cellardoor' })).toBeVisible({ timeout: 30_000 });
    await shot(page, 'setup-01-first-staff');
    await expectTouchFriendly(page, 'first staff member');
    await page.getByLabel('Your name').fill('Sam Rivera');
    await page.getByLabel('PIN (4 to 8 digits)').fill('4826');
    await page.getByLabel('PIN again').fill('4862');
    await page.getByRole('button', { name: 'Create my profile and start setup' }).click();
    await expect(page.getByText('The two PINs are not the same.')).toBeVisible();
    await page.getByLabel('PIN again').fill('4826');
    await page.getByRole('button', { name: 'Create my profile and start setup' }).click();
    await expect(page.getByRole('heading', { name: 'Set up the venue' })).toBeVisible();
    await expect(page.getByText('A venue and at least one product are needed')).toBeVisible();
    await shot(page, 'setup-02-overview-empty');
    await expectTouchFriendly(page, 'setup overview');

    await server.stop();

    // Venue
    await page.getByRole('link', { name: /Set up\s+Venue/ }).click();
    await page.getByLabel('Name', { exact: true }).fill('Hillside Tasting Room');
    await page.getByLabel('Time zone').selectOption('America/Los_Angeles');
    await page.getByLabel('Sales tax (%)').fill('8.75');
    await page.getByLabel('Receipt header').fill('Hillside Cellars\n12 Ridge Road, Sonoma CA');
    await page.getByRole('button', { name: 'Save venue' }).click();
    await expect(page.getByRole('status')).toContainText('Hillside Tasting Room is saved');
    await expect(page.getByRole('cell', { name: '8.75 %' })).toBeVisible();
    await shot(page, 'setup-03-venue');
    await expectTouchFriendly(page, 'venue setup');

    // Staff with a PIN
    await page.getByRole('navigation', { name: 'Setup' }).getByRole('link', { name: 'Staff' }).click();
    await page.getByRole('button', { name: 'New staff member' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Leo');
    await page.getByLabel('PIN', { exact: true }).fill('11');
    await page.getByRole('button', { name: 'Save staff member' }).click();
    await expect(page.getByText('PIN: use 4 to 8 digits.')).toBeVisible();
    await page.getByLabel('PIN', { exact: true }).fill('1111');
    await page.getByLabel('PIN again').fill('1111');
    await page.getByRole('button', { name: 'Save staff member' }).click();
    await expect(page.getByRole('status')).toContainText('Leo is saved with the new PIN');
    await shot(page, 'setup-04-staff');
    await expectTouchFriendly(page, 'staff setup');

    // Products: one by hand, the rest from a spreadsheet with other column names
    await page.getByRole('navigation', { name: 'Setup' }).getByRole('link', { name: 'Products' }).click();
    await page.getByLabel('SKU', { exact: true }).fill('RED-0101');
    await page.getByLabel('Price', { exact: true }).fill('68');
    await page.getByLabel('Name', { exact: true }).fill('Estate Cabernet 2021');
    await page.getByLabel('Category').fill('red');
    await page.getByLabel('Barcode').fill('0850001001014');
    await page.getByRole('button', { name: 'Save product' }).click();
    await expect(page.getByRole('status')).toContainText('RED-0101 “Estate Cabernet 2021” is saved');
    const csv = [
      'Item Code;Product Name;Type;Retail Price;EAN',
      'red-0101;Estate Cabernet Sauvignon 2021;Red;72.00;0850001001014',
      'WHI-0201;Estate Chardonnay 2023;White;38;0850001002011',
      'ROS-0401;Dry Rosé of Grenache;Rosé;28.5;',
      'TAS-0601;Classic Tasting Flight;Tasting;twenty five;',
      'MER-0701;Logo Stemless Glass;Merch;12;0850001002011',
    ].join('\n');
    await page.getByTestId('products-csv-file').setInputFiles({ name: 'hillside-prices.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect(page.getByTestId('csv-summary')).toHaveText('2 new, 1 to update, 0 unchanged, 2 with problems.');
    await expect(page.getByTestId('preview-line-5')).toContainText('The price “twenty five” is not an amount like 24.50.');
    await expect(page.getByTestId('preview-line-6')).toContainText('The barcode 0850001002011 is also on line 3.');
    await shot(page, 'setup-05-products-csv-preview');
    await expectTouchFriendly(page, 'products CSV preview');
    await page.getByRole('button', { name: 'Import 3 products' }).click();
    await expect(page.getByTestId('csv-message')).toContainText('Imported: 2 new, 1 updated, 0 unchanged; 2 rows were not imported');
    await expect(page.getByRole('row', { name: /RED-0101.*Estate Cabernet Sauvignon 2021.*\$72\.00/ })).toBeVisible();
    await expect(page.getByRole('row', { name: /ROS-0401.*ROSE/ })).toBeVisible();
    // Export, then import what was exported: nothing changes.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export products (CSV)' }).click();
    const exported = await download;
    const exportPath = 'e2e/artifacts/hillside-products.csv';
    await exported.saveAs(exportPath);
    expect(readFileSync(exportPath, 'utf8').split(/\r?\n/)[0]).toBe('sku,name,category,price,barcode,active');
    await page.getByTestId('products-csv-file').setInputFiles(exportPath);
    await expect(page.getByTestId('csv-summary')).toHaveText('0 new, 0 to update, 3 unchanged, 0 with problems.');
    await shot(page, 'setup-06-products-roundtrip');
    await page.getByRole('button', { name: 'Cancel' }).click();

    // Tags: the starter set, one of our own under a parent, one retired
    await page.getByRole('navigation', { name: 'Setup' }).getByRole('link', { name: 'Tags' }).click();
    await page.getByRole('button', { name: 'Add starter tags' }).click();
    await expect(page.getByRole('button', { name: /Wine Club · Gold/ })).toBeVisible();
    await page.getByRole('button', { name: 'New tag' }).click();
    await page.getByLabel('Name staff see').fill('Wine Club · Magnum');
    await page.getByLabel('Type code').fill('WINE_CLUB');
    await page.getByLabel('Value (optional)').fill('magnum');
    await page.getByLabel('Category').selectOption('SEGMENT');
    await page.getByLabel('Part of').selectOption({ label: 'Wine Club' });
    await page.getByLabel('Priority').fill('104');
    await page.getByLabel('A guest may have several values of this type').uncheck();
    await page.getByRole('button', { name: 'Save tag' }).click();
    await expect(page.getByRole('status')).toContainText('Wine Club · Magnum is saved');
    await page.getByRole('button', { name: /^Visiting/ }).click();
    await page.getByRole('button', { name: 'Retire' }).click();
    await expect(page.getByRole('status')).toContainText('Visiting is retired');
    await expect(page.getByRole('button', { name: /^Visiting/ })).toHaveCount(0);
    await page.getByLabel('Show retired tags').check();
    await expect(page.getByRole('button', { name: /Visiting\s+retired/ })).toBeVisible();
    await shot(page, 'setup-07-tags');
    await expectTouchFriendly(page, 'tag setup');

    // An event today, in the venue's time zone
    await page.getByRole('navigation', { name: 'Setup' }).getByRole('link', { name: 'Events' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Harvest Party');
    await page.getByLabel('Type').selectOption('PUBLIC_EVENT');
    await page.getByLabel('Starts').fill('2026-09-19T16:00');
    await page.getByLabel('Ends').fill('2026-09-19T15:00');
    await page.getByRole('button', { name: 'Save event' }).click();
    await expect(page.getByText('Ends: an event must end after it starts.')).toBeVisible();
    await page.getByLabel('Ends').fill('2026-09-19T21:00');
    await page.getByRole('button', { name: 'Save event' }).click();
    await expect(page.getByRole('status')).toContainText('Harvest Party is saved');
    await shot(page, 'setup-08-events');
    await expectTouchFriendly(page, 'event setup');

    // Ready to sell
    await page.getByRole('navigation', { name: 'Setup' }).getByRole('link', { name: 'Overview' }).click();
    await expect(page.getByText('Ready to sell.')).toBeVisible();
    await expectTouchFriendly(page, 'setup overview, ready');
    await shot(page, 'setup-09-overview-ready');
    await page.getByRole('link', { name: 'Open checkout' }).click();
    await page.getByLabel('SKU or barcode').fill('0850001001014');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(page.getByTestId('cart-total')).toHaveText('$78.30');
    await page.getByRole('button', { name: 'Complete sale' }).click();
    await expect(page.getByTestId('receipt-number')).toHaveText('T1-000001');

    // Leo can unlock with the PIN the manager set, and sees no Setup.
    await page.getByRole('button', { name: 'Lock' }).click();
    await signInStaff(page, { name: 'Leo', pin: '1111' });
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Setup' })).toHaveCount(0);

    await server.start();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sync' }).click();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Everything is up to date.' })).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('waiting-total')).toHaveText('0');

    const venues = await pullAll(server.url, 'venues');
    const staff = await pullAll(server.url, 'staff');
    const products = await pullAll(server.url, 'products');
    const tags = await pullAll(server.url, 'tag_definitions');
    const events = await pullAll(server.url, 'events');
    const orders = await pullAll(server.url, 'orders');
    expect(venues).toEqual([expect.objectContaining({ name: 'Hillside Tasting Room', timezone: 'America/Los_Angeles', taxRateBps: 875 })]);
    expect(staff.map((s) => s.name).sort()).toEqual(['Leo', 'Sam Rivera']);
    expect(staff.every((s) => typeof s.pinHash === 'string' && (s.pinHash as string).startsWith('pbkdf2$') && !(s.pinHash as string).includes('1111'))).toBe(true);
    expect(products.map((p) => `${p.sku} ${p.priceCents}`).sort()).toEqual(['RED-0101 7200', 'ROS-0401 2850', 'WHI-0201 3800']);
    expect(tags.find((t) => t.displayName === 'Visiting')).toMatchObject({ isActive: false });
    const magnum = tags.find((t) => t.displayName === 'Wine Club · Magnum')!;
    expect(magnum).toMatchObject({ tagType: 'WINE_CLUB', tagValue: 'MAGNUM', allowMultiple: false, priority: 104 });
    expect(tags.find((t) => t.id === magnum.parentId)).toMatchObject({ tagType: 'WINE_CLUB', tagValue: null });
    // 4 pm on 19 September in Sonoma is 23:00 UTC.
    expect(events).toEqual([expect.objectContaining({ name: 'Harvest Party', startsAt: '2026-09-19T23:00:00.000Z', endsAt: '2026-09-20T04:00:00.000Z', venueId: venues[0]!.id })]);
    expect(orders).toEqual([expect.objectContaining({ receiptNumber: 'T1-000001', totalCents: 7830, venueId: venues[0]!.id })]);

    // A second, staff-only tablet gets everything and can sell.
    const second = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    const tablet = await second.newPage();
    await enrolTablet(tablet, server.url, { ...NEW_OWNER, role: 'STAFF', name: 'Counter 2' });
    await signInStaff(tablet, { name: 'Leo', pin: '1111' });
    await tablet.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Checkout' }).click();
    await expect(tablet.getByRole('button', { name: /Dry Rosé of Grenache/ })).toBeVisible({ timeout: 30_000 });
    await shot(tablet, 'setup-10-second-tablet-checkout');
    await second.close();
  } finally {
    await server.dispose();
  }
});
