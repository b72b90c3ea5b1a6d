import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { enrolAndSignIn, signInStaff } from './helpers';
import { apiJson, openConsole, screenshotPath, seedWorkload } from './manager-seed';
import { ServerProcess } from './server-process';
import { expectTouchFriendly } from './setup-helpers';

type Row = Record<string, unknown>;
const usd = (cents: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(cents / 100);

// A venue's history (generated workload pushed through the sync protocol) and a tablet that still
// holds three sales; a manager reads the dashboard and every report in a browser tablet.
test('the manager console shows the server’s figures, warns about a tablet holding sales, and exports reports', async ({ page, context }, testInfo) => {
  test.setTimeout(150_000);
  page.on('pageerror', (e) => console.log('page error:', e.message));
  const server = await ServerProcess.start();
  const shot = async (name: string) => {
    const path = screenshotPath(`manager-${name}`);
    await page.screenshot({ path, fullPage: true });
    await testInfo.attach(name, { path, contentType: 'image/png' });
  };
  try {
    const seeded = await seedWorkload(server.url);
    const token = seeded.managerToken;

    // Staff are refused in words, not with a blank page.
    await enrolAndSignIn(page, server.url, { name: 'Leo', pin: '1111' });
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Manage', exact: true })).toHaveCount(0);
    await page.goto(`${server.url}/#/manage`);
    await expect(page.getByRole('heading', { name: 'The manager console is for managers' })).toBeVisible();
    await shot('00-staff-refused');

    await page.getByRole('button', { name: 'Lock' }).click();
    await signInStaff(page, { name: 'Maya', pin: '9999' });

    // Offline, the console says it needs the network.
    await context.setOffline(true);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Manage', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'The manager console needs the network' })).toBeVisible();
    await shot('01-offline');
    await context.setOffline(false);

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
    await page.setViewportSize({ width: 1024, height: 768 });
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
  } finally {
    await server.dispose();
  }
});
