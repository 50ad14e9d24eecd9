import { test, expect, Browser, BrowserContext, Locator, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEdition, memberId, ORGANIZER, runTag, sameOrigin, signedIn } from './helpers';

// The check-in page (public/checkin) on a door's tablet or phone: paired
// from an organizer's code, scanning with a scanner that types like a
// keyboard, offline and back, by hand from a supervisor's search, revoked,
// and reading a badge's QR from a camera frame.

const TABLET = { width: 1280, height: 800 };
const PORTRAIT = { width: 800, height: 1280 };
const PHONE = { width: 360, height: 740 };

type Person = { id: number; native: string; latin: string; code: string };
type Setup = { edition: number; people: Record<Who, Person> };

// Who each journey scans, so that none meets another's check-ins.
const PEOPLE = {
  wang: ['王小明', 'Wang Xiaoming', 'head_of_delegation'], // a, e
  ahmed: ['أحمد المنصوري', 'Ahmed Al Mansoori', 'delegate'], // a
  georgios: ['Γιώργος Παπαδόπουλος', 'Georgios Papadopoulos', 'speaker'], // b
  kim: ['김민준', 'Kim Min-jun', 'delegate'], // b
  yerlan: ['Ерлан Абдиев', 'Yerlan Abdiyev', 'delegate'], // b
  sana: ['ثنا خان', 'Sana Khan', 'delegate'], // b, forged only
  zoe: ['佐伊·勒费弗尔', 'Zoé Lefèvre', 'delegate'], // c
  lin: ['林晓峰', 'Lin Xiaofeng', 'speaker'], // d
  omar: ['عمر حداد', 'Omar Haddad', 'delegate'], // f: no WebCrypto Ed25519
} as const;
type Who = keyof typeof PEOPLE;

/** The badge's code as the QR on it says, read by a real tool (zbar). */
async function badgeCode(organizer: Page, edition: number, registration: number): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'cf-checkin-'));
  try {
    writeFileSync(join(dir, 'qr.png'), await qrPng(organizer, edition, registration));
    return execFileSync('zbarimg', ['--raw', '-q', join(dir, 'qr.png')], { encoding: 'utf8' }).trim();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function qrPng(organizer: Page, edition: number, registration: number): Promise<Buffer> {
  const response = await organizer.request.get(`/api/v1/editions/${edition}/registrations/${registration}/badge/qr.png`);
  expect(response.status()).toBe(200);
  return Buffer.from(await response.body());
}

/** An edition of this run's own, in Quanzhou, with one delegation whose
 * people are all approved, and the Forum running: made once per run of
 * this file (and per repeat or retry), each journey scanning its own
 * people, so that the journeys run again, in any order, on the same
 * database. */
const shared = new Map<string, Promise<Setup>>();
function checkinSetup(browser: Browser): Promise<Setup> {
  const key = `${test.info().repeatEachIndex}/${test.info().retry}`;
  if (!shared.has(key)) shared.set(key, makeSetup(browser));
  return shared.get(key)!;
}

async function makeSetup(browser: Browser): Promise<Setup> {
  const run = runTag();
  const organizer = await signedIn(browser, ORGANIZER);
  const edition = await createEdition(organizer, {
    title: (year) => `Cities Forum ${year} · Quanzhou (check-in ${run})`,
    hostCity: 'Quanzhou',
    venue: 'Quanzhou Strait Convention and Exhibition Center',
    days: ['11-02', '11-04'],
    timeZone: 'Asia/Shanghai',
    status: 'registration_open',
  });
  const who = Object.keys(PEOPLE) as Who[];
  const form = (w: Who) => ({
    name_native: PEOPLE[w][0],
    name_latin: PEOPLE[w][1],
    email: `${w}.${run}@checkin.example`,
    category: PEOPLE[w][2],
    languages: 'en',
  });
  const registered = await organizer.request.post(`/api/v1/editions/${edition.id}/registrations`, {
    data: {
      member_id: await memberId(organizer.request, 'Quanzhou'),
      consent: true,
      head: form(who[0]),
      members: who.slice(1).map(form),
    },
    headers: sameOrigin(),
  });
  expect(registered.status(), await registered.text()).toBe(201);
  const created = (await registered.json()) as { id: number; email: string }[];
  const people = {} as Record<Who, Person>;
  for (const w of who) {
    const id = created.find((r) => r.email === form(w).email)!.id;
    const approved = await organizer.request.patch(`/api/v1/editions/${edition.id}/registrations/${id}`, {
      data: { decision: 'approve' },
      headers: sameOrigin(),
    });
    expect(approved.status(), await approved.text()).toBe(200);
    people[w] = { id, native: PEOPLE[w][0], latin: PEOPLE[w][1], code: '' };
  }
  for (const w of who) people[w].code = await badgeCode(organizer, edition.id, people[w].id);
  const running = await organizer.request.patch(`/api/v1/editions/${edition.id}`, {
    data: { status: 'running' },
    headers: sameOrigin(),
  });
  expect(running.status(), await running.text()).toBe(200);
  await organizer.context().close();
  return { edition: edition.id, people };
}

type Paired = { device: { id: number; name: string; supervisor: boolean }; code: string; url: string };

/** A check-in device registered by an organizer, with its pairing code. */
async function newDevice(organizer: Page, edition: number, name: string, supervisor = false): Promise<Paired> {
  const response = await organizer.request.post(`/api/v1/editions/${edition}/checkin/devices`, {
    data: { name, supervisor },
    headers: sameOrigin(),
  });
  expect(response.status(), await response.text()).toBe(201);
  const paired = (await response.json()) as Paired;
  expect(paired.code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
  expect(paired.url).toMatch(new RegExp(`/checkin#pair=${paired.code}$`));
  expect(paired.device).toMatchObject({ name, supervisor });
  return paired;
}

async function tablet(browser: Browser, viewport = TABLET): Promise<[BrowserContext, Page]> {
  const context = await browser.newContext({ viewport });
  return [context, await context.newPage()];
}

/** The shift starts with the staff member's name; the badge code then
 * holds the focus, so that a scanner works with no tap first. */
async function startShift(page: Page, staff: string) {
  await page.getByLabel('Your name').fill(staff);
  await page.getByRole('button', { name: 'Start scanning' }).click();
  await expect(page.getByLabel('Badge code')).toBeFocused();
}

/** Types a code into whatever has the focus, as a scanner that types like
 * a keyboard does (with Enter at the end, or none), and waits for the
 * result panel to show its answer; the page is then ready for the next
 * badge, unless `next` is false. */
async function scan(page: Page, code: string, { enter = true, next = true } = {}): Promise<Locator> {
  const result = page.locator('#result');
  const before = Number(await result.getAttribute('data-seq'));
  await page.keyboard.type(code);
  if (enter) await page.keyboard.press('Enter');
  await expect.poll(async () => Number(await result.getAttribute('data-seq'))).toBeGreaterThan(before);
  if (next) {
    await expect(page.getByLabel('Badge code')).toBeFocused();
    await expect(page.getByLabel('Badge code')).toHaveValue('');
  }
  return result;
}

/** A real code with one base32 character of its signature changed. */
function forged(code: string): string {
  const at = code.length - 20;
  return code.slice(0, at) + (code[at] === 'A' ? 'B' : 'A') + code.slice(at + 1);
}

async function expectWelcome(result: Locator, person: Person) {
  await expect(result).toHaveAttribute('data-light', 'green');
  await expect(result).toContainText('Welcome');
  await expect(result.locator('.name-native')).toHaveText(person.native);
  await expect(result.locator('.name-latin')).toHaveText(person.latin);
}

type Attendance = { arrived: number; lists: { key: string; people: number }[] };

/** The distinct people the entry list counts, as organizers see it. */
async function attendance(organizer: Page, edition: number): Promise<number> {
  const response = await organizer.request.get(`/api/v1/editions/${edition}/checkin/attendance`);
  expect(response.status(), await response.text()).toBe(200);
  const report = (await response.json()) as Attendance;
  const entry = report.lists.find((l) => l.key === 'entry');
  expect(entry, JSON.stringify(report)).toBeDefined();
  expect(report.arrived).toBe(entry!.people);
  return entry!.people;
}

async function noSeriousViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(serious, what).toEqual([]);
}

const databases = (page: Page) => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));

test('a door tablet pairs from its link, and a scanner typing like a keyboard lets each person in once', async ({ browser }) => {
  test.setTimeout(120_000);
  const { edition, people } = await checkinSetup(browser);
  const organizer = await signedIn(browser, ORGANIZER);
  const door = `North door ${runTag()}`;
  const { code } = await newDevice(organizer, edition, door);

  const [, page] = await tablet(browser);
  await page.goto(`/checkin#pair=${code}`);
  await startShift(page, 'Ana Staff');
  // The code leaves the address bar (and the history) once used.
  expect(new URL(page.url()).hash).toBe('');
  await expect(page.locator('#device')).toContainText(door);
  // A door tablet has no supervisor's tools.
  await expect(page.getByLabel('Search by name')).toBeHidden();

  let result = await scan(page, people.wang.code);
  await expectWelcome(result, people.wang);
  await expect(result.getByRole('button', { name: 'Undo' })).toHaveCount(0);
  await noSeriousViolations(page, 'green result');

  result = await scan(page, people.wang.code);
  await expect(result).toHaveAttribute('data-light', 'amber');
  await expect(result).toContainText('Already checked in');
  await expect(result.locator('.earlier')).toContainText(door);
  await expect(result.locator('.name-native')).toHaveText(people.wang.native);
  await noSeriousViolations(page, 'amber result');

  result = await scan(page, forged(people.wang.code));
  await expect(result).toHaveAttribute('data-light', 'red');
  await expect(result).toHaveAttribute('data-outcome', 'forged');
  await expect(result).toContainText('Forged');
  await noSeriousViolations(page, 'red result');

  // Scanning goes on after a bad code.
  result = await scan(page, people.ahmed.code);
  await expectWelcome(result, people.ahmed);
  // A scanner that sends no Enter: the code goes once typing stops.
  result = await scan(page, people.ahmed.code, { enter: false });
  await expect(result).toHaveAttribute('data-light', 'amber');
  await expect(result.locator('.earlier')).toContainText(door);
});

test('offline, the tablet judges badges itself and queues the scans; back online they count once each', async ({ browser }) => {
  test.setTimeout(120_000);
  const { edition, people } = await checkinSetup(browser);
  const organizer = await signedIn(browser, ORGANIZER);
  const door = `South door ${runTag()}`;
  const { code } = await newDevice(organizer, edition, door);

  const [context, page] = await tablet(browser, PORTRAIT);
  await page.goto(`/checkin#pair=${code}`);
  await startShift(page, 'Bo Staff');
  // The badges, keys and revocations are on the tablet before the Wi-Fi goes.
  await expect(page.locator('#sync')).toHaveAttribute('data-last-sync', /^\d{4}-\d\d-\d\dT/);
  await expect(page.locator('#queue')).toHaveText('All scans synced');
  const before = await attendance(organizer, edition);

  await context.setOffline(true);
  await expect(page.locator('#net')).toHaveText('Offline');
  let result = await scan(page, people.georgios.code);
  await expectWelcome(result, people.georgios);
  await expect(result.locator('[data-offline]')).toBeVisible();
  result = await scan(page, people.kim.code);
  await expectWelcome(result, people.kim);
  // The same badge twice on this tablet: amber, from its own record.
  result = await scan(page, people.georgios.code);
  await expect(result).toHaveAttribute('data-light', 'amber');
  await expect(result.locator('.earlier')).toContainText(door);
  result = await scan(page, people.yerlan.code);
  await expectWelcome(result, people.yerlan);
  await expect(page.locator('#queue')).toHaveText('4 scans wait to sync');
  // The signature is checked on the tablet too; the refusal is queued
  // (the server keeps a record of it) but lets nobody in.
  result = await scan(page, forged(people.sana.code));
  await expect(result).toHaveAttribute('data-light', 'red');
  await expect(result).toHaveAttribute('data-outcome', 'forged');
  await expect(page.locator('#queue')).toHaveText('5 scans wait to sync');
  // The server has heard of none of it yet.
  expect(await attendance(organizer, edition)).toBe(before);

  await context.setOffline(false);
  await expect(page.locator('#queue')).toHaveText('All scans synced', { timeout: 30_000 });
  await expect(page.locator('#net')).toHaveText('Online');
  // Three people came in: Georgios (twice), Kim, Yerlan; not the forger.
  expect(await attendance(organizer, edition)).toBe(before + 3);
  // The server recorded them under this door: Kim again is amber, from it.
  result = await scan(page, people.kim.code);
  await expect(result).toHaveAttribute('data-light', 'amber');
  await expect(result.locator('[data-offline]')).toHaveCount(0);
  await expect(result.locator('.earlier')).toContainText(door);
  expect(await attendance(organizer, edition)).toBe(before + 3);
});

test('offline, in a browser that cannot check signatures, a badge is amber (cannot check here), never green', async ({ browser }) => {
  test.setTimeout(120_000);
  const { edition, people } = await checkinSetup(browser);
  const organizer = await signedIn(browser, ORGANIZER);
  const door = `East door ${runTag()}`;
  const { code } = await newDevice(organizer, edition, door);

  const [context, page] = await tablet(browser);
  // An older tablet's browser: WebCrypto without Ed25519.
  await context.addInitScript(() => {
    const subtle = crypto.subtle;
    const importKey = subtle.importKey.bind(subtle);
    subtle.importKey = ((format: any, data: any, algorithm: any, ...rest: any[]) =>
      (algorithm?.name ?? algorithm) === 'Ed25519'
        ? Promise.reject(new DOMException('Unrecognized name.', 'NotSupportedError'))
        : importKey(format, data, algorithm, ...rest)) as typeof subtle.importKey;
  });
  await page.goto(`/checkin#pair=${code}`);
  await startShift(page, 'Eve Staff');
  await expect(page.locator('#queue')).toHaveText('All scans synced');
  const before = await attendance(organizer, edition);

  await context.setOffline(true);
  await expect(page.locator('#net')).toHaveText('Offline');
  // A genuine badge and one forged for the same person look alike here:
  // both amber, named, with the reason; neither is green.
  for (const text of [people.omar.code, forged(people.omar.code)]) {
    const result = await scan(page, text);
    await expect(result).toHaveAttribute('data-light', 'amber');
    await expect(result).toHaveAttribute('data-outcome', 'unchecked');
    await expect(result).toContainText('Cannot check here');
    await expect(result.locator('.name-latin')).toHaveText(people.omar.latin);
  }
  // Back online, the server judges: the genuine one counts, the forgery not.
  await context.setOffline(false);
  await expect(page.locator('#queue')).toHaveText('All scans synced', { timeout: 30_000 });
  expect(await attendance(organizer, edition)).toBe(before + 1);
});

test('a supervisor finds a person by name, checks them in by hand, undoes it with a reason, and reprints a lost badge', async ({ browser }) => {
  test.setTimeout(120_000);
  const { edition, people } = await checkinSetup(browser);
  const organizer = await signedIn(browser, ORGANIZER);
  const desk = `Help desk ${runTag()}`;
  const { code } = await newDevice(organizer, edition, desk, true);

  const [, page] = await tablet(browser);
  await page.goto('/checkin');
  // Typed as read off the organizer's screen: dashes and case forgiven.
  await page.getByLabel('Pairing code').fill(`${code.slice(0, 4)}-${code.slice(4)}`.toLowerCase());
  await page.getByRole('button', { name: 'Pair this device' }).click();
  await startShift(page, 'Sam Supervisor');

  // The Latin name without its accents finds Zoé Lefèvre.
  await page.getByLabel('Search by name').fill('zoe lefevre');
  const row = page.locator('#search-results li', { hasText: people.zoe.latin });
  await expect(row).toContainText(people.zoe.native);
  await row.getByRole('button', { name: 'Check in' }).click();
  const result = page.locator('#result');
  await expectWelcome(result, people.zoe);
  await expect(row).toContainText(desk);

  await result.getByRole('button', { name: 'Undo' }).click();
  await page.getByLabel('Reason for undo').fill('Checked in the wrong person');
  await page.getByRole('button', { name: 'Confirm undo' }).click();
  await expect(result).toHaveAttribute('data-outcome', 'undone');
  await expect(result).toContainText('Check-in undone');
  // Undone on the server too: by hand again, it is a welcome, not amber.
  await row.getByRole('button', { name: 'Check in' }).click();
  await expectWelcome(result, people.zoe);

  // A lost badge: a new one as a PDF, and the old code stops passing.
  page.once('dialog', (dialog) => dialog.accept());
  const reprinted = page.waitForResponse((r) => r.url().endsWith(`/api/v1/checkin/people/${people.zoe.id}/reprint`));
  await result.getByRole('button', { name: 'Reprint badge' }).click();
  const pdf = await reprinted;
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  await expect(result.locator('a[data-action="open-reprint"]')).toHaveAttribute('href', /^blob:/);
  const revocations = await organizer.request.get(`/api/v1/editions/${edition}/badges/revocations`);
  expect((await revocations.json()).badges).toContainEqual({ registration_id: people.zoe.id, valid_version: 2 });
  const old = await scan(page, people.zoe.code);
  await expect(old).toHaveAttribute('data-light', 'red');
  await expect(old).toHaveAttribute('data-outcome', 'superseded');
});

test('a revoked phone forgets everything at its next scan and asks to be paired again', async ({ browser }) => {
  test.setTimeout(120_000);
  const { edition, people } = await checkinSetup(browser);
  const organizer = await signedIn(browser, ORGANIZER);
  const { code, device } = await newDevice(organizer, edition, `Phone ${runTag()}`);

  const [, page] = await tablet(browser, PHONE);
  await page.goto(`/checkin#pair=${code}`);
  await startShift(page, 'Dee Staff');
  const result = await scan(page, people.lin.code);
  await expectWelcome(result, people.lin);
  // Readable on a 360 px phone: nothing scrolls sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await expect(page.locator('#sync')).toHaveAttribute('data-last-sync', /^\d{4}-/);
  expect(await databases(page)).toContain('cf-checkin');

  const revoked = await organizer.request.post(`/api/v1/editions/${edition}/checkin/devices/${device.id}/revoke`, {
    headers: sameOrigin(),
  });
  expect(revoked.status(), await revoked.text()).toBe(200);
  expect((await revoked.json()).revoked_at).toBeTruthy();

  await scan(page, people.ahmed.code, { next: false });
  await expect(result).toHaveAttribute('data-light', 'red');
  await expect(result).toContainText('This device was revoked');
  await expect(page.getByLabel('Pairing code')).toBeVisible();
  await expect(page.getByLabel('Badge code')).toBeHidden();
  await expect.poll(() => databases(page)).not.toContain('cf-checkin');
  expect(await page.evaluate(() => localStorage.getItem('cf-checkin-token'))).toBeNull();
  // Nothing comes back on reload either.
  await page.reload();
  await expect(page.getByLabel('Pairing code')).toBeVisible();
  expect(await databases(page)).not.toContain('cf-checkin');
});

test("the camera's frame reader reads a badge's QR (our WebAssembly decoder where the browser has no BarcodeDetector)", async ({ browser }) => {
  const { edition, people } = await checkinSetup(browser);
  const organizer = await signedIn(browser, ORGANIZER);
  const png = (await qrPng(organizer, edition, people.wang.id)).toString('base64');

  const [, page] = await tablet(browser);
  await page.goto('/checkin');
  await page.waitForFunction(() => 'cfCheckin' in window);
  const read = await page.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const frame = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const checkin = (window as unknown as { cfCheckin: { decodeImage: (f: ImageBitmap) => Promise<string | null> } }).cfCheckin;
    return { text: await checkin.decodeImage(frame), detector: 'BarcodeDetector' in window };
  }, png);
  test.info().annotations.push({ type: 'decoder', description: read.detector ? 'BarcodeDetector' : 'wasm' });
  expect(read.text).toBe(people.wang.code);
});

test('an organizer registers a door on the check-in page, and its arrivals show there live', async ({ browser }) => {
  test.setTimeout(120_000);
  const { edition, people } = await checkinSetup(browser);
  const organizer = await signedIn(browser, ORGANIZER);
  await organizer.goto(`/editions/${edition}/checkin`);
  await organizer.waitForSelector('body[data-hydrated]');
  const arrived = organizer.locator('[data-arrived]');
  const before = Number(await arrived.getAttribute('data-arrived'));

  const door = `East door ${runTag()}`;
  await organizer.getByLabel('Device name (e.g. North door 2)').fill(door);
  await organizer.getByRole('button', { name: 'Register and pair' }).click();
  const card = organizer.locator('[data-pairing]');
  await expect(card.locator('svg')).toBeVisible();
  const code = (await card.locator('[data-code]').getAttribute('data-code'))!;
  expect(code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
  await expect(card).toContainText(`${code.slice(0, 4)}-${code.slice(4)}`);
  await expect(organizer.locator('[data-table="devices"] tr', { hasText: door })).toContainText('Waiting to pair');

  const [, page] = await tablet(browser);
  await page.goto('/checkin');
  await page.getByLabel('Pairing code').fill(code);
  await page.getByRole('button', { name: 'Pair this device' }).click();
  await startShift(page, 'Eve Staff');
  // Someone no other journey scans at the entry: the organizer's count
  // goes up by one without a reload (server-sent events).
  const result = await scan(page, people.sana.code);
  await expectWelcome(result, people.sana);
  await expect(arrived).toHaveAttribute('data-arrived', String(before + 1), { timeout: 15_000 });
  await expect(organizer.locator('[data-table="lists"] tr[data-list="entry"]')).toHaveAttribute('data-people', String(before + 1));
});
