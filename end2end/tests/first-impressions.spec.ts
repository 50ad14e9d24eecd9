import { test, expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { DELEGATE, mailTo, ORGANIZER, REGISTRAR, runTag, signedIn, signIn } from './helpers';

/** Fails on serious or critical accessibility violations (axe-core). */
async function noSeriousViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(serious, what).toEqual([]);
}

/** The page is no wider than the screen, and the header is one line. */
async function fitsThePhone(page: Page, path: string) {
  const sizes = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    view: window.innerWidth,
    header: document.querySelector('header.top')!.getBoundingClientRect().height,
  }));
  expect(sizes.scroll, `${path} scrolls sideways`).toBeLessThanOrEqual(sizes.view);
  expect(sizes.header, `${path}: the header wraps`).toBeLessThan(64);
}

test('a visitor goes from the home page to a finished registration without meeting a sign-in wall', async ({ browser }) => {
  const run = runTag();
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await phone.newPage();
  await page.goto('/');
  await page.waitForSelector('body[data-hydrated]');
  await expect(page.locator('[data-problem]')).toHaveCount(0);
  const quanzhou = page.locator('article.edition[data-edition="2027"]');
  await expect(quanzhou).toContainText('Quanzhou · 泉州');
  await expect(quanzhou).toContainText('2 November 2027 – 4 November 2027');
  await expect(quanzhou).toContainText('Quanzhou Strait Convention and Exhibition Center');
  await expect(quanzhou).toContainText('maritime Silk Road');
  await fitsThePhone(page, '/');
  await noSeriousViolations(page, 'home page');

  // The menu folds into one switch; opened, it shows a visitor's places.
  const nav = page.locator('nav[data-nav="main"]');
  await expect(nav).toBeHidden();
  await page.locator('header label.fold-toggle').click();
  await expect(nav.locator('a')).toHaveText(['Programme', 'Register', 'My registration']);
  // Following a link folds it again.
  await nav.getByRole('link', { name: 'My registration' }).click();
  await expect(page).toHaveURL(/\/my$/);
  await expect(nav).toBeHidden();
  await page.goto('/');
  await page.waitForSelector('body[data-hydrated]');

  // The programme is public.
  await quanzhou.locator('[data-action="programme"]').click();
  await expect(page).toHaveURL(/\/editions\/\d+\/programme/);
  await expect(page.locator('[data-problem]')).toHaveCount(0);
  await expect(page.getByText('Opening plenary: cities of the Silk Road')).toBeVisible();
  await fitsThePhone(page, 'programme');

  // Back home, Register, and the form is there to fill.
  await page.goto('/');
  await page.locator('article.edition[data-edition="2027"] [data-action="register"]').click();
  await expect(page).toHaveURL(/\/editions\/\d+\/register$/);
  await page.waitForSelector('body[data-hydrated]');
  await fitsThePhone(page, 'register');
  await noSeriousViolations(page, 'registration form');
  const head = page.locator('fieldset[data-person="head"]');
  await head.getByLabel('Name in native script').fill('Marco Rossi');
  await head.getByLabel('Name in Latin script').fill('Marco Rossi');
  await head.getByLabel('Position').fill('Assessore');
  await head.getByLabel('E-mail').fill(`marco.${run}@venezia.example`);
  await page.getByLabel('Member city or institution').selectOption({ label: 'Venice · Venezia' });
  await page.getByLabel('I agree').check();
  await page.getByRole('button', { name: 'Register' }).click();
  await expect(page.locator('[data-registered="1"]')).toBeVisible();
  await expect(page.locator('[data-problem]')).toHaveCount(0);
});

test("each role's menu shows its places only, and staff land on their own home", async ({ browser }) => {
  const delegate = await signedIn(browser, DELEGATE);
  await delegate.goto('/');
  await expect(delegate.locator('nav[data-nav="main"] a')).toHaveText(['Programme', 'My agenda', 'My registration']);

  const registrar = await signedIn(browser, REGISTRAR);
  await expect(registrar.locator('[data-section="your-work"]')).toContainText('Registrations');
  await expect(registrar.locator('nav[data-nav="main"] a')).toHaveText([
    'Programme', 'Registrations', 'Badges', 'Check-in', 'Members', 'Committees', 'Business Council', 'My registration',
  ]);
  // A drop-down opens on a click and closes on the way to its page.
  await registrar.waitForSelector('body[data-hydrated]');
  await registrar.locator('nav[data-nav="main"] summary', { hasText: 'Directory' }).click();
  const menu = registrar.locator('nav[data-nav="main"]');
  await expect(menu.getByRole('link', { name: 'Committees' })).toBeVisible();
  // Escape closes it, and so does a click elsewhere on the page.
  await registrar.keyboard.press('Escape');
  await expect(menu.getByRole('link', { name: 'Committees' })).toBeHidden();
  await registrar.locator('nav[data-nav="main"] summary', { hasText: 'Directory' }).click();
  await expect(menu.getByRole('link', { name: 'Committees' })).toBeVisible();
  // (Bottom left: the open drop-down may cover the page's heading.)
  const viewport = registrar.viewportSize()!;
  await registrar.mouse.click(5, viewport.height - 5);
  await expect(menu.getByRole('link', { name: 'Committees' })).toBeHidden();
  await registrar.locator('nav[data-nav="main"] summary', { hasText: 'Directory' }).click();
  await menu.getByRole('link', { name: 'Committees' }).click();
  await expect(registrar).toHaveURL(/\/committees$/);
  await expect(menu.getByRole('link', { name: 'Committees' })).toBeHidden();

  // At a 1024 px tablet, the organizer's header is one line.
  const tablet = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const organizer = await tablet.newPage();
  await signIn(organizer, ORGANIZER.email, ORGANIZER.password);
  const header = await organizer.locator('header.top').boundingBox();
  expect(header!.height).toBeLessThan(64);
  await expect(organizer.locator('nav[data-nav="main"] a')).toHaveText([
    'Programme', 'Dashboard', 'Registrations', 'Badges', 'Check-in', 'Budget', 'Agreements', 'Members', 'Committees', 'Business Council',
    'Editions', 'Staff accounts', 'Outbox', 'Audit log', 'My registration',
  ]);
  await noSeriousViolations(organizer, 'organizer home');
});

test("the dashboard's figures are the API's counts for the demo", async ({ browser }) => {
  const organizer = await signedIn(browser, ORGANIZER);
  const editions = (await (await organizer.request.get('/api/v1/editions')).json()) as { id: number; year: number }[];
  const demo = editions.find((e) => e.year === 2027)!;
  await organizer.goto(`/editions/${demo.id}`);
  await organizer.waitForSelector('body[data-hydrated]');
  const tile = (key: string) => organizer.locator(`section.tile[data-tile="${key}"]`);
  await expect(tile('registrations')).toBeVisible();

  for (const status of ['submitted', 'approved', 'waitlisted', 'declined', 'cancelled']) {
    const shown = Number(await tile('registrations').locator(`li[data-row="${status}"]`).getAttribute('data-count'));
    const response = await organizer.request.get(`/api/v1/editions/${demo.id}/registrations`, { params: { status } });
    expect(response.status()).toBe(200);
    expect(shown, status).toBe(Number(response.headers()['x-total-count']));
    expect(shown, `the demo has someone ${status}`).toBeGreaterThan(0);
  }
  const waiting = Number(await tile('review').locator('.figure').getAttribute('data-count'));
  const submitted = await organizer.request.get(`/api/v1/editions/${demo.id}/registrations`, { params: { status: 'submitted' } });
  expect(waiting).toBe(Number(submitted.headers()['x-total-count']));
  const sessions = (await (await organizer.request.get(`/api/v1/editions/${demo.id}/sessions`)).json()) as unknown[];
  const perDay = await tile('programme').locator('li[data-row="day"]').evaluateAll((rows) =>
    rows.map((r) => Number(r.getAttribute('data-count'))),
  );
  expect(perDay.reduce((a, b) => a + b, 0)).toBe(sessions.length);
  await expect(tile('conflicts').locator('[data-count-clashes]')).toHaveAttribute('data-count-clashes', '0');

  // Each figure leads to its list: the waiting ones, filtered.
  await tile('registrations').locator('li[data-row="waitlisted"] a').click();
  await expect(organizer).toHaveURL(/registrations\?status=waitlisted$/);
  await expect(organizer.locator('select[name="status"]')).toHaveValue('waitlisted');
  await expect(organizer.locator('tr[data-registration]')).toHaveCount(
    Number((await (await organizer.request.get(`/api/v1/editions/${demo.id}/registrations`, { params: { status: 'waitlisted' } })).headers())['x-total-count']),
  );
  await organizer.goto(`/editions/${demo.id}`);
  await noSeriousViolations(organizer, 'dashboard');
});

test('at 390 px no page scrolls sideways and the header stays one line', async ({ browser }) => {
  // Thirty-three pages, each staff page bringing its own module.
  test.setTimeout(180_000);
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const visitor = await phone.newPage();
  for (const path of ['/', '/login', '/my', '/editions/1/programme', '/editions/1/register']) {
    await visitor.goto(path);
    await visitor.waitForSelector('body[data-hydrated]');
    await fitsThePhone(visitor, path);
  }
  const organizer = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await signIn(organizer, ORGANIZER.email, ORGANIZER.password);
  for (const path of ['/', '/editions', '/editions/1', '/editions/1/settings', '/editions/1/registrations',
    '/editions/1/registration-settings', '/editions/1/timetable', '/members', '/committees', '/council',
    '/outbox', '/audit', '/account/tokens', '/editions/1/budget', '/editions/1/budget?tab=items',
    '/editions/1/budget?tab=setup', '/editions/1/budget?tab=history', '/editions/1/budget/items/1',
    '/agreements', '/agreements?tab=follow-up', '/agreements?tab=outcome', '/agreements?tab=plans',
    '/agreements?tab=templates', '/agreements/new', '/agreements/1',
    '/agreements/1?tab=versions', '/agreements/1?tab=particulars', '/agreements/1?tab=signing']) {
    await organizer.goto(path);
    await organizer.waitForSelector('body[data-hydrated]');
    await expect(organizer.locator('[data-problem]')).toHaveCount(0);
    await fitsThePhone(organizer, path);
  }
  // The open menu fits too, with the account and the languages in it.
  await organizer.locator('header label.fold-toggle').click();
  await expect(organizer.locator('#header-fold')).toBeVisible();
  await fitsThePhone(organizer, 'open menu');
  await noSeriousViolations(organizer, 'open menu on a phone');
});

test('an organizer invites check-in staff, who choose a password; a new role shows at once; switched off, they are out', async ({ browser }) => {
  const run = runTag();
  const desk = `desk.${run}@e2e.test`;
  const organizer = await signedIn(browser, ORGANIZER);
  await organizer.goto('/account/staff');
  await organizer.waitForSelector('body[data-hydrated]');
  const invite = organizer.locator('form[data-form="invite"]');
  await invite.getByLabel('E-mail').fill(desk);
  await invite.getByLabel('Name').fill('Front desk');
  await invite.getByLabel('Role').selectOption('checkin');
  await invite.getByRole('button', { name: 'Send the invitation' }).click();
  await expect(organizer.locator(`[data-invited="${desk}"]`)).toBeVisible();
  const row = organizer.locator(`tr[data-account="${desk}"]`);
  await expect(row).toContainText('Invited, no password yet');
  await noSeriousViolations(organizer, 'staff accounts');

  // The letter holds a single-use link to choose a password.
  const letter = await mailTo(desk, 'Your Cities Forum staff account');
  const link = letter.text.match(/https?:\/\/\S+\/account\/password\/[0-9a-f]+/)?.[0];
  expect(link).toBeTruthy();
  const tablet = await (await browser.newContext()).newPage();
  await tablet.goto(link!);
  await tablet.waitForSelector('body[data-hydrated]');
  await expect(tablet.getByRole('heading', { name: 'Welcome: choose your password' })).toBeVisible();
  await tablet.getByLabel('New password').fill('check-in desk passphrase');
  await tablet.getByLabel('The same again').fill('check-in desk, typo');
  await tablet.getByRole('button', { name: 'Save and sign in' }).click();
  await expect(tablet.locator('#again-error')).toHaveText('The two passwords differ.');
  await tablet.getByLabel('The same again').fill('check-in desk passphrase');
  await tablet.getByRole('button', { name: 'Save and sign in' }).click();
  await expect(tablet).toHaveURL(/\/$/);
  await expect(tablet.locator('nav[data-nav="main"] a')).toHaveText([
    'Programme', 'Members', 'Committees', 'Business Council', 'My registration',
  ]);
  // The link worked once.
  await tablet.goto(link!);
  await expect(tablet.locator('[data-problem="link-gone"]')).toBeVisible();

  // A new role applies to the next page.
  await organizer.reload();
  await organizer.waitForSelector('body[data-hydrated]');
  await expect(row).toContainText('Active');
  await row.locator('select[data-action="role"]').selectOption('registrar');
  await expect(row.locator('select[data-action="role"]')).toHaveValue('registrar');
  await tablet.goto('/');
  await expect(tablet.locator('nav[data-nav="main"] a')).toContainText(['Registrations']);

  // Switched off: the open session ends at once, and the password no longer works.
  await row.locator('[data-action="switch-off"]').click();
  await expect(row).toHaveAttribute('data-state', 'off');
  await tablet.goto('/');
  await expect(tablet.locator('nav[data-nav="main"] a')).toHaveText(['Programme', 'Register', 'My registration']);
  await tablet.goto('/login');
  await tablet.waitForSelector('body[data-hydrated]');
  await tablet.getByLabel('E-mail').fill(desk);
  await tablet.getByLabel('Password').fill('check-in desk passphrase');
  await tablet.getByRole('button', { name: 'Sign in' }).click();
  await expect(tablet.getByRole('alert')).toBeVisible();
  await expect(tablet).toHaveURL(/\/login$/);

  // "Forgot your password?" answers the same for any address.
  await tablet.getByRole('link', { name: 'Forgot your password?' }).click();
  await tablet.waitForSelector('body[data-hydrated]');
  await tablet.getByLabel('E-mail').fill(`nobody.${run}@e2e.test`);
  await tablet.getByRole('button', { name: 'Send the link' }).click();
  await expect(tablet.getByRole('status')).toContainText('If a staff account uses this address');
});
