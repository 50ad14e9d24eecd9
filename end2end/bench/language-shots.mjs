// Screenshots for issue 26's note: pages in Arabic and Russian, the
// tablet's green answer, PDFs with Arabic words, approval letters in
// French and Spanish as the SMTP sink received them.
// With a server from `E2E_DIR=target/e2e-shots end2end/start-server.sh 3300`:
// node end2end/bench/language-shots.mjs http://127.0.0.1:3300 OUT_DIR target/e2e-shots/mail.jsonl
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const BASE = process.argv[2];
const OUT = process.argv[3];
const MAIL = process.argv[4];
const origin = { origin: BASE };
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--headless'] });

async function context(lang, viewport = { width: 1280, height: 900 }) {
  const c = await browser.newContext({ viewport, locale: lang });
  await c.addCookies([{ name: 'i18n_pref_locale', value: lang, url: BASE }]);
  return c;
}
async function signIn(page, email, password) {
  await page.goto(`${BASE}/login`);
  await page.waitForSelector('body[data-hydrated]');
  await page.locator('input[type=email]').fill(email);
  await page.locator('input[type=password]').fill(password);
  await page.locator('main form button[type=submit]').first().click();
  await page.waitForURL(`${BASE}/`);
}
async function shot(page, path, name, full = false) {
  await page.goto(`${BASE}${path}`);
  await page.waitForSelector('body[data-hydrated]', { timeout: 30000 });
  await page.waitForTimeout(800);
  await page.screenshot({ path: `${OUT}/${name}.png`, fullPage: full });
  console.log('shot', name, path);
}

const en = await context('en');
const org = await en.newPage();
await signIn(org, 'organizer@e2e.test', 'organizer-e2e-password');
const editions = await (await org.request.get(`${BASE}/api/v1/editions`)).json();
const open = editions.find((e) => e.status === 'registration_open') ?? editions[0];
console.log('edition', open.id, open.title, open.status);

for (const lang of ['ar', 'ru']) {
  const visitor = await (await context(lang)).newPage();
  await shot(visitor, '/', `${lang}-home`, true);
  await shot(visitor, `/editions/${open.id}/register`, `${lang}-registration`, true);
  const staffCtx = await context(lang);
  const staff = await staffCtx.newPage();
  await signIn(staff, 'organizer@e2e.test', 'organizer-e2e-password');
  await staffCtx.addCookies([{ name: 'i18n_pref_locale', value: lang, url: BASE }]);
  await shot(staff, `/editions/${open.id}/timetable`, `${lang}-timetable`);
  await shot(staff, `/editions/${open.id}/budget`, `${lang}-budget`, true);
}

// A running edition with one approved person, for the tablet.
const year = 2090 + Math.floor(Math.random() * 10);
const host = (await (await org.request.get(`${BASE}/api/v1/members`, { params: { q: 'Quanzhou' } })).json())[0];
let made = await org.request.post(`${BASE}/api/v1/editions`, {
  data: { year, title: `Cities Forum ${year} · Quanzhou`, host_city_id: host.id, venue: 'Quanzhou Strait Convention and Exhibition Center',
    start_date: `${year}-11-02`, end_date: `${year}-11-04`, time_zone: 'Asia/Shanghai', status: 'registration_open', rooms: [] },
  headers: origin,
});
if (made.status() !== 201) throw new Error(await made.text());
const edition = (await made.json()).id;
const people = [
  { name_native: 'عمر حداد', name_latin: 'Omar Haddad', email: `omar.${year}@shots.example`, category: 'head_of_delegation', languages: 'ar' },
  { name_native: 'Ирина Соколова', name_latin: 'Irina Sokolova', email: `irina.${year}@shots.example`, category: 'delegate', languages: 'ru' },
  { name_native: 'Élise Moreau', name_latin: 'Élise Moreau', email: `elise.${year}@shots.example`, category: 'delegate', languages: 'fr' },
  { name_native: 'Lucía Fernández', name_latin: 'Lucía Fernández', email: `lucia.${year}@shots.example`, category: 'delegate', languages: 'es' },
];
const registered = await org.request.post(`${BASE}/api/v1/editions/${edition}/registrations`, {
  data: { member_id: host.id, consent: true, head: people[0], members: people.slice(1) }, headers: origin,
});
if (registered.status() !== 201) throw new Error(await registered.text());
const created = await registered.json();
const ids = {};
for (const p of people) {
  const id = created.find((r) => r.email === p.email).id;
  ids[p.languages] = id;
  const a = await org.request.patch(`${BASE}/api/v1/editions/${edition}/registrations/${id}`, { data: { decision: 'approve' }, headers: origin });
  if (a.status() !== 200) throw new Error(await a.text());
}
// PDFs with Arabic words: Omar's badge and his visa letter in Arabic.
const pdf = async (path, name) => {
  const r = await org.request.get(`${BASE}${path}`);
  if (r.status() !== 200) throw new Error(`${path}: ${r.status()} ${await r.text()}`);
  writeFileSync(`${OUT}/${name}.pdf`, await r.body());
  execFileSync('pdftoppm', ['-png', '-r', '110', '-f', '1', '-l', '1', '-singlefile', `${OUT}/${name}.pdf`, `${OUT}/${name}`]);
  console.log('pdf', name, execFileSync('pdftotext', ['-enc', 'UTF-8', `${OUT}/${name}.pdf`, '-']).toString().slice(0, 400));
};
await pdf(`/api/v1/editions/${edition}/registrations/${ids.ar}/badge.pdf?layout=a6`, 'ar-badge');
await pdf(`/api/v1/editions/${edition}/registrations/${ids.ar}/visa-letter.pdf?lang=ar`, 'ar-visa-letter');

// The tablet: paired, a shift started, Omar's badge scanned: green.
for (const lang of ['ar', 'ru']) {
  const code = execFileSync('zbarimg', ['--raw', '-q', '-'], {
    input: await (await org.request.get(`${BASE}/api/v1/editions/${edition}/registrations/${ids[lang]}/badge/qr.png`)).body(),
  }).toString().trim();
  await org.request.patch(`${BASE}/api/v1/editions/${edition}`, { data: { status: 'running' }, headers: origin });
  const device = await (await org.request.post(`${BASE}/api/v1/editions/${edition}/checkin/devices`, { data: { name: `Door ${lang}`, supervisor: false }, headers: origin })).json();
  const tabletCtx = await context(lang, { width: 1280, height: 800 });
  const tablet = await tabletCtx.newPage();
  await tablet.goto(`${BASE}/checkin#pair=${device.code}`);
  await tablet.locator('#staff').fill(lang === 'ar' ? 'سارة' : 'Анна');
  await tablet.locator('#shift-form button[type=submit]').click();
  await tablet.locator('#code').waitFor();
  await tablet.waitForTimeout(500);
  await tablet.keyboard.type(code);
  await tablet.keyboard.press('Enter');
  await tablet.waitForSelector('#result[data-light=green]');
  await tablet.screenshot({ path: `${OUT}/${lang}-tablet-green.png` });
  console.log('shot', `${lang}-tablet-green`, await tablet.locator('#result').innerText());
}

// The approval letters as the SMTP server received them.
await new Promise((r) => setTimeout(r, 4000));
const mails = readFileSync(MAIL, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
for (const lang of ['fr', 'es']) {
  const to = people.find((p) => p.languages === lang).email;
  const mail = mails.filter((m) => JSON.stringify(m).includes(to)).pop();
  writeFileSync(`${OUT}/${lang}-approval.json`, JSON.stringify(mail, null, 2));
  const page = await en.newPage();
  const html = mail.html ?? `<pre>${(mail.text ?? JSON.stringify(mail)).replace(/</g, '&lt;')}</pre>`;
  await page.setContent(`<p><b>Subject:</b> ${mail.subject ?? ''}<br><b>To:</b> ${to}</p><hr>${html}`);
  await page.screenshot({ path: `${OUT}/${lang}-approval-letter.png`, fullPage: true });
  console.log('mail', lang, mail.subject);
}
await browser.close();
