import { test, expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { COORDINATOR, REGISTRAR, mails, mailTo, runTag, signedIn } from './helpers';

// A follow-up coordinator's year in a browser: an economic cooperation
// agreement between Quanzhou and Busan drafted from the standard template
// (a placeholder left out is told beside it), revised, the two versions
// compared word by word, the signatories named, marked ready to sign, the
// signing recorded at the Forum, two activities planned, one of them
// already late: its owner's reminder reaches the SMTP server, once. The
// owner's contact signs in with the reminder's link and reports progress.

async function noSeriousViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), what).toEqual([]);
}

async function hydrated(page: Page, path: string) {
  await page.goto(path);
  await page.waitForSelector('body[data-hydrated]');
}

function day(offset: number): string {
  const d = new Date(Date.now() + offset * 86_400_000);
  return d.toISOString().slice(0, 10);
}

test('an agreement is drafted, revised, compared, signed and followed up', async ({ browser }) => {
  const run = runTag();
  const title = `Port logistics cooperation ${run}`;
  const contact = `busan-${run}@e2e.test`;
  const coordinator = await signedIn(browser, COORDINATOR);
  await expect(coordinator.locator('nav[data-nav="main"] a', { hasText: 'Agreements' })).toBeVisible();

  // Draft from the template.
  await hydrated(coordinator, '/agreements/new');
  await coordinator.getByLabel('Template').selectOption({ label: 'Economic cooperation agreement' });
  await coordinator.getByLabel('Title', { exact: true }).fill(title);
  await coordinator.locator('#draft-edition').selectOption({ label: 'Cities Forum 2027 · Quanzhou' });
  await coordinator.locator('#party-0-who').selectOption({ label: 'Quanzhou (泉州)' });
  await coordinator.locator('#party-1-who').selectOption({ label: 'Busan (釜山)' });
  await coordinator.locator('#party-1-contact').fill('Kim Min-jun');
  await coordinator.locator('#party-1-email').fill(contact);
  await coordinator.locator('#value-first').selectOption('1');
  await coordinator.locator('#value-second').selectOption('2');
  await coordinator.locator('#value-project').fill('a joint port logistics study');
  await coordinator.locator('#value-contribution').fill('CNY 500000');
  await coordinator.locator('#value-deadline').fill('2027-03-01');
  await coordinator.locator('#value-start').fill('2027-11-03');
  // The term is left out: told beside it, nothing lost.
  await coordinator.getByRole('button', { name: 'Create the draft' }).click();
  await expect(coordinator.locator('#value-term-error')).toContainText('required');
  await expect(coordinator.locator('#value-project')).toHaveValue('a joint port logistics study');
  await expect(coordinator).toHaveURL(/\/agreements\/new$/);
  await coordinator.locator('#value-term').fill('five years');
  await coordinator.getByRole('button', { name: 'Create the draft' }).click();
  await expect(coordinator).toHaveURL(/\/agreements\/\d+$/);
  const id = coordinator.url().match(/\/agreements\/(\d+)$/)![1];
  await coordinator.waitForSelector('body[data-hydrated]');
  await expect(coordinator.locator('[data-agreement-title]')).toHaveText(title);
  const projectClause = coordinator.locator('#clause-1-a-body');
  // The first party's name in both columns: Latin, then native.
  await expect(coordinator.locator('#clause-0-b-body')).toHaveValue(/泉州与釜山/);
  await expect(projectClause).toHaveValue(/The Parties cooperate on a joint port logistics study and each contributes CNY 500,000.00 to it by 1 March 2027/);
  await expect(coordinator.locator('#clause-1-b-body')).toHaveValue(/于2027年3月1日前出资CNY 500,000.00/);
  await noSeriousViolations(coordinator, 'the agreement text');

  // Revise: a word added, saved as version 2.
  const text = await projectClause.inputValue();
  await projectClause.fill(text.replace('joint port', 'joint sea port'));
  await coordinator.locator('#text-note').fill('Busan asked for the sea port');
  await coordinator.getByRole('button', { name: 'Save as a new version' }).click();
  await expect(coordinator.getByText('Version 2', { exact: true })).toBeVisible();

  // Compare version 1 with version 2.
  await hydrated(coordinator, `/agreements/${id}?tab=versions`);
  await expect(coordinator.locator('table[data-table="versions"] tbody tr')).toHaveCount(2);
  await coordinator.getByRole('button', { name: 'Compare the two versions' }).click();
  const comparison = coordinator.locator('[data-section="comparison"]');
  await expect(comparison).toContainText('1 words added, 0 removed');
  await expect(comparison.locator('[data-diff="a"] ins')).toHaveText(/sea/);
  await noSeriousViolations(coordinator, 'the comparison');

  // Name the signatories, then mark it ready to sign.
  await hydrated(coordinator, `/agreements/${id}?tab=particulars`);
  await coordinator.locator('#party-0-signatory').fill('蔡明');
  await coordinator.locator('#party-0-title').fill('Mayor of Quanzhou');
  await coordinator.locator('#party-1-signatory').fill('박형준');
  await coordinator.locator('#party-1-title').fill('Mayor of Busan');
  // Saved, and the agreement read again (its version moved on).
  const saved = coordinator.waitForResponse((r) => r.url().endsWith('/api/agreements/particulars') && r.ok());
  const reread = coordinator.waitForResponse((r) => r.url().endsWith('/api/agreements/one') && r.ok());
  await coordinator.getByRole('button', { name: 'Save', exact: true }).click();
  await saved;
  await reread;
  await expect(coordinator.locator('#party-1-signatory')).toHaveValue('박형준');
  await coordinator.locator('[data-move="ready_to_sign"]').click();
  await expect(coordinator.locator('.badge[data-status="ready_to_sign"]')).toBeVisible();

  // Record the signing at the Forum: the text freezes.
  await hydrated(coordinator, `/agreements/${id}?tab=signing`);
  await coordinator.locator('#sign-day').fill('2027-11-03');
  await coordinator.locator('#sign-place').fill('Quanzhou Strait Convention and Exhibition Center');
  await coordinator.getByRole('button', { name: 'Record the signing' }).click();
  await expect(coordinator.locator('[data-section="signing-record"]')).toContainText('박형준');
  await expect(coordinator.locator('.badge[data-status="signed"]')).toBeVisible();
  await hydrated(coordinator, `/agreements/${id}?tab=text`);
  await expect(coordinator.locator('[data-section="text"]')).toContainText('The text is frozen');
  await expect(coordinator.locator('textarea')).toHaveCount(0);

  // Two activities; one was due yesterday.
  await hydrated(coordinator, `/agreements/${id}?tab=activities`);
  const form = coordinator.locator('form[data-form="activity"]');
  await form.getByLabel('Title').fill('Feasibility study');
  await form.getByLabel('Owner').selectOption({ label: 'Busan' });
  await form.getByLabel('Due on').fill(day(60));
  await form.getByRole('button', { name: 'Add an activity' }).click();
  await expect(coordinator.locator('article[data-activity]')).toHaveCount(1);
  await form.getByLabel('Title').fill(`Port visit ${run}`);
  await form.getByLabel('Owner').selectOption({ label: 'Busan' });
  await form.getByLabel('Due on').fill(day(-1));
  await form.getByRole('button', { name: 'Add an activity' }).click();
  await expect(coordinator.locator('article[data-activity]')).toHaveCount(2);
  await expect(coordinator.locator('article[data-overdue="true"]')).toContainText(`Port visit ${run}`);
  await expect(coordinator.locator('article[data-overdue="true"] [data-badge="overdue"]')).toBeVisible();

  // The overdue activity's reminder reaches the SMTP server, once.
  const reminder = await mailTo(contact, 'Overdue: ');
  expect(reminder.subject).toBe(`Overdue: Port visit ${run}`);
  expect(reminder.text).toContain(title);
  // Several rounds of the reminder loop later, still one.
  await coordinator.waitForTimeout(5_000);
  expect(mails().filter((m) => m.envelope_to.includes(contact) && m.subject.startsWith('Overdue')).length).toBe(1);
  // The activity due in 60 days has none yet.
  expect(mails().filter((m) => m.envelope_to.includes(contact) && m.subject.includes('Feasibility')).length).toBe(0);

  // The dashboard lists it as overdue.
  await hydrated(coordinator, '/agreements?tab=follow-up');
  await expect(coordinator.locator('table[data-table="overdue"]')).toContainText(`Port visit ${run}`);
  await noSeriousViolations(coordinator, 'the follow-up dashboard');

  // The edition's outcome: our agreement signed there, and the demo's
  // agreement waiting at its signing ceremony.
  await hydrated(coordinator, '/agreements?tab=outcome');
  await coordinator.locator('select[data-filter="edition"]').selectOption({ label: 'Cities Forum 2027 · Quanzhou' });
  await expect(coordinator.locator('table[data-table="outcome"]')).toContainText(title);
  await expect(coordinator.locator('[data-section="ceremony"]')).toContainText('Quanzhou–Busan port logistics cooperation');
  await expect(coordinator.locator('a[data-action="outcome-csv"]')).toBeVisible();
  await noSeriousViolations(coordinator, 'the outcome report');

  // Busan's contact follows the reminder's link and reports progress.
  const link = reminder.text.match(/https?:\/\/\S+\/my\/link\/[0-9a-f]+/)![0];
  const owner = await browser.newPage();
  await owner.goto(new URL(link).pathname);
  await owner.waitForSelector('body[data-hydrated]');
  await owner.getByRole('button').filter({ hasText: /sign in/i }).first().click();
  await expect(owner).toHaveURL(/\/my/);
  await hydrated(owner, '/my/follow-up');
  const visit = owner.locator('article[data-activity]', { hasText: `Port visit ${run}` });
  await expect(visit).toBeVisible();
  await visit.getByLabel('Progress note').fill('The delegation visited the port on Monday.');
  await visit.getByLabel('Link to the evidence').fill('https://busan.example/visit-report.pdf');
  await visit.getByLabel('Status').selectOption({ label: 'Done' });
  await visit.getByRole('button', { name: 'Add the note' }).click();
  await expect(owner.locator('article[data-activity][data-activity-status="done"]')).toContainText('The delegation visited the port');
  // Nothing else of the agreements is theirs.
  await hydrated(owner, `/agreements/${id}`);
  await expect(owner.getByText(/may not open this page|sign in/i).first()).toBeVisible();

  // A registrar has no agreements.
  const registrar = await signedIn(browser, REGISTRAR);
  await expect(registrar.locator('nav[data-nav="main"] a', { hasText: 'Agreements' })).toHaveCount(0);
});

// A template's clauses in more languages: a new template gains a French
// text (a placeholder lost is told beside the clause, the typed text
// stays), and the standard memorandum is drafted in French and Arabic,
// each column in its language and direction.
test('a template speaks more languages and a draft pairs any two', async ({ browser }) => {
  const run = runTag();
  const coordinator = await signedIn(browser, COORDINATOR);
  await hydrated(coordinator, '/agreements?tab=templates');
  await coordinator.locator('[data-action="new-template"]').click();
  const form = coordinator.locator('form[data-form="template"]');
  await form.locator('#template-name').fill(`Port twinning ${run}`);
  await form.locator('#clause-0-a-body').fill('{{party:first}} and {{party:second}} twin their ports.');
  await form.locator('#clause-0-b-body').fill('{{party:first}}与{{party:second}}港口结好。');
  await form.locator('#translation-add').selectOption({ label: 'French' });
  await form.locator('[data-action="add-translation"]').click();
  const french = form.locator('#translation-fr-0-body');
  await french.fill('{{party:first}} et leur port sont jumelés.');
  await form.locator('[data-action="save-template"]').click();
  await expect(form.locator('#translation-fr-0-error')).toContainText('placeholders');
  await expect(french).toHaveValue('{{party:first}} et leur port sont jumelés.');
  await french.fill('{{party:first}} et {{party:second}} jumellent leurs ports.');
  await form.locator('[data-action="save-template"]').click();
  await expect(form).toHaveCount(0);
  const row = coordinator.locator('table[data-table="templates"] tr', { hasText: `Port twinning ${run}` });
  await expect(row).toContainText('en, zh, fr');
  await noSeriousViolations(coordinator, 'the templates');

  await hydrated(coordinator, '/agreements/new');
  await coordinator.getByLabel('Template').selectOption({ label: 'Memorandum of understanding' });
  await coordinator.getByLabel('Title', { exact: true }).fill(`Smart ports ${run}`);
  await coordinator.locator('#draft-language-a').selectOption({ label: 'French' });
  await coordinator.locator('#draft-language').selectOption({ label: 'Arabic' });
  await coordinator.locator('#party-0-who').selectOption({ label: 'Quanzhou (泉州)' });
  await coordinator.locator('#party-1-who').selectOption({ label: 'Busan (釜山)' });
  await coordinator.locator('#value-first').selectOption('1');
  await coordinator.locator('#value-second').selectOption('2');
  await coordinator.locator('#value-field').fill('ports intelligents');
  await coordinator.locator('#value-start').fill('2027-03-01');
  await coordinator.locator('#value-term').fill('cinq ans');
  await coordinator.getByRole('button', { name: 'Create the draft' }).click();
  await expect(coordinator).toHaveURL(/\/agreements\/\d+$/);
  await coordinator.waitForSelector('body[data-hydrated]');
  await expect(coordinator.locator('#clause-0-a-body')).toHaveValue(/conclu entre Quanzhou et Busan/);
  await expect(coordinator.locator('#clause-0-b-heading')).toHaveValue('الطرفان');
  await expect(coordinator.locator('#clause-0-b-body')).toHaveValue(/泉州/);
  await expect(coordinator.locator('#clause-4-a-body')).toHaveValue(/le 1 mars 2027/);
  await expect(coordinator.locator('#clause-4-b-body')).toHaveValue(/1 مارس 2027/);
  await expect(coordinator.locator('[data-clause="0"] div[lang="ar"]')).toHaveCount(1);
});
