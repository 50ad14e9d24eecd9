import { test, expect, Page } from '@playwright/test';
import { createEdition, Edition, mailTo, openRegistrationWindow, ORGANIZER, REGISTRAR, runTag, signedIn, signIn } from './helpers';

/** An edition of the journey's own in Quanzhou, open for registration
 * (status and window), made by an organizer. */
async function registrationEdition(organizer: Page, run: string): Promise<Edition> {
  const edition = await createEdition(organizer, {
    title: (year) => `Cities Forum ${year} · Quanzhou (registration ${run})`,
    hostCity: 'Quanzhou',
    venue: 'Quanzhou Strait Convention and Exhibition Center',
    days: ['11-02', '11-04'],
    timeZone: 'Asia/Shanghai',
    status: 'registration_open',
  });
  await openRegistrationWindow(organizer, edition.id);
  return edition;
}

test('a mayor registers a delegation, the registrar approves, the mayor edits a member from the link', async ({ browser }) => {
  const run = runTag();
  const mayor = `li.hua.${run}@quanzhou.example`;
  const organizer = await signedIn(browser, ORGANIZER);
  const edition = await registrationEdition(organizer, run);

  // The public form, on a phone-sized screen, without an account.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await phone.newPage();
  await page.goto(`/editions/${edition.id}/register`);
  await page.waitForSelector('body[data-hydrated]');
  const head = page.locator('fieldset[data-person="head"]');
  await head.getByLabel('Name in native script').fill('李华');
  await head.getByLabel('Name in Latin script').fill('Li Hua');
  await head.getByLabel('Honorific').fill('H.E.');
  await head.getByLabel('Position').fill('Mayor');
  await head.getByLabel('Organization').fill('泉州市人民政府');
  await head.getByLabel('E-mail').fill(mayor);
  // Languages are ticked by name and stored as codes.
  await head.getByRole('checkbox', { name: 'Chinese' }).check();
  await head.getByRole('checkbox', { name: 'English' }).check();
  await page.getByLabel('Member city or institution').selectOption({ label: 'Quanzhou · 泉州' });

  await page.getByRole('button', { name: 'Add a member' }).click();
  await page.getByRole('button', { name: 'Add a member' }).click();
  const members = page.locator('fieldset[data-person="member"]');
  await members.nth(0).getByLabel('Name in native script').fill('陈静');
  await members.nth(0).getByLabel('Name in Latin script').fill('Chen Jing');
  await members.nth(0).getByLabel('E-mail').fill(`chen.${run}@quanzhou.example`);
  await members.nth(1).getByLabel('Name in native script').fill('王芳');
  await members.nth(1).getByLabel('Name in Latin script').fill('Wang Fang');
  await members.nth(1).getByLabel('E-mail').fill(`wang.${run}@quanzhou.example`);
  await members.nth(1).getByLabel('Category').selectOption('speaker');

  // Without consent: a message beside the box, and nothing typed is lost.
  await page.getByRole('button', { name: 'Register' }).click();
  await expect(page.getByText('Please agree to the processing of your data to register.')).toBeVisible();
  await expect(members.nth(1).getByLabel('Name in Latin script')).toHaveValue('Wang Fang');
  await page.getByLabel('I agree').check();
  await page.getByRole('button', { name: 'Register' }).click();
  await expect(page.locator('[data-registered="3"]')).toBeVisible();

  // The confirmation reaches the SMTP server, in Chinese with the native name.
  const received = await mailTo(mayor, '注册已收到');
  expect(received.text).toContain('尊敬的H.E. 李华');
  expect(received.to).toContain('Li Hua');

  // A registrar finds the mayor without typing accents or case, and approves.
  const desk = await browser.newContext();
  const registrar = await desk.newPage();
  await signIn(registrar, REGISTRAR.email, REGISTRAR.password);
  await registrar.goto(`/editions/${edition.id}/registrations`);
  await registrar.waitForSelector('body[data-hydrated]');
  // A registrar's menu: the places a registrar may use, no outbox or audit.
  await expect(registrar.locator('nav[data-nav="main"] a')).toHaveText([
    'Programme', 'Registrations', 'Badges', 'Check-in', 'Members', 'Committees', 'Business Council', 'My registration',
  ]);
  await registrar.getByRole('searchbox').fill('li hua');
  const row = registrar.locator(`tr[data-registration="${mayor}"]`);
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: 'Approve' }).click();
  await expect(row.locator('.status')).toHaveText('Approved');

  // The decision arrives, with the link to the mayor's own page.
  const decision = await mailTo(mayor, '注册已获批准');
  const link = decision.text.match(/https?:\/\/\S+\/my\/link\/\S+/)?.[0];
  expect(link).toBeTruthy();

  // The mayor opens the link: a page with one button (opening a link
  // signs nobody in), then edits a member of the delegation.
  const path = new URL(link!).pathname;
  await page.goto(path);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/my$/);
  await page.waitForSelector('body[data-hydrated]');
  const own = page.locator(`[data-person="${mayor}"]`);
  await expect(own.locator('[data-status]')).toHaveText('Approved');
  const chen = page.locator(`[data-person="chen.${run}@quanzhou.example"]`);
  await chen.locator('summary[data-action="edit"]').click();
  await chen.getByLabel('Name in Latin script').fill('Chen Jingjing');
  await chen.getByLabel('Dietary needs').fill('Vegetarian');
  await chen.getByRole('button', { name: 'Save' }).click();
  await expect(chen.getByText('Saved.')).toBeVisible();
  await page.reload();
  await expect(page.locator(`[data-person="chen.${run}@quanzhou.example"]`)).toContainText('Chen Jingjing');
  await phone.close();
  await desk.close();
  await organizer.context().close();
});

test('a registrar imports invited delegates from a CSV file: a bad line blocks all, the fixed file goes in', async ({ browser, page }) => {
  const run = runTag();
  const organizer = await signedIn(browser, ORGANIZER);
  const edition = await registrationEdition(organizer, run);
  await organizer.context().close();

  await signIn(page, REGISTRAR.email, REGISTRAR.password);
  await page.goto(`/editions/${edition.id}/registrations`);
  await page.waitForSelector('body[data-hydrated]');
  const header = 'name_latin,name_native,email,category,member\n';
  const good = `Ahmed Hassan,أحمد حسن,ahmed.${run}@alex.example,delegate,Alexandria\n`;
  const bad = `Nobody,,not-an-email,delegate,Atlantis\n`;
  const file = (body: string) => ({ name: 'invited.csv', mimeType: 'text/csv', buffer: Buffer.from(header + body) });

  await page.getByLabel('CSV file').setInputFiles(file(good + bad));
  await expect(page.getByLabel('Import invited delegates')).toHaveValue(header + good + bad);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const errors = page.locator('[data-import-errors]');
  await expect(errors).toContainText('Line 3 email: Enter an e-mail address');
  await expect(errors).toContainText('Line 3 member: Choose an existing member.');
  await page.getByRole('searchbox').fill(`ahmed.${run}`);
  await expect(page.getByText('No registrations match.')).toBeVisible();

  await page.getByLabel('CSV file').setInputFiles(file(good));
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText('Imported: 1')).toBeVisible();
  const row = page.locator(`tr[data-registration="ahmed.${run}@alex.example"]`);
  await expect(row.locator('.status')).toHaveText('Approved');
  await expect(row).toContainText('أحمد حسن');
  await expect(row).toContainText('Alexandria');
});
