import { test, expect } from '@playwright/test';
import { DELEGATE, freeYear, ORGANIZER, runTag, sameOrigin, signIn } from './helpers';

test.beforeEach(async ({ page }) => {
  page.on('console', (msg) => {
    if (msg.type() === 'error') console.log(`browser console: ${msg.text()}`);
  });
});

test('an organizer creates an edition, sees it listed, and switches to Chinese', async ({ page }) => {
  await signIn(page, ORGANIZER.email, ORGANIZER.password);
  await page.goto('/editions');
  // The demo edition is there from the first start.
  await expect(page.locator('tr[data-edition="2027"]')).toBeVisible();

  // A year no edition has yet, so that the journey runs again on the same
  // database.
  const year = String(await freeYear(page.request));
  await page.getByRole('link', { name: 'New edition' }).click();
  await expect(page).toHaveURL(/\/editions\/new$/);
  // The click may come before the list page hydrated (a whole page load);
  // the form is the script's once the page and its module are in.
  await page.waitForSelector('body[data-hydrated]');
  await page.getByLabel('Year').fill(year);
  await page.getByLabel('Title').fill(`Cities Forum ${year} · Lisbon`);
  await page.getByLabel('Host city').selectOption({ label: 'Lisbon · Lisboa' });
  await page.getByLabel('Venue').fill('Centro de Congressos de Lisboa');
  await page.getByLabel('First day').fill(`${year}-05-12`);
  await page.getByLabel('Last day').fill(`${year}-05-14`);
  await page.getByLabel('Time zone').fill('Europe/Lisbon');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveURL(/\/editions\/\d+$/);
  await expect(page.getByRole('heading', { name: `Cities Forum ${year} · Lisbon` })).toBeVisible();

  await page.waitForSelector('body[data-hydrated]');
  await page.locator('nav[data-nav="main"] summary', { hasText: 'Administration' }).click();
  await page.getByRole('link', { name: 'Editions', exact: true }).click();
  const row = page.locator(`tr[data-edition="${year}"]`);
  await expect(row).toContainText('Lisbon');
  await expect(row).toContainText(`${year}-05-12 – ${year}-05-14`);
  await expect(row).toContainText('Europe/Lisbon');

  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.getByRole('heading', { name: '论坛届次' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');

  // The choice is remembered: the server renders the next page in Chinese.
  const response = await page.request.get('/editions');
  expect(await response.text()).toContain('论坛届次');
  await page.reload();
  await expect(page.getByRole('heading', { name: '论坛届次' })).toBeVisible();
  await expect(row).toContainText('筹备中');
});

test('a delegate is refused the organizer pages', async ({ page }) => {
  // A visitor's menu holds only what a visitor can use.
  await page.goto('/my');
  await expect(page.locator('nav[data-nav="main"] a')).toHaveText(['Programme', 'Register', 'My registration']);
  await signIn(page, DELEGATE.email, DELEGATE.password);
  // The delegate's menu: their places only, nothing that ends at a wall.
  await page.goto('/my');
  await expect(page.locator('nav[data-nav="main"] a')).toHaveText(['Programme', 'My agenda', 'My registration']);
  for (const path of ['/editions/new', '/members', '/committees', '/council']) {
    await page.goto(path);
    await expect(page.locator('[data-problem="forbidden"]')).toBeVisible();
    await expect(page.locator('form[data-form]')).toHaveCount(0);
  }
  // The server refuses too, whatever the page shows, and saves nothing.
  const year = await freeYear(page.request);
  const title = `Forum ${year} · refused ${runTag()}`;
  const response = await page.request.post('/api/editions/save', {
    form: {
      'form[year]': `${year}`,
      'form[title]': title,
      'form[host_city_id]': '1',
      'form[venue]': 'Hall',
      'form[start_date]': `${year}-05-01`,
      'form[end_date]': `${year}-05-02`,
      'form[time_zone]': 'UTC',
      'form[status]': 'planning',
    },
    headers: sameOrigin(),
  });
  expect(response.status()).toBe(403);
  const editions = await page.request.get('/api/v1/editions');
  expect(editions.status()).toBe(200);
  expect((await editions.json()).map((e: { title: string }) => e.title)).not.toContain(title);
});

test('a bad date range shows a message and keeps the form', async ({ page }) => {
  await signIn(page, ORGANIZER.email, ORGANIZER.password);
  const year = String(await freeYear(page.request));
  await page.goto('/editions/new');
  await page.waitForSelector('body[data-hydrated]');
  await page.getByLabel('Year').fill(year);
  await page.getByLabel('Title').fill(`Cities Forum ${year} · Mombasa`);
  await page.getByLabel('Host city').selectOption({ label: 'Mombasa · Mombasa' });
  await page.getByLabel('Venue').fill('Mombasa Convention Hall');
  await page.getByLabel('First day').fill(`${year}-09-20`);
  await page.getByLabel('Last day').fill(`${year}-09-18`);
  await page.getByLabel('Time zone').fill('Africa/Nairobi');
  await page.getByRole('button', { name: 'Save' }).click();

  await expect(page.locator('#end_date-error')).toHaveText('The last day cannot be before the first day.');
  // A screen reader reads the message with the field, and hears it come.
  await expect(page.locator('#end_date-error')).toHaveAttribute('role', 'alert');
  await expect(page.getByLabel('Last day')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Last day')).toHaveAccessibleDescription('The last day cannot be before the first day.');
  await expect(page.getByLabel('First day')).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveURL(/\/editions\/new$/);
  await expect(page.getByLabel('Title')).toHaveValue(`Cities Forum ${year} · Mombasa`);
  await expect(page.getByLabel('Venue')).toHaveValue('Mombasa Convention Hall');
  await expect(page.getByLabel('First day')).toHaveValue(`${year}-09-20`);
  await expect(page.getByLabel('Last day')).toHaveValue(`${year}-09-18`);

  // Fixing the date saves it.
  await page.getByLabel('Last day').fill(`${year}-09-22`);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveURL(/\/editions\/\d+$/);
});

test('the keyboard skips to the content and every stop shows a ring', async ({ page }) => {
  await page.goto('/');
  await page.waitForSelector('body[data-hydrated]');
  // The first Tab reaches the skip link, which then comes into view.
  await page.keyboard.press('Tab');
  const skip = page.locator('a.skip');
  await expect(skip).toBeFocused();
  const box = await skip.boundingBox();
  expect(box && box.y >= 0, 'the focused skip link is on screen').toBe(true);
  // Enter moves the keyboard past the menus, to the page itself.
  await page.keyboard.press('Enter');
  await expect(page.locator('main#content')).toBeFocused();
  // The next stops are the page's own controls (its links and buttons,
  // up to four), each with a visible ring.
  let inMain = 0;
  for (let stop = 0; stop < 4; stop++) {
    await page.keyboard.press('Tab');
    const ring = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const style = getComputedStyle(el);
      return { inMain: !!el.closest('main'), outline: style.outlineStyle, width: parseFloat(style.outlineWidth), what: el.outerHTML.slice(0, 120) };
    });
    // Past the page's last control the keyboard leaves the page.
    if (!ring.inMain) break;
    inMain += 1;
    expect(ring.outline, ring.what).not.toBe('none');
    expect(ring.width, ring.what).toBeGreaterThanOrEqual(2);
  }
  expect(inMain).toBeGreaterThanOrEqual(2);
});

test('an organizer writes the edition in Spanish and a Spanish reader reads it so', async ({ browser }) => {
  const organizer = await browser.newPage();
  await signIn(organizer, ORGANIZER.email, ORGANIZER.password);
  await organizer.goto('/editions/1/settings');
  await organizer.waitForSelector('body[data-hydrated]');
  const spanish = organizer.locator('details[data-texts="es"]');
  await spanish.locator('summary').click();
  // Typed right to left in Arabic, left to right here.
  await expect(organizer.locator('details[data-texts="ar"] input[name="title"]')).toHaveAttribute('dir', 'rtl');
  await spanish.getByLabel('Title').fill('Foro de Ciudades 2027 · Quanzhou');
  const saved = organizer.waitForResponse((r) => r.url().endsWith('/api/editions/save_text'));
  await spanish.getByRole('button', { name: 'Save' }).click();
  expect((await saved).status()).toBe(200);
  await expect(spanish.locator('.banner.ok')).toBeVisible();

  const context = await browser.newContext();
  const { hostname } = new URL(test.info().project.use.baseURL!);
  await context.addCookies([{ name: 'i18n_pref_locale', value: 'es', domain: hostname, path: '/' }]);
  const reader = await context.newPage();
  await reader.goto('/');
  const heading = reader.locator('article[data-edition="2027"] h2');
  await expect(heading).toHaveText('Foro de Ciudades 2027 · Quanzhou');
  await expect(heading).toHaveAttribute('lang', 'es');
  await context.close();

  // Emptied again: Spanish readers read the English title.
  await spanish.getByLabel('Title').fill('');
  const emptied = organizer.waitForResponse((r) => r.url().endsWith('/api/editions/save_text'));
  await spanish.getByRole('button', { name: 'Save' }).click();
  expect((await emptied).status()).toBe(200);
  await organizer.close();
});

test('a room named in Russian reads so on the Russian programme, and an organizer names another', async ({ browser }) => {
  // The demo names its rooms in the six languages: a Russian reader of
  // the public programme reads the Russian ones.
  const context = await browser.newContext();
  const { hostname } = new URL(test.info().project.use.baseURL!);
  await context.addCookies([{ name: 'i18n_pref_locale', value: 'ru', domain: hostname, path: '/' }]);
  const reader = await context.newPage();
  await reader.goto('/editions/1/programme?day=all');
  await expect(reader.locator('article.session').filter({ hasText: 'Пленарный зал' }).first()).toBeVisible();
  await expect(reader.locator('article.session').filter({ hasText: 'Plenary Hall' })).toHaveCount(0);
  await context.close();

  // A room without them: the organizer writes its Russian name under its
  // English one, typed left to right (right to left for Arabic).
  const organizer = await browser.newPage();
  await signIn(organizer, ORGANIZER.email, ORGANIZER.password);
  await organizer.goto('/editions/1/settings');
  await organizer.waitForSelector('body[data-hydrated]');
  const row = organizer.locator('table[data-table="rooms"] tr', { hasText: 'Bilateral Room A' });
  const names = row.locator('details.other-names');
  await names.locator('summary').click();
  await expect(names.getByLabel('العربية')).toHaveAttribute('dir', 'rtl');
  await names.getByLabel('Русский').fill('Зал двусторонних встреч A');
  const saved = organizer.waitForResponse((r) => r.url().endsWith('/api/editions/save_room_names'));
  await names.getByRole('button', { name: 'Save' }).click();
  expect((await saved).status()).toBe(200);
  await expect(names.locator('.banner.ok')).toBeVisible();
  await expect(names.locator('summary')).toContainText('(ru)');
  // Kept: read back after a reload, then emptied again.
  await organizer.reload();
  await organizer.waitForSelector('body[data-hydrated]');
  const again = organizer.locator('table[data-table="rooms"] tr', { hasText: 'Bilateral Room A' }).locator('details.other-names');
  await again.locator('summary').click();
  await expect(again.getByLabel('Русский')).toHaveValue('Зал двусторонних встреч A');
  await again.getByLabel('Русский').fill('');
  const emptied = organizer.waitForResponse((r) => r.url().endsWith('/api/editions/save_room_names'));
  await again.getByRole('button', { name: 'Save' }).click();
  expect((await emptied).status()).toBe(200);
  await organizer.close();
});
