import { readFileSync } from 'node:fs';
import { type Browser, type Page, type TestInfo, expect, test } from '@playwright/test';
import { enrolAndSignIn, expectTopBarOneRow, pullEverything, signInStaff } from './helpers';
import { type Seeded, apiJson, openConsole, screenshotPath, seedWorkload } from './manager-seed';
import { ServerProcess } from './server-process';
import { expectTouchFriendly } from './setup-helpers';

type Row = Record<string, unknown>;
const usd = (cents: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(cents / 100);
const condition = (page: Page, i: number) => page.getByTestId('rule-condition').nth(i);

// One server with a venue's history (the generated workload pushed through the sync protocol) and
// a tablet that still holds three sales; one browser tablet, where a manager uses the console.
// Serial: the second story goes on from the first's signed-in console (starting a server costs ~30 s).
test.describe.configure({ mode: 'serial' });

let server: ServerProcess;
let seeded: Seeded;
let token: string;
let page: Page;

test.beforeAll(async ({ browser }: { browser: Browser }) => {
  test.setTimeout(120_000);
  server = await ServerProcess.start();
  seeded = await seedWorkload(server.url);
  token = seeded.managerToken;
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (e) => console.log('page error:', e.message));
  await enrolAndSignIn(page, server.url, { name: 'Leo', pin: '1111' });
});

test.afterAll(async () => {
  await page?.close();
  await server?.dispose();
});

const shooter = (testInfo: TestInfo) => async (name: string) => {
  const path = screenshotPath(`manager-${name}`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
};

// eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a test names; these use none
test('the console refuses staff, needs the network, shows the server’s figures, warns about a tablet holding sales, and exports reports', async ({}, testInfo) => {
  test.setTimeout(120_000);
  const shot = shooter(testInfo);
  // Staff are refused in words, not with a blank page.
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Manage', exact: true })).toHaveCount(0);
  await page.goto(`${server.url}/#/manage`);
  await expect(page.getByRole('heading', { name: 'The manager console is for managers' })).toBeVisible();
  await shot('00-staff-refused');

  await page.getByRole('button', { name: 'Lock' }).click();
  await signInStaff(page, { name: 'Maya', pin: '9999' });

  // Offline, the console says it needs the network.
  await page.context().setOffline(true);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Manage', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'The manager console needs the network' })).toBeVisible();
  await shot('01-offline');
  await page.context().setOffline(false);

  await expectTouchFriendly(page, 'console sign-in');
  await shot('02-sign-in');
  await openConsole(page);

  // Dashboard: the revenue-by-tag table is the API's rows; the tablet's missing sales are named.
  const rbt = await apiJson<{ rows: Row[] }>(server.url, token, '/api/v1/reports/revenue-by-tag');
  expect(rbt.rows.length).toBeGreaterThan(5);
  const table = page.getByTestId('revenue-by-tag-table');
  await expect(table.locator('tbody tr')).toHaveCount(rbt.rows.length);
  for (const r of rbt.rows) {
    const cells = table.locator(`tr[data-tag-type="${String(r.tagType)}"] td`);
    await expect(cells).toHaveText([String(r.displayName), String(r.customerCount), usd(Number(r.totalRevenueCents)), usd(Number(r.avgRevenuePerCustomerCents)), String(r.totalOrders)]);
  }
  await expect(page.getByTestId('tablets-panel')).toContainText('Tablet 2 still holds sales 41–43 that the server has not received.');
  const events = await apiJson<{ rows: Array<{ eventType: string; sales: number; revenueCents: number }> }>(server.url, token, '/api/v1/reports/event-sales?months=12');
  const byType = new Map<string, { sales: number; revenueCents: number }>();
  for (const r of events.rows) {
    const t = byType.get(r.eventType) ?? { sales: 0, revenueCents: 0 };
    byType.set(r.eventType, { sales: t.sales + r.sales, revenueCents: t.revenueCents + r.revenueCents });
  }
  expect(byType.size).toBeGreaterThan(0);
  for (const [type, v] of byType)
    await expect(page.getByTestId('event-sales-table').locator(`tr[data-event-type="${type}"] td`).nth(2)).toHaveText(usd(v.revenueCents));
  await expect(page.locator('.recharts-bar-rectangle').first()).toBeVisible();
  await shot('03-dashboard');
  await expectTouchFriendly(page, 'dashboard');
  await expectTopBarOneRow(page, 'manager, 1280×800');
  await page.setViewportSize({ width: 1024, height: 768 });
  await expectTopBarOneRow(page, 'manager, 1024×768');
  await shot('04-dashboard-1024');
  await page.setViewportSize({ width: 1280, height: 800 });

  // Every report as a page; the table shows the API's rows.
  const nav = page.getByRole('navigation', { name: 'Manager console' });
  const customer = String((await apiJson<{ rows: Row[] }>(server.url, token, '/api/v1/reports/top-customers?limit=1')).rows[0]!.customerId);
  const reports: Array<{ title: string; name: string; query: string; fill?: () => Promise<void> }> = [
    { title: 'Revenue by tag type', name: 'revenue-by-tag', query: '' },
    {
      title: 'Guests of a tag',
      name: 'customers-by-tag',
      query: 'tagType=REGION&limit=20',
      fill: async () => {
        await page.getByLabel('Tag type').selectOption('REGION');
        await page.getByLabel('How many').fill('20');
      },
    },
    { title: 'Top guests per tag type', name: 'top-customers', query: 'limit=3', fill: () => page.getByLabel('How many').fill('3') },
    { title: 'Event sales', name: 'event-sales', query: 'months=6', fill: () => page.getByLabel('Months').fill('6') },
    { title: 'Guests with several tag types', name: 'multi-tag-guests', query: 'minTypes=3&limit=100', fill: () => page.getByLabel('At least this many tag types').fill('3') },
    { title: 'Tag growth', name: 'tag-growth', query: 'months=12' },
    { title: 'Lifetime value by tag', name: 'lifetime-value', query: '' },
    {
      title: 'Guests to win back',
      name: 're-engagement',
      query: 'minRevenueCents=20000&inactiveDays=60&limit=100',
      fill: async () => {
        await page.getByLabel('Spent at least ($)').fill('200');
        await page.getByLabel('No purchase for at least (days)').fill('60');
      },
    },
    { title: 'Event guests who joined the club', name: 'club-conversion', query: 'months=12' },
    { title: 'Daily close-out', name: 'close-out', query: '' },
  ];
  for (const r of reports) {
    await nav.getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('link', { name: new RegExp(`^${r.title}`) }).click();
    await expect(page.getByRole('heading', { name: r.title, level: 1 })).toBeVisible();
    if (r.fill) {
      await r.fill();
      await page.getByRole('button', { name: 'Show report' }).click();
    }
    const api = await apiJson<{ rows: Row[] }>(server.url, token, `/api/v1/reports/${r.name}?${r.query}`);
    if (api.rows.length === 0) await expect(page.getByText('Nothing to show for these choices.')).toBeVisible();
    else await expect(page.getByTestId('report-table').locator('tbody tr')).toHaveCount(api.rows.length);
    await shot(`10-report-${r.name}`);
  }
  // The close-out page names the tablet's missing sales in its table.
  await expect(page.getByRole('row', { name: /Tablet 2/ })).toContainText('41–43');
  await expectTouchFriendly(page, 'close-out report');

  // A guest's tags: opened from a ranked list, by the guest link.
  await nav.getByRole('link', { name: 'Reports' }).click();
  await page.getByRole('link', { name: /^Top guests per tag type/ }).click();
  await page.getByTestId('report-table').getByRole('link').first().click();
  await expect(page.getByRole('heading', { name: 'A guest’s tags', level: 1 })).toBeVisible();
  const tagsApi = await apiJson<{ rows: Row[] }>(server.url, token, `/api/v1/reports/customer-tags?customerId=${customer}`);
  await expect(page.getByTestId('report-table').locator('tbody tr')).toHaveCount(tagsApi.rows.length);
  await shot('11-report-customer-tags');

  // Sorting by a column: revenue high to low, then low to high.
  await nav.getByRole('link', { name: 'Reports' }).click();
  await page.getByRole('link', { name: /^Guests of a tag/ }).click();
  await page.getByLabel('Tag type').selectOption('REGION');
  await page.getByRole('button', { name: 'Show report' }).click();
  const byRevenue = await apiJson<{ rows: Row[] }>(server.url, token, '/api/v1/reports/customers-by-tag?tagType=REGION');
  const orders = byRevenue.rows.map((r) => Number(r.orderCount));
  await page.getByRole('button', { name: /^Orders/ }).first().click();
  await expect(page.getByRole('columnheader', { name: /^Orders/ }).first()).toHaveAttribute('aria-sort', 'descending');
  const column = async () => (await page.getByTestId('report-table').locator('tbody tr td:nth-child(6)').allTextContents()).map(Number);
  expect(await column()).toEqual([...orders].sort((a, b) => b - a));
  await page.getByRole('button', { name: /^Orders/ }).first().click();
  expect(await column()).toEqual([...orders].sort((a, b) => a - b));
  await shot('12-report-sorted');
  await expectTouchFriendly(page, 'report page');

  // CSV: the same file the API gives, saved as a download.
  await nav.getByRole('link', { name: 'Reports' }).click();
  await page.getByRole('link', { name: /^Revenue by tag type/ }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^revenue-by-tag-\d{4}-\d{2}-\d{2}\.csv$/);
  const saved = testInfo.outputPath(file.suggestedFilename());
  await file.saveAs(saved);
  const csv = readFileSync(saved, 'utf8');
  const lines = csv.split('\r\n').filter(Boolean);
  expect(lines[0]).toBe('tagType,displayName,customerCount,activeTags,totalRevenueCents,avgRevenuePerCustomerCents,totalOrders,distinctCustomerRevenueCents,distinctCustomerOrderCount');
  expect(lines.length - 1).toBe(rbt.rows.length);
  const first = rbt.rows[0]!;
  expect(lines).toContain(
    [first.tagType, first.displayName, first.customerCount, first.activeTags, first.totalRevenueCents, first.avgRevenuePerCustomerCents, first.totalOrders, first.distinctCustomerRevenueCents, first.distinctCustomerOrderCount].join(','),
  );
  await expect(page.getByRole('status').filter({ hasText: 'Saved to' })).toBeVisible();
});

// eslint-disable-next-line no-empty-pattern -- as above
test('a manager builds, saves and exports a segment, and imports a guest file twice without duplicates', async ({}, testInfo) => {
  test.setTimeout(120_000);
  const shot = shooter(testInfo);
  await page.getByRole('navigation', { name: 'Manager console' }).getByRole('link', { name: 'Dashboard' }).click();

  // The dashboard's lifecycle and tier counts are the server's built-in segments.
  const builtIn = await apiJson<{ counts: Record<string, number> }>(server.url, token, '/api/v1/segments/built-in');
  for (const [key, n] of Object.entries(builtIn.counts).filter(([k]) => k.startsWith('lifecycle.')))
    await expect(page.getByTestId('mix-lifecycle').locator(`tr[data-key="${key.slice('lifecycle.'.length)}"] td`)).toHaveText(n.toLocaleString('en-US'));

  const nav = page.getByRole('navigation', { name: 'Manager console' });
  await nav.getByRole('link', { name: 'Segments' }).click();
  await expect(page.getByText('No segments yet.')).toBeVisible();
  await page.getByRole('link', { name: 'New segment' }).click();
  await expect(page.getByRole('heading', { name: 'New segment' })).toBeVisible();

  // A value that is not an amount is marked where it is, and nothing is counted.
  await condition(page, 0).getByLabel('Condition', { exact: true }).selectOption('gte');
  await condition(page, 0).getByLabel('Amount ($)').fill('five hundred');
  await expect(condition(page, 0).getByRole('alert')).toHaveText('“five hundred” is not an amount like 250 or 99.50');
  await expect(page.getByTestId('preview')).toContainText('Fix the marked parts');
  await shot('20-segment-invalid');
  await condition(page, 0).getByLabel('Amount ($)').fill('500');
  const spent = { all: [{ field: 'totalSpentCents', op: 'gte', value: 50000 }] };
  const spentCount = (await apiJson<{ count: number }>(server.url, token, '/api/v1/segments/preview', { method: 'POST', body: { rule: spent } })).count;
  await expect(page.getByTestId('preview-count')).toHaveText(spentCount.toLocaleString('en-US'));

  // A nested "any" group: in the wine club, or active lately.
  await page.getByRole('button', { name: 'Add a group' }).first().click();
  await condition(page, 1).getByLabel('Field', { exact: true }).selectOption('tag');
  await condition(page, 1).getByLabel('Tag type').selectOption('WINE_CLUB');
  await page.getByRole('group', { name: 'Guests who match any of these' }).getByRole('button', { name: 'Add a condition' }).click();
  await condition(page, 2).getByLabel('Field', { exact: true }).selectOption('lifecycleStage');
  await expect(condition(page, 2).getByRole('alert')).toHaveText('choose at least one value');
  await condition(page, 2).getByRole('button', { name: 'Active' }).click();
  const rule = {
    all: [
      { field: 'totalSpentCents', op: 'gte', value: 50000 },
      { any: [{ field: 'tag', op: 'has', value: { tagType: 'WINE_CLUB', tagValue: null } }, { field: 'lifecycleStage', op: 'in', value: ['ACTIVE'] }] },
    ],
  };
  const preview = await apiJson<{ count: number }>(server.url, token, '/api/v1/segments/preview', { method: 'POST', body: { rule } });
  expect(preview.count).toBeGreaterThan(0);
  expect(preview.count).toBeLessThanOrEqual(spentCount);
  await expect(page.getByTestId('preview-count')).toHaveText(preview.count.toLocaleString('en-US'));
  await page.getByLabel('Name', { exact: true }).fill('Big spenders in the club or active');
  await shot('21-segment-builder');
  await expectTouchFriendly(page, 'segment builder');
  await page.getByRole('button', { name: 'Save segment' }).click();

  // The segment's page: size, members, history, recalculation.
  await expect(page.getByRole('heading', { name: 'Big spenders in the club or active' })).toBeVisible();
  const [saved] = (await apiJson<{ segments: Array<{ id: string; memberCount: number }> }>(server.url, token, '/api/v1/segments')).segments;
  expect(saved!.memberCount).toBe(preview.count);
  await expect(page.getByTestId('member-count')).toHaveText(String(preview.count));
  await expect(page.getByTestId('members-table').locator('tbody tr')).toHaveCount(Math.min(25, preview.count));
  await expect(page.getByTestId('history-table').locator('tbody tr').first()).toContainText(/Joined.+segment saved/);
  // The history names guests from the tablet's own copy of the guest list.
  await expect(page.getByTestId('history-table')).not.toContainText('A guest not on this tablet');
  await page.getByRole('button', { name: 'Recalculate' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Worked out again' })).toHaveText(`Worked out again: ${preview.count} guests (0 joined, 0 left).`);
  await shot('22-segment-page');
  await expectTouchFriendly(page, 'segment page');

  // Export honours consent unless the manager asks otherwise.
  const exportRows = async (): Promise<string[]> => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await download;
    const path = testInfo.outputPath(`${Date.now()}-${file.suggestedFilename()}`);
    await file.saveAs(path);
    return readFileSync(path, 'utf8').split('\r\n').filter(Boolean);
  };
  const consenting = await exportRows();
  expect(consenting[0]).toBe('customerId,firstName,lastName,email,phone,postalCode,emailOptIn,smsOptIn,revenueCents,orderCount,lastOrderAt,enteredAt');
  const members = (await apiJson<{ members: Row[] }>(server.url, token, `/api/v1/segments/${saved!.id}/members?limit=1000`)).members;
  const withConsent = members.filter((m) => m.emailOptIn === true || m.smsOptIn === true);
  expect(consenting.length - 1).toBe(withConsent.length);
  expect(withConsent.length).toBeLessThan(members.length);
  await page.getByLabel('Include guests who have not agreed to marketing').check();
  await expect(page.getByRole('note')).toContainText('Do not use this list for promotions');
  const everyone = await exportRows();
  expect(everyone.length - 1).toBe(members.length);

  await nav.getByRole('link', { name: 'Segments' }).click();
  await expect(page.getByTestId('segment-list').getByRole('row', { name: /Big spenders in the club or active/ })).toContainText(String(preview.count));

  // Guest import: columns guessed from another system's headers, one corrected by hand.
  const g = seeded.guest;
  const csv = [
    'First Name,Surname,E-mail,Mobile,Zip,Newsletter,Texts,Tags,Notes',
    'Ada,Lovelace,ada.lovelace@example.org,+1 707 555 0101,95448,yes,no,WINE_CLUB:GOLD; VIP,met at harvest',
    'Grace,Hopper,grace.hopper@example.org,+1 707 555 0102,95476,no,yes,,',
    'Alan,Turing,,+1 707 555 0199,,,,PREFERENCE:ORGANIC,',
    `${g.firstName},${g.lastName},${g.email},,,,,,`,
    'Bob,Broken,bob@,,,,,,',
    ',Nameless,nobody@example.org,,,,,,',
  ].join('\n');
  const importFile = async () => {
    await nav.getByRole('link', { name: 'Import guests' }).click();
    await page.getByTestId('guest-csv-file').setInputFiles({ name: 'old-pos-guests.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect(page.getByLabel('First name')).toHaveValue('First Name');
    await expect(page.getByLabel('Last name')).toHaveValue('Surname');
    await expect(page.getByLabel('Email', { exact: true })).toHaveValue('E-mail');
    await expect(page.getByLabel('Phone')).toHaveValue('Mobile');
    await expect(page.getByLabel('Postal code')).toHaveValue('Zip');
    await expect(page.getByLabel('Email consent')).toHaveValue('Newsletter');
    await expect(page.getByLabel('Tags')).toHaveValue('Tags');
    await expect(page.getByLabel('SMS consent')).toHaveValue('');
    await page.getByLabel('SMS consent').selectOption('Texts');
    await expect(page.getByTestId('import-preview').locator('tbody tr')).toHaveCount(5);
    await expect(page.getByTestId('import-preview').locator('tbody tr').first()).toContainText('WINE_CLUB:GOLD; VIP');
    await page.getByRole('button', { name: 'Check the file (nothing is saved)' }).click();
  };
  await importFile();
  await expect(page.getByTestId('dry-run-result')).toContainText(
    'Check: 3 new guests would be created, 1 would match guests you have (0 with changes, 1 already up to date), 2 rows with problems would be skipped.',
  );
  await expect(page.getByTestId('import-errors')).toContainText('Line 6: Email is not an email address.');
  await expect(page.getByTestId('import-errors')).toContainText('Line 7: A first name is needed.');
  await shot('30-import-dry-run');
  await expectTouchFriendly(page, 'guest import');
  await page.getByRole('button', { name: 'Import 4 guests' }).click();
  await expect(page.getByTestId('import-result')).toContainText('Imported: 3 new, 0 updated, 1 already up to date. 2 rows with problems were skipped.');
  await shot('31-import-done');

  // The same file again: nothing changes.
  await importFile();
  await expect(page.getByTestId('dry-run-result')).toContainText('Check: 0 new guests would be created, 4 would match guests you have (0 with changes, 4 already up to date)');
  await page.getByRole('button', { name: 'Import 4 guests' }).click();
  await expect(page.getByTestId('import-result')).toContainText('Nothing changed: all 4 guests in the file were already up to date.');
  await shot('32-import-again');

  const customers = await pullEverything(server.url, 'customers');
  for (const email of ['ada.lovelace@example.org', 'grace.hopper@example.org']) expect(customers.filter((c) => c.email === email)).toHaveLength(1);
  expect(customers.filter((c) => c.firstName === 'Alan' && c.lastName === 'Turing')).toHaveLength(1);
  expect(customers.find((c) => c.email === 'ada.lovelace@example.org')).toMatchObject({ emailOptIn: true, smsOptIn: false, postalCode: '95448' });
  const tags = await pullEverything(server.url, 'customer_tags');
  const ada = customers.find((c) => c.email === 'ada.lovelace@example.org')!;
  expect(tags.filter((t) => t.customerId === ada.id && t.removedAt === null).map((t) => `${t.tagType}:${t.tagValue ?? ''}`).sort()).toEqual(['VIP:', 'WINE_CLUB:GOLD']);
});
