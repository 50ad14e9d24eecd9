import { test } from '@playwright/test';
import { ORGANIZER, signedIn } from './helpers';
test('shot', async ({ browser }) => {
  const page = await signedIn(browser, ORGANIZER);
  await page.setViewportSize({ width: 1280, height: 900 });
  for (const [path, file] of [['/editions/1/budget', 'summary'], ['/editions/1/budget?tab=items', 'items'], ['/editions/1/budget/items/2', 'item'], ['/editions/1/budget?tab=setup', 'setup']]) {
    await page.goto(path);
    await page.waitForSelector('body[data-hydrated]');
    await page.screenshot({ path: `/tmp/budget-${file}.png`, fullPage: true });
  }
  const pdf = await page.request.get('/api/v1/editions/1/budget/summary.pdf');
  require('fs').writeFileSync('/tmp/budget.pdf', Buffer.from(await pdf.body()));
});
