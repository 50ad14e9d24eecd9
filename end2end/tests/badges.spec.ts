import { test, expect, Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ORGANIZER, REGISTRAR, sameOrigin, signedIn } from './helpers';

/** The QR codes on a PDF's pages, read by real tools (poppler renders the
 * pages, zbar decodes them), in page order. */
function qrCodes(pdf: Buffer): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'cf-badge-'));
  try {
    writeFileSync(join(dir, 'badge.pdf'), pdf);
    execFileSync('pdftoppm', ['-r', '200', '-gray', '-png', join(dir, 'badge.pdf'), join(dir, 'page')]);
    return readdirSync(dir)
      .filter((f) => f.endsWith('.png'))
      .sort()
      .flatMap((f) =>
        execFileSync('zbarimg', ['--raw', '-q', join(dir, f)], { encoding: 'utf8' })
          .split('\n')
          .filter((l) => l.length > 0),
      );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function badgePdf(page: Page, edition: string, registration: string): Promise<Buffer> {
  const response = await page.request.get(`/api/v1/editions/${edition}/registrations/${registration}/badge.pdf?layout=a6`);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('application/pdf');
  return Buffer.from(await response.body());
}

async function verify(page: Page, edition: string, code: string): Promise<string> {
  const response = await page.request.post(`/api/v1/editions/${edition}/badges/verify`, {
    data: { code },
    headers: sameOrigin(),
  });
  expect(response.status()).toBe(200);
  return (await response.json()).outcome;
}

test('an organizer prints a batch by category, reprints one badge, and the old badge is refused', async ({ browser }) => {
  const page = await signedIn(browser, ORGANIZER);
  await page.locator('nav[data-nav="main"]').getByRole('link', { name: 'Badges' }).click();
  await expect(page).toHaveURL(/\/editions\/\d+\/badges$/);
  await page.waitForSelector('body[data-hydrated]');
  const edition = page.url().match(/editions\/(\d+)\//)![1];
  await expect(page.locator('table[data-table="badges"] tbody tr')).not.toHaveCount(0);

  // A batch of the heads of delegation, four A6 on A4; its progress shows
  // until it is ready to download.
  const form = page.locator('form[data-form="batch"]');
  await form.getByLabel('Whose badges').selectOption({ label: 'Head of delegation' });
  await form.getByLabel('Paper').selectOption('a6_on_a4');
  await form.getByRole('button', { name: 'Make the PDF' }).click();
  const batch = form.locator('[data-batch]');
  await expect(batch.locator('progress')).toBeVisible();
  await expect(batch).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
  const heads = await page.locator('table[data-table="badges"] tbody tr', { hasText: 'Head of delegation' }).count();
  expect(heads).toBeGreaterThan(0);
  const href = await batch.locator('a[data-download="batch"]').getAttribute('href');
  const batchPdf = await page.request.get(href!);
  expect(batchPdf.status()).toBe(200);
  const codes = qrCodes(Buffer.from(await batchPdf.body()));
  expect(codes).toHaveLength(heads);
  for (const code of codes) expect(await verify(page, edition, code)).toBe('valid');
  // The batch is recorded, and the heads' badges show as printed.
  await expect(page.locator('ul[data-list="batches"] li').first()).toContainText(`${heads} badges`);
  await expect(
    page.locator('table[data-table="badges"] tbody tr', { hasText: 'Head of delegation' }).locator('td[data-printed="yes"]'),
  ).toHaveCount(heads);

  // A lost badge: reprinted, the old one stops passing and the new passes.
  const row = page.locator('table[data-table="badges"] tbody tr').first();
  const registration = (await row.getAttribute('data-registration'))!;
  await expect(row).toHaveAttribute('data-version', '1');
  const [oldCode] = qrCodes(await badgePdf(page, edition, registration));
  expect(await verify(page, edition, oldCode)).toBe('valid');
  page.once('dialog', (dialog) => dialog.accept());
  await row.getByRole('button', { name: 'Reprint' }).click();
  const reprinted = page.locator(`table[data-table="badges"] tbody tr[data-registration="${registration}"]`);
  await expect(reprinted).toHaveAttribute('data-version', '2');
  expect(await verify(page, edition, oldCode)).toBe('superseded');
  const [newCode] = qrCodes(await badgePdf(page, edition, registration));
  expect(newCode).not.toBe(oldCode);
  expect(await verify(page, edition, newCode)).toBe('valid');
  // The revocation list check-in devices load says so too.
  const list = await (await page.request.get(`/api/v1/editions/${edition}/badges/revocations`)).json();
  expect(list.badges).toContainEqual({ registration_id: Number(registration), valid_version: 2 });
});

test('a registrar prints badges but cannot touch the signing keys', async ({ browser }) => {
  const page = await signedIn(browser, REGISTRAR);
  await page.locator('nav[data-nav="main"]').getByRole('link', { name: 'Badges' }).click();
  await page.waitForSelector('body[data-hydrated]');
  await expect(page.locator('table[data-table="badges"]')).toBeVisible();
  await expect(page.locator('[data-action="rotate-key"]')).toHaveCount(0);
  const edition = page.url().match(/editions\/(\d+)\//)![1];
  const response = await page.request.post(`/api/v1/editions/${edition}/badges/keys`, { headers: sameOrigin() });
  expect(response.status()).toBe(403);
});
