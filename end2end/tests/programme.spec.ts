import { test, expect, Page } from '@playwright/test';
import { signIn } from './helpers';

async function fillSession(page: Page, title: string, room: string, start: string, end: string) {
  const form = page.locator('form[data-form="session"]');
  await form.getByLabel('Title (English)').fill(title);
  await form.getByLabel('Room', { exact: true }).selectOption({ label: room });
  await form.getByLabel('Starts').fill(start);
  await form.getByLabel('Ends').fill(end);
  await form.getByLabel('Interpretation').fill('en, zh');
}

test('an organizer builds two clashing sessions, fixes the clash, publishes; a delegate books one and downloads the feed', async ({ browser }) => {
  const run = `${Date.now()}`.slice(-6);
  const first = `Harbour cities plenary ${run}`;
  const second = `Ports roundtable ${run}`;

  const organizer = await (await browser.newContext()).newPage();
  await signIn(organizer, 'organizer@e2e.test', 'organizer-e2e-password');
  await organizer.goto('/editions/1/timetable');
  await organizer.waitForSelector('body[data-hydrated]');
  await expect(organizer.locator('[data-grid="timetable"]')).toBeVisible();
  const form = organizer.locator('form[data-form="session"]');

  await organizer.locator('[data-action="new-session"]').click();
  await fillSession(organizer, first, 'Plenary Hall (1200)', '2027-11-03T09:00', '2027-11-03T10:00');
  await form.locator('[data-action="save-session"]').click();
  await expect(form.locator('[data-status="draft"]')).toBeVisible();
  await expect(form.locator('[data-conflicts="0"]')).toBeVisible();
  await form.locator('[data-action="publish"]').click();
  await expect(form.locator('[data-status="published"]')).toBeVisible();

  // The second one in the same hall, half an hour later: a clash.
  await organizer.locator('[data-action="new-session"]').click();
  await expect(form.getByLabel('Title (English)')).toHaveValue('');
  await fillSession(organizer, second, 'Plenary Hall (1200)', '2027-11-03T09:30', '2027-11-03T10:30');
  await form.locator('[data-action="save-session"]').click();
  const clash = form.locator('li.conflict.hard');
  await expect(clash).toContainText('Plenary Hall is booked twice at once');
  await expect(clash).toContainText(first);
  await expect(organizer.locator(`[data-grid="timetable"] .slot.clash`)).toHaveCount(2);
  // Publishing asks first.
  await form.locator('[data-action="publish"]').click();
  await expect(form.locator('[data-confirm="publish"]')).toBeVisible();
  await expect(form.locator('[data-status="draft"]')).toBeVisible();

  // Fixed: another room. The warning goes, and it publishes without asking.
  await form.getByLabel('Room', { exact: true }).selectOption({ label: 'Harbour Room (200)' });
  await form.locator('[data-action="save-session"]').click();
  await expect(form.locator('[data-conflicts="0"]')).toBeVisible();
  await expect(form.locator('li.conflict')).toHaveCount(0);
  await form.locator('[data-action="publish"]').click();
  await expect(form.locator('[data-status="published"]')).toBeVisible();
  await expect(form.locator('[data-confirm="publish"]')).toHaveCount(0);
  await expect(organizer.locator(`[data-grid="timetable"] .slot.clash`)).toHaveCount(0);

  // The delegate is invited (approved) through the CSV import.
  const csv = 'name_latin,email,category,languages\nLi Hua,delegate@e2e.test,delegate,zh\n';
  const imported = await organizer.request.post('/api/v1/editions/1/registrations.csv', {
    data: csv,
    headers: { 'content-type': 'text/csv', origin: new URL(organizer.url()).origin },
  });
  // 422 already_registered when the journey runs again on the same server.
  if (imported.status() !== 201) {
    expect(await imported.text()).toContain('already_registered');
  }

  // On a phone: the programme, filtered to the day, then booking.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const delegate = await phone.newPage();
  await signIn(delegate, 'delegate@e2e.test', 'delegate-e2e-password');
  await delegate.goto('/editions/1/programme');
  await delegate.waitForSelector('body[data-hydrated]');
  // The first day is shown by default; the 3rd is a tab away.
  await delegate.locator('nav.tabs a[data-day="2027-11-03"]').click();
  await expect(delegate).toHaveURL(/day=2027-11-03/);
  await expect(delegate.locator('section.day[data-day="2027-11-03"]')).toBeVisible();
  await expect(delegate.locator('section.day[data-day="2027-11-02"]')).toHaveCount(0);
  const card = delegate.locator('article.session', { hasText: first });
  await expect(card).toContainText('Plenary Hall');
  await expect(card).toContainText('09:00–10:00');
  await expect(delegate.locator('article.session', { hasText: second })).toContainText('Harbour Room');
  await card.locator('[data-action="book"]').click();
  await expect(card.locator('[data-action="unbook"]')).toBeVisible();

  await delegate.getByRole('link', { name: 'My agenda' }).click();
  await expect(delegate).toHaveURL(/\/editions\/1\/agenda$/);
  await delegate.waitForSelector('body[data-hydrated]');
  await expect(delegate.locator('table[data-table="agenda"]')).toContainText(first);
  const feedLink = delegate.locator('a[data-feed="agenda"]');
  const previous = (await feedLink.count()) ? await feedLink.getAttribute('href') : null;
  await delegate.locator('[data-action="renew-feed"]').click();
  await expect(feedLink).toBeVisible();
  if (previous) await expect(feedLink).not.toHaveAttribute('href', previous);
  const href = await feedLink.getAttribute('href');
  const feed = await delegate.request.get(href!);
  expect(feed.status()).toBe(200);
  expect(feed.headers()['content-type']).toContain('text/calendar');
  const text = await feed.text();
  expect(text).toContain('BEGIN:VCALENDAR');
  expect(text).toContain(`SUMMARY:${first}`);
  expect(text).toContain('DTSTART:20271103T010000Z');
  expect(text).not.toContain(second);

  // Cancelled sessions clash with nothing: the journey can run again.
  const sessions = await (await organizer.request.get('/api/v1/editions/1/sessions')).json();
  for (const s of sessions.filter((s: { title_en: string }) => s.title_en.endsWith(run))) {
    const cancelled = await organizer.request.post(`/api/v1/editions/1/sessions/${s.id}/cancel`, {
      headers: { origin: new URL(organizer.url()).origin },
    });
    expect(cancelled.status()).toBe(200);
  }
});
