import { readFileSync } from 'node:fs';
import { type Page, expect, test } from '@playwright/test';
import { enrolAndSignIn, pullEverything } from './helpers';
import { apiJson, openConsole, screenshotPath, seedWorkload } from './manager-seed';
import { ServerProcess } from './server-process';
import { expectTouchFriendly } from './setup-helpers';

type Row = Record<string, unknown>;

const condition = (page: Page, i: number) => page.getByTestId('rule-condition').nth(i);

// A manager builds a segment by touch (with a mistake on the way), saves it, reads its members and
// history, exports it with and without guests who did not consent; then imports a guest file twice.
test('a manager builds, saves and exports a segment, and imports a guest file twice without duplicates', async ({ page }, testInfo) => {
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
    await enrolAndSignIn(page, server.url, { name: 'Maya', pin: '9999' });
    await openConsole(page);

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
    await expect(page.getByTestId('history-table').locator('tbody tr').first()).toContainText('Joined');
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
  } finally {
    await server.dispose();
  }
});
