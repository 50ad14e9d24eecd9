import { APIRequestContext, Browser, expect, Page, test } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';

// The accounts start-server.sh adds next to the demo.
export const ORGANIZER = { email: 'organizer@e2e.test', password: 'organizer-e2e-password' };
export const REGISTRAR = { email: 'registrar@e2e.test', password: 'registrar-e2e-password' };
export const FINANCE = { email: 'finance@e2e.test', password: 'finance-e2e-password' };
export const CHECKIN = { email: 'checkin@e2e.test', password: 'checkin-e2e-password' };
export const COORDINATOR = { email: 'coordinator@e2e.test', password: 'coordinator-e2e-password' };
export const DELEGATE = { email: 'delegate@e2e.test', password: 'delegate-e2e-password' };

// The years an edition may have (app/src/editions/domain.rs); each year
// holds one edition.
export const FIRST_YEAR = 2015;
export const LAST_YEAR = 2100;

/** Signs in on the login page and waits for the home page (staff land on
 * their own places there). */
export async function signIn(page: Page, email: string, password: string) {
  await page.goto('/login');
  await page.waitForSelector('body[data-hydrated]');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/$/);
}

/** A new page in a context of its own, signed in. */
export async function signedIn(browser: Browser, account: { email: string; password: string }): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, account.email, account.password);
  return page;
}

/** Unique per call: for names, e-mail addresses and titles, so that a
 * journey can run again on the same database. */
export function runTag(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 2)
    .toString(36)
    .padStart(2, '0')}`;
}

/** The headers a state-changing API call riding on the browser's session
 * cookie needs: the server refuses cookie requests from other origins. */
export function sameOrigin(): { origin: string } {
  return { origin: new URL(test.info().project.use.baseURL!).origin };
}

export type Room = { id: number; name: string; capacity: number | null; floor: string; booths: number };
export type Edition = {
  id: number;
  year: number;
  title: string;
  host_city_id: number;
  host_city_name: string;
  venue: string;
  start_date: string;
  end_date: string;
  time_zone: string;
  status: 'planning' | 'registration_open' | 'running' | 'closed';
  rooms: Room[];
};

/** The id of a member city or institution of the directory (the demo's),
 * by its Latin name. */
export async function memberId(request: APIRequestContext, nameLatin: string): Promise<number> {
  const response = await request.get('/api/v1/members', { params: { q: nameLatin } });
  expect(response.status()).toBe(200);
  const found = ((await response.json()) as { id: number; name_latin: string }[]).filter(
    (m) => m.name_latin === nameLatin,
  );
  expect(found).toHaveLength(1);
  return found[0].id;
}

/** A year no edition has yet, at random between `from` and LAST_YEAR, so
 * that journeys can run again, in any order, on the same database. */
export async function freeYear(request: APIRequestContext, from = FIRST_YEAR): Promise<number> {
  const response = await request.get('/api/v1/editions');
  expect(response.status()).toBe(200);
  const taken = new Set(((await response.json()) as Edition[]).map((e) => e.year));
  const free: number[] = [];
  for (let year = from; year <= LAST_YEAR; year++) if (!taken.has(year)) free.push(year);
  expect(free.length, `every edition year from ${from} to ${LAST_YEAR} is taken: start on a fresh database`).toBeGreaterThan(0);
  return free[Math.floor(Math.random() * free.length)];
}

export type EditionSpec = {
  /** The title, given the year chosen. */
  title: (year: number) => string;
  /** The host city's Latin name. */
  hostCity: string;
  venue: string;
  /** First and last day as MM-DD, in the year chosen. */
  days: [string, string];
  timeZone: string;
  status: Edition['status'];
  rooms?: { name: string; capacity: number | null; floor: string; booths: number }[];
};

/** Creates an edition of its own for a journey through the JSON API, on
 * the organizer's session cookie, in a free year after this one (so that
 * registration and its edit deadline, the day before the Forum, are still
 * ahead). */
export async function createEdition(organizer: Page, spec: EditionSpec): Promise<Edition> {
  const request = organizer.request;
  const year = await freeYear(request, new Date().getUTCFullYear() + 1);
  const body = {
    year,
    title: spec.title(year),
    host_city_id: await memberId(request, spec.hostCity),
    venue: spec.venue,
    start_date: `${year}-${spec.days[0]}`,
    end_date: `${year}-${spec.days[1]}`,
    time_zone: spec.timeZone,
    status: spec.status,
    rooms: spec.rooms ?? [],
  };
  const response = await request.post('/api/v1/editions', { data: body, headers: sameOrigin() });
  expect(response.status(), await response.text()).toBe(201);
  const edition = (await response.json()) as Edition;
  expect(edition).toMatchObject({
    year,
    title: body.title,
    start_date: body.start_date,
    end_date: body.end_date,
    time_zone: spec.timeZone,
    status: spec.status,
  });
  expect(edition.rooms.map((r) => r.name).sort()).toEqual(body.rooms.map((r) => r.name).sort());
  return edition;
}

/** A date `days` from today (UTC), as YYYY-MM-DD. */
export function dayFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** Sets an edition's registration window on its settings page (organizers):
 * open since last week, closing in a month. */
export async function openRegistrationWindow(organizer: Page, editionId: number) {
  await organizer.goto(`/editions/${editionId}/registration-settings`);
  await organizer.waitForSelector('body[data-hydrated]');
  const form = organizer.locator('form[data-form="registration-settings"]');
  const opens = dayFromToday(-7);
  const closes = dayFromToday(30);
  await form.getByLabel('Registration opens').fill(opens);
  await form.getByLabel('Registration closes').fill(closes);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('status')).toHaveText('Saved.');
  // Saved on the server, not only in the form.
  await organizer.reload();
  await organizer.waitForSelector('body[data-hydrated]');
  await expect(form.getByLabel('Registration opens')).toHaveValue(opens);
  await expect(form.getByLabel('Registration closes')).toHaveValue(closes);
}

// What the SMTP server received (see start-server.sh), as decoded by
// Python's e-mail parser.
export type Mail = { envelope_to: string[]; to: string; subject: string; text: string; html: string };
const MAIL_FILE = `${__dirname}/../../target/e2e/mail.jsonl`;

export function mails(): Mail[] {
  if (!existsSync(MAIL_FILE)) return [];
  return readFileSync(MAIL_FILE, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line));
}

export async function mailTo(address: string, subjectStart: string): Promise<Mail> {
  let found: Mail | undefined;
  await expect
    .poll(() => {
      found = mails().find((m) => m.envelope_to.includes(address) && m.subject.startsWith(subjectStart));
      return found !== undefined;
    }, { timeout: 20_000 })
    .toBe(true);
  return found!;
}
