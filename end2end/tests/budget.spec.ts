import { test, expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { createEdition, FINANCE, ORGANIZER, REGISTRAR, runTag, signedIn } from './helpers';

// The host city's budget in a browser: the finance officer starts from the
// standard categories, plans the venue, enters a dollar rate, records a
// hall in renminbi (above the organizers' threshold, so it waits) and LED
// screens paid in dollars with a scanned receipt; the summary and its
// chart give the totals in renminbi; an organizer approves the hall; a
// registrar is refused.

async function noSeriousViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), what).toEqual([]);
}

/** A PDF small enough to read: what a scanner makes, in miniature. */
const RECEIPT = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);

async function hydrated(page: Page, path: string) {
  await page.goto(path);
  await page.waitForSelector('body[data-hydrated]');
}

test('finance keeps the books in two currencies and an organizer approves a large commitment', async ({ browser }) => {
  const run = runTag();
  const organizer = await signedIn(browser, ORGANIZER);
  const edition = await createEdition(organizer, {
    title: (year) => `Cities Forum ${year} · Quanzhou (budget ${run})`,
    hostCity: 'Quanzhou',
    venue: 'Quanzhou Strait Convention and Exhibition Center',
    days: ['11-02', '11-04'],
    timeZone: 'Asia/Shanghai',
    status: 'planning',
  });
  const year = edition.year;
  const budget = `/editions/${edition.id}/budget`;

  // The organizers set the threshold: commitments above CNY 100,000 wait.
  await hydrated(organizer, `${budget}?tab=setup`);
  const threshold = organizer.locator('form[data-form="budget-threshold"]');
  await threshold.getByLabel('Approval threshold').fill('100,000');
  await threshold.getByRole('button', { name: 'Save' }).click();
  await expect(organizer.locator('[data-section="budget-settings"]')).toBeVisible();
  await expect(threshold.getByLabel('Approval threshold')).toHaveValue('100000.00');

  // Finance sees the budget in the menu.
  const finance = await signedIn(browser, FINANCE);
  await expect(finance.locator('nav[data-nav="main"] a', { hasText: 'Budget' })).toBeVisible();
  await hydrated(finance, `${budget}?tab=setup`);
  // Read-only threshold for finance.
  await expect(finance.locator('[data-threshold]')).toContainText('CNY 100,000.00');
  await finance.getByRole('button', { name: "Start from last edition's categories" }).click();
  // The standard twelve (no earlier edition has a budget here).
  await expect(finance.locator('table[data-table="budget-categories"] tbody tr')).toHaveCount(12);
  const venueRow = finance.locator('table[data-table="budget-categories"] tr[data-kind="venue"]');
  await expect(venueRow).toBeVisible();
  await venueRow.getByLabel('Plan').fill('500,000');
  await venueRow.getByRole('button', { name: 'Save' }).click();
  await expect(finance.locator('table[data-table="budget-categories"] tr[data-kind="venue"] input[name="planned"]')).toHaveValue('500000.00');

  // A rate with too many decimals is told beside its field, and kept.
  const rates = finance.locator('form[data-form="add-rate"]');
  await rates.getByLabel('Currency').fill('USD');
  await rates.getByLabel('Valid from').fill(`${year}-01-01`);
  await rates.getByLabel('Rate').fill('7.20000000001');
  await rates.getByRole('button', { name: 'Add rate' }).click();
  await expect(rates.locator('#rate-rate-error')).toContainText('More decimals');
  await expect(rates.getByLabel('Rate')).toHaveValue('7.20000000001');
  await rates.getByLabel('Rate').fill('7.2');
  await rates.getByRole('button', { name: 'Add rate' }).click();
  await expect(finance.locator('table[data-table="rates"] tr[data-currency="USD"]')).toContainText('1 USD = 7.2 CNY');

  // The hall, in renminbi, committed above the threshold.
  await hydrated(finance, `${budget}/items/new`);
  const form = finance.locator('form[data-form="item"]');
  await form.getByLabel('Description').fill('Plenary hall, three days');
  await form.getByLabel('Category').selectOption({ label: 'Venue' });
  await form.getByLabel('Payer').selectOption({ label: 'Quanzhou' });
  await form.getByLabel('Vendor').fill('Strait Convention Center');
  await form.getByLabel('Planned amount').fill('1,23,45');
  await form.getByLabel('Committed amount').fill('150,000');
  await form.getByLabel('Committed on').fill(`${year}-03-01`);
  await form.getByRole('button', { name: 'Save' }).click();
  // "1,23,45" is no amount (a decimal comma, "12,5", is one): told
  // beside the field, nothing saved, text kept.
  await expect(form.locator('#planned-error')).toBeVisible();
  await expect(form.getByLabel('Planned amount')).toHaveValue('1,23,45');
  await expect(finance).toHaveURL(/\/items\/new$/);
  await form.getByLabel('Planned amount').fill('140,000');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(finance).toHaveURL(/\/budget\/items\/\d+$/);
  const hallUrl = finance.url();
  await expect(finance.locator('[data-item-status="awaiting_approval"]')).toBeVisible();
  await expect(finance.locator('[data-waiting]')).toContainText('organizer approves');
  await expect(finance.getByRole('button', { name: 'Approve this commitment' })).toBeHidden();

  // LED screens in dollars: planned 10,000, paid 9,500 in July.
  await hydrated(finance, `${budget}/items/new`);
  await form.getByLabel('Description').fill('LED screens');
  await form.getByLabel('Category').selectOption({ label: 'Venue' });
  await form.getByLabel('Payer').selectOption({ label: 'Business Council' });
  await form.getByLabel('Currency').fill('USD');
  await form.getByLabel('Planned amount').fill('10,000');
  await form.getByLabel('Actual amount (paid)').fill('9500');
  await form.getByRole('button', { name: 'Save' }).click();
  // An actual without its day is told beside the day.
  await expect(form.locator('#paid_on-error')).toContainText('needs the day it was paid');
  await form.getByLabel('Paid on').fill(`${year}-07-01`);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(finance).toHaveURL(/\/budget\/items\/\d+$/);
  await expect(finance.locator('[data-item-status="paid"]')).toContainText('CNY 68,400.00');

  // The scanned receipt; a text file pretending to be one is refused.
  const receipts = finance.locator('[data-section="receipts"]');
  await receipts.locator('input[type="file"]').setInputFiles({ name: 'not-a-receipt.pdf', mimeType: 'application/pdf', buffer: Buffer.from('hello') });
  await expect(receipts.locator('#file-error')).toContainText('PDF or an image');
  await receipts.locator('input[type="file"]').setInputFiles({ name: 'screens-invoice.pdf', mimeType: 'application/pdf', buffer: RECEIPT });
  await expect(receipts.locator('[data-receipt]')).toContainText('screens-invoice.pdf');
  const link = receipts.locator('[data-receipt] a');
  const download = await finance.request.get((await link.getAttribute('href'))!);
  expect(download.status()).toBe(200);
  expect(Buffer.from(await download.body()).equals(RECEIPT)).toBe(true);

  // The summary: CNY totals, the hall waiting, the chart with the figures.
  await hydrated(finance, budget);
  await expect(finance.locator('[data-figure="actual"]')).toHaveAttribute('data-minor', '6840000');
  await expect(finance.locator('[data-figure="actual"]')).toContainText('CNY 68,400.00');
  await expect(finance.locator('[data-figure="awaiting"]')).toContainText('CNY 150,000.00');
  await expect(finance.locator('[data-figure="committed"]')).toContainText('CNY 0.00');
  await expect(finance.locator('[data-awaiting="1"]')).toBeVisible();
  const venue = finance.locator('table[data-table="categories"] tr[data-kind="venue"]');
  await expect(venue.locator('[data-actual]')).toHaveText('68,400.00');
  // 500,000 − (150,000 committed + 68,400 paid) = 281,600 under plan.
  await expect(venue.locator('[data-variance]')).toContainText('CNY 281,600.00 under plan');
  const chart = finance.locator('figure[data-chart="categories"] svg');
  await expect(chart).toContainText('500,000.00');
  await expect(chart).toContainText('68,400.00');
  await expect(finance.locator('figure[data-chart="time"] svg')).toContainText(`${year}-07`);
  await expect(finance.locator('[data-list="rates-used"]')).toContainText('1 USD = 7.2 CNY');
  await noSeriousViolations(finance, 'budget summary');

  // An organizer approves the hall; now it counts as committed.
  await hydrated(organizer, new URL(hallUrl).pathname);
  await organizer.getByRole('button', { name: 'Approve this commitment' }).click();
  await expect(organizer.locator('[data-item-status="committed"]')).toBeVisible();
  await expect(organizer.locator('[data-approved-by]')).toContainText(ORGANIZER.email);
  await hydrated(finance, budget);
  await expect(finance.locator('[data-figure="committed"]')).toContainText('CNY 150,000.00');
  await expect(finance.locator('[data-awaiting]')).toHaveCount(0);
  // In Russian the amounts are written as Russian writes numbers, as soon
  // as the language is switched.
  await finance.locator('form.lang-switch button[value="ru"]').click();
  await expect(finance.locator('[data-figure="committed"]')).toContainText('150\u00a0000,00\u00a0CNY');
  await expect(venue.locator('[data-actual]')).toHaveText('68\u00a0400,00');
  await finance.locator('form.lang-switch button[value="en"]').click();
  await expect(finance.locator('[data-figure="committed"]')).toContainText('CNY 150,000.00');
  // The history says who approved, with before and after.
  await hydrated(finance, `${budget}?tab=history`);
  await expect(finance.locator('table[data-table="budget-history"] tr[data-action="approved"]')).toContainText(ORGANIZER.email);

  // A registrar is refused, page and API alike.
  const registrar = await signedIn(browser, REGISTRAR);
  await expect(registrar.locator('nav[data-nav="main"] a', { hasText: 'Budget' })).toHaveCount(0);
  await hydrated(registrar, budget);
  await expect(registrar.locator('[data-problem="forbidden"]')).toBeVisible();
  expect((await registrar.request.get(`/api/v1/editions/${edition.id}/budget/summary`)).status()).toBe(403);
});
