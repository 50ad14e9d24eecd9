import { test, expect, Page } from '@playwright/test';
import { createEdition, DELEGATE, ORGANIZER, runTag, sameOrigin, signedIn, signIn } from './helpers';

// The English title's field (one title field per language).
const TITLE_EN = 'Title · English';

async function fillSession(page: Page, title: string, room: string, start: string, end: string) {
  const form = page.locator('form[data-form="session"]');
  await form.getByLabel(TITLE_EN).fill(title);
  await form.getByLabel('Room', { exact: true }).selectOption({ label: room });
  await form.getByLabel('Starts').fill(start);
  await form.getByLabel('Ends').fill(end);
  await form.getByLabel('Interpretation').fill('en, zh');
}

test('an organizer builds two clashing sessions, fixes the clash, publishes; a delegate books one and downloads the feed', async ({ browser }) => {
  const run = runTag();
  const first = `Harbour cities plenary ${run}`;
  const second = `Ports roundtable ${run}`;
  const opening = `Opening ceremony ${run}`;

  // An edition of its own, 2–4 November of a free year, with two rooms.
  const organizer = await signedIn(browser, ORGANIZER);
  const edition = await createEdition(organizer, {
    title: (year) => `Cities Forum ${year} · Quanzhou (programme ${run})`,
    hostCity: 'Quanzhou',
    venue: 'Quanzhou Strait Convention and Exhibition Center',
    days: ['11-02', '11-04'],
    timeZone: 'Asia/Shanghai',
    status: 'registration_open',
    rooms: [
      { name: 'Plenary Hall', capacity: 1200, floor: '1', booths: 6 },
      { name: 'Harbour Room', capacity: 200, floor: '2', booths: 3 },
    ],
  });
  const year = edition.year;
  const api = `/api/v1/editions/${edition.id}`;

  await organizer.goto(`/editions/${edition.id}/timetable`);
  await organizer.waitForSelector('body[data-hydrated]');
  await expect(organizer.locator('[data-grid="timetable"]')).toBeVisible();
  const form = organizer.locator('form[data-form="session"]');

  // The first day has its programme too.
  await organizer.locator('[data-action="new-session"]').click();
  await fillSession(organizer, opening, 'Plenary Hall (1200)', `${year}-11-02T09:00`, `${year}-11-02T10:00`);
  await form.locator('[data-action="save-session"]').click();
  await expect(form.locator('[data-status="draft"]')).toBeVisible();
  await expect(form.locator('[data-conflicts="0"]')).toBeVisible();
  await form.locator('[data-action="publish"]').click();
  await expect(form.locator('[data-status="published"]')).toBeVisible();

  await organizer.locator('[data-action="new-session"]').click();
  await expect(form.getByLabel(TITLE_EN)).toHaveValue('');
  await fillSession(organizer, first, 'Plenary Hall (1200)', `${year}-11-03T09:00`, `${year}-11-03T10:00`);
  await form.locator('[data-action="save-session"]').click();
  await expect(form.locator('[data-status="draft"]')).toBeVisible();
  await expect(form.locator('[data-conflicts="0"]')).toBeVisible();
  await form.locator('[data-action="publish"]').click();
  await expect(form.locator('[data-status="published"]')).toBeVisible();

  // The second one in the same hall, half an hour later: a clash.
  await organizer.locator('[data-action="new-session"]').click();
  await expect(form.getByLabel(TITLE_EN)).toHaveValue('');
  await fillSession(organizer, second, 'Plenary Hall (1200)', `${year}-11-03T09:30`, `${year}-11-03T10:30`);
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
  const imported = await organizer.request.post(`${api}/registrations.csv`, {
    data: csv,
    headers: { 'content-type': 'text/csv', ...sameOrigin() },
  });
  expect(imported.status(), await imported.text()).toBe(201);
  expect(await imported.json()).toEqual({ imported: 1 });

  // On a phone: the programme, filtered to the day, then booking.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const delegate = await phone.newPage();
  await signIn(delegate, DELEGATE.email, DELEGATE.password);
  await delegate.goto(`/editions/${edition.id}/programme`);
  await delegate.waitForSelector('body[data-hydrated]');
  // The first day is shown by default; the 3rd is a tab away.
  await expect(delegate.locator(`section.day[data-day="${year}-11-02"]`)).toContainText(opening);
  await delegate.locator(`nav.tabs a[data-day="${year}-11-03"]`).click();
  await expect(delegate).toHaveURL(new RegExp(`day=${year}-11-03`));
  await expect(delegate.locator(`section.day[data-day="${year}-11-03"]`)).toBeVisible();
  await expect(delegate.locator(`section.day[data-day="${year}-11-02"]`)).toHaveCount(0);
  const card = delegate.locator('article.session', { hasText: first });
  await expect(card).toContainText('Plenary Hall');
  await expect(card).toContainText('09:00–10:00');
  await expect(delegate.locator('article.session', { hasText: second })).toContainText('Harbour Room');
  await card.locator('[data-action="book"]').click();
  await expect(card.locator('[data-action="unbook"]')).toBeVisible();

  await delegate.getByRole('link', { name: 'My agenda' }).click();
  await expect(delegate).toHaveURL(new RegExp(`/editions/${edition.id}/agenda$`));
  await delegate.waitForSelector('body[data-hydrated]');
  await expect(delegate.locator('table[data-table="agenda"]')).toContainText(first);
  // A new registration has no feed address yet: the button makes one,
  // and renewing it gives another.
  const feedLink = delegate.locator('a[data-feed="agenda"]');
  await expect(feedLink).toHaveCount(0);
  await delegate.locator('[data-action="renew-feed"]').click();
  await expect(feedLink).toBeVisible();
  const previous = await feedLink.getAttribute('href');
  expect(previous).toBeTruthy();
  await delegate.locator('[data-action="renew-feed"]').click();
  await expect(feedLink).not.toHaveAttribute('href', previous!);
  const href = await feedLink.getAttribute('href');
  // The old address stops working at once.
  expect((await delegate.request.get(previous!)).status()).toBe(404);
  const feed = await delegate.request.get(href!);
  expect(feed.status()).toBe(200);
  expect(feed.headers()['content-type']).toContain('text/calendar');
  const text = await feed.text();
  expect(text).toContain('BEGIN:VCALENDAR');
  expect(text).toContain(`SUMMARY:${first}`);
  expect(text).toContain(`DTSTART:${year}1103T010000Z`);
  expect(text).not.toContain(second);
  expect(text).not.toContain(opening);

  // The edition's programme is the three sessions made here, and
  // cancelling them through the API works.
  const listed = await organizer.request.get(`${api}/sessions`);
  expect(listed.status()).toBe(200);
  const sessions = (await listed.json()) as { id: number; status: string }[];
  expect(sessions).toHaveLength(3);
  for (const title of [first, second, opening]) expect(JSON.stringify(sessions)).toContain(title);
  expect(sessions.map((s) => s.status)).toEqual(['published', 'published', 'published']);
  for (const s of sessions) {
    const cancelled = await organizer.request.post(`${api}/sessions/${s.id}/cancel`, { headers: sameOrigin() });
    expect(cancelled.status()).toBe(200);
  }
  await phone.close();
  await organizer.context().close();
});
