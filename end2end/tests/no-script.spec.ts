import { Browser, BrowserContext, expect, Page, test } from '@playwright/test';
import {
  FINANCE,
  ORGANIZER,
  REGISTRAR,
  mails,
  runTag,
  signedIn,
} from './helpers';

// Every form a delegate or a visitor meets, and the registrar's decision
// buttons, used twice: with scripts switched off, and in the seconds
// before the page's wasm arrives (here it never does). Each posts as
// plain HTML; the result is checked through the API, that is in the
// database; nothing typed ever travels in an address.

type Mode = 'scripts off' | 'before the wasm';
const MODES: Mode[] = ['scripts off', 'before the wasm'];

async function plainContext(browser: Browser, mode: Mode): Promise<BrowserContext> {
  const context = await browser.newContext({
    javaScriptEnabled: mode !== 'scripts off',
    viewport: { width: 390, height: 844 },
  });
  if (mode === 'before the wasm') {
    await context.route(/\.wasm(\?.*)?$/, (route) => route.abort());
  }
  return context;
}

/** Records every address the page asks for, to check that nothing typed
 * was sent in one. */
function watchAddresses(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (request) => seen.push(request.url()));
  return seen;
}

async function openEdition(organizer: Page): Promise<number> {
  const response = await organizer.request.get('/api/v1/editions');
  expect(response.status()).toBe(200);
  const open = ((await response.json()) as { id: number; status: string }[]).find(
    (e) => e.status === 'registration_open',
  );
  expect(open).toBeTruthy();
  return open!.id;
}

type Registration = { id: number; email: string; status: string; name_latin: string; phone: string };

async function registrationOf(organizer: Page, editionId: number, email: string): Promise<Registration | undefined> {
  const response = await organizer.request.get(`/api/v1/editions/${editionId}/registrations`, {
    params: { q: email },
  });
  expect(response.status()).toBe(200);
  return ((await response.json()) as Registration[]).find((r) => r.email === email);
}

for (const mode of MODES) {
  test(`${mode}: a delegation registers, signs in by link, edits, books and cancels; the registrar decides`, async ({ browser }) => {
    const run = runTag();
    const mayor = `mayor.${run}@busan.example`;
    const deputy = `deputy.${run}@busan.example`;
    const organizer = await signedIn(browser, ORGANIZER);
    const editionId = await openEdition(organizer);

    const context = await plainContext(browser, mode);
    const page = await context.newPage();
    const addresses = watchAddresses(page);

    // Registration, a member added by the form's own button (a post).
    await page.goto(`/editions/${editionId}/register`);
    const head = page.locator('fieldset[data-person="head"]');
    await head.getByLabel('Name in native script').fill('박형준');
    await head.getByLabel('Name in Latin script').fill('Park Heong-joon');
    await head.getByLabel('Organization').fill('Busan Metropolitan City');
    await head.getByLabel('E-mail').fill(mayor);
    await head.getByRole('checkbox', { name: 'Korean' }).check();
    await page.getByRole('button', { name: 'Add a member' }).click();
    const members = page.locator('fieldset[data-person="member"]');
    await expect(members).toHaveCount(1);
    // What was typed before the row was added is still there.
    await expect(head.getByLabel('Name in Latin script')).toHaveValue('Park Heong-joon');
    await expect(head.getByRole('checkbox', { name: 'Korean' })).toBeChecked();
    await expect(members.nth(0).getByLabel('Organization')).toHaveValue('Busan Metropolitan City');
    await members.nth(0).getByLabel('Name in native script').fill('이수진');
    await members.nth(0).getByLabel('Name in Latin script').fill('Lee Su-jin');
    await members.nth(0).getByLabel('E-mail').fill('not an address');

    // Refused: each message beside its field, everything typed kept.
    await page.getByRole('button', { name: 'Register' }).click();
    await expect(page.getByText('Please agree to the processing of your data to register.')).toBeVisible();
    await expect(members.nth(0).locator('.field.invalid').getByLabel('E-mail')).toHaveValue('not an address');
    await expect(members.nth(0).getByLabel('Name in native script')).toHaveValue('이수진');
    await expect(head.getByLabel('E-mail')).toHaveValue(mayor);
    expect(await registrationOf(organizer, editionId, mayor)).toBeUndefined();

    await members.nth(0).getByLabel('E-mail').fill(deputy);
    await page.getByLabel('I agree').check();
    await page.getByRole('button', { name: 'Register' }).click();
    await expect(page.locator('[data-registered="2"]')).toBeVisible();
    const registered = await registrationOf(organizer, editionId, mayor);
    expect(registered?.name_latin).toBe('Park Heong-joon');
    expect(await registrationOf(organizer, editionId, deputy)).toBeTruthy();

    // The registrar approves the mayor from the review queue, as plain HTML too.
    const desk = await plainContext(browser, mode);
    const registrar = await desk.newPage();
    await registrar.goto('/login');
    await registrar.getByLabel('E-mail').fill(REGISTRAR.email);
    await registrar.getByLabel('Password').fill('not the password');
    await registrar.getByRole('button', { name: 'Sign in' }).click();
    await expect(registrar.getByText('The e-mail or the password is wrong.')).toBeVisible();
    await expect(registrar.getByLabel('E-mail')).toHaveValue(REGISTRAR.email);
    await expect(registrar.getByLabel('Password')).toHaveValue('');
    await registrar.getByLabel('Password').fill(REGISTRAR.password);
    await registrar.getByRole('button', { name: 'Sign in' }).click();
    await expect(registrar).toHaveURL(/\/$/);
    // The queue's own filters, as the dashboard links to them: the mayor
    // heads a delegation and waits for review.
    await registrar.goto(`/editions/${editionId}/registrations?status=submitted&category=head_of_delegation`);
    const row = registrar.locator(`tr[data-registration="${mayor}"]`);
    await expect(row).toHaveCount(1);
    await row.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(async () => (await registrationOf(organizer, editionId, mayor))?.status).toBe('approved');
    await desk.close();

    // "Send me a link", then the link's one button.
    await page.goto('/my');
    await page.getByLabel('E-mail').fill(mayor);
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await expect(page.getByText('If this address is registered, a link is on its way.')).toBeVisible();
    let link: string | undefined;
    await expect
      .poll(() => {
        link = mails()
          .filter((m) => m.envelope_to.includes(mayor))
          .map((m) => m.text.match(/https?:\/\/\S+\/my\/link\/\S+/)?.[0])
          .filter(Boolean)
          .pop();
        return Boolean(link);
      }, { timeout: 20_000 })
      .toBe(true);
    expect(link).toBeTruthy();
    await page.goto(new URL(link!).pathname);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/my$/);

    // The delegate's own page: an edit refused, then saved.
    const own = page.locator(`[data-person="${mayor}"]`);
    await own.locator('summary[data-action="edit"]').click();
    await own.getByLabel('Phone, with country code').fill('12');
    await own.getByRole('button', { name: 'Save' }).click();
    const refused = page.locator(`[data-person="${mayor}"]`);
    await expect(refused.locator('.field.invalid').getByLabel('Phone, with country code')).toHaveValue('12');
    await refused.getByLabel('Phone, with country code').fill('+82 51 888 1234');
    await refused.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Saved.')).toBeVisible();
    await expect.poll(async () => (await registrationOf(organizer, editionId, mayor))?.phone).toBe('+82 51-888-1234');

    // The programme: a session booked and unbooked.
    const sessions = await organizer.request.get(`/api/v1/editions/${editionId}/sessions`);
    const bookable = ((await sessions.json()) as { id: number; status: string; invitation_only: boolean }[]).filter(
      (s) => s.status === 'published' && !s.invitation_only,
    );
    expect(bookable.length).toBeGreaterThan(0);
    await page.goto(`/editions/${editionId}/programme?day=all`);
    const card = page.locator(`article[data-session="${bookable[0].id}"]`);
    await card.getByRole('button', { name: 'Add to my agenda' }).click();
    await expect(page.locator(`article[data-session="${bookable[0].id}"]`).getByRole('button', { name: 'Remove from my agenda' })).toBeVisible();
    const agenda = await page.request.get(`/api/v1/editions/${editionId}/agenda`);
    expect(((await agenda.json()) as { booked: number[] }).booked).toContain(bookable[0].id);
    await page.locator(`article[data-session="${bookable[0].id}"]`).getByRole('button', { name: 'Remove from my agenda' }).click();
    await expect(page.locator(`article[data-session="${bookable[0].id}"]`).getByRole('button', { name: 'Add to my agenda' })).toBeVisible();

    // Cancelling the member of the delegation.
    await page.goto('/my');
    await page.locator(`[data-person="${deputy}"]`).getByRole('button', { name: 'Cancel registration' }).click();
    await expect.poll(async () => (await registrationOf(organizer, editionId, deputy))?.status).toBe('cancelled');

    // Nothing typed ever went into an address.
    for (const typed of [mayor, deputy, 'Park', '박형준', '+82']) {
      expect(addresses.filter((url) => url.includes(encodeURIComponent(typed)) || url.includes(typed))).toEqual([]);
    }
    await context.close();
    await organizer.context().close();
  });

  test(`${mode}: a staff member asks for a password link and chooses a password`, async ({ browser }) => {
    const context = await plainContext(browser, mode);
    const page = await context.newPage();
    const linksTo = () =>
      mails()
        .filter((m) => m.envelope_to.includes(FINANCE.email))
        .map((m) => m.text.match(/https?:\/\/\S+\/account\/password\/\S+/)?.[0])
        .filter((found): found is string => Boolean(found));
    const earlier = linksTo().length;
    await page.goto('/account/reset');
    await page.getByLabel('E-mail').fill(FINANCE.email);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await expect(page.getByText('If a staff account uses this address, a link is on its way.')).toBeVisible();
    await expect.poll(() => linksTo().length, { timeout: 20_000 }).toBeGreaterThan(earlier);
    await page.goto(new URL(linksTo().pop()!).pathname);
    await page.getByLabel('New password').fill(FINANCE.password);
    await page.getByLabel('The same again').fill('something else entirely');
    await page.getByRole('button', { name: 'Save and sign in' }).click();
    await expect(page.locator('.field.invalid')).toHaveCount(1);
    // Passwords are never written back into the page.
    await expect(page.getByLabel('New password')).toHaveValue('');
    await page.getByLabel('New password').fill(FINANCE.password);
    await page.getByLabel('The same again').fill(FINANCE.password);
    await page.getByRole('button', { name: 'Save and sign in' }).click();
    await expect(page).toHaveURL(/\/$/);
    // Signed in: the header names the account.
    await expect(page.locator(`[data-user="${FINANCE.email}"]`)).toHaveCount(1);
    await context.close();
  });

  test(`${mode}: the phone's Menu opens, its links are followed and its language switch works`, async ({ browser }) => {
    const context = await plainContext(browser, mode);
    const page = await context.newPage();
    await page.goto('/');
    const nav = page.locator('nav[data-nav="main"]');
    await expect(nav).toBeHidden();
    await page.locator('header label.fold-toggle').click();
    await expect(nav).toBeVisible();
    await nav.getByRole('link', { name: 'My registration' }).click();
    await expect(page).toHaveURL(/\/my$/);
    // The language switch posts the choice; the page comes back in it.
    await page.locator('header label.fold-toggle').click();
    await page.getByRole('button', { name: '中文' }).click();
    await expect(page).toHaveURL(/\/my$/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh');
    await context.close();
  });
}
