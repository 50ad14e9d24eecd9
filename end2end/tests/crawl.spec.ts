import { Browser, expect, Page, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { CHECKIN, COORDINATOR, DELEGATE, FINANCE, ORGANIZER, REGISTRAR, signIn } from './helpers';

// Every page a reader can reach by following links from the home page,
// each opened fresh (server-rendered, then hydrated): none may log an
// error to the console or throw (a panic while hydrating leaves the page
// dead to clicks), and none may have a serious accessibility violation
// (axe-core; a field without a label, text without contrast). Walked
// signed out and as each role, in English and in Arabic (right to left).
// Up to a few pages per route shape (`/agreements/:n?tab=plans`), so
// a walk covers every page and tab without visiting each of hundreds of
// registrations. axe-core reads a page once per language and structure:
// a page whose main content has the same elements, classes and roles as
// one already read in that language (the registrations list an organizer
// and a registrar both see) is not read again; each walk's first page is
// always read, for the navigation its role sees.


/** Links that do something, download a file, lead off the site's pages,
 * or hold a live stream open (the check-in pages: their own journeys test
 * them). */
const SKIPPED = /^\/(api|pkg|logout)\b|\/checkin\b|\/(link|password)\/|\.(pdf|csv|ics|png|svg|json)(\?|$)/;

/** A path's route shape: numbers stand for any record. */
const shapeOf = (path: string) => path.replace(/\d+/g, ':n');

async function linksOn(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('a[href]')]
      .map((a) => new URL((a as HTMLAnchorElement).href, location.href))
      .filter((url) => url.origin === location.origin)
      .map((url) => url.pathname + url.search),
  );
}

type Account = { email: string; password: string };
type Walk = {
  who: string;
  account: Account | null;
  /** Route shapes the walk must reach: it got past the home page. */
  reaches: string[];
  /** The walk's length, pages. */
  max: number;
  perShape: number;
};

const WALKS: Walk[] = [
  {
    who: 'an organizer',
    account: ORGANIZER,
    reaches: ['/editions/:n/registrations', '/editions/:n/registration-settings', '/editions/:n/budget', '/agreements/:n', '/agreements?tab=plans', '/members'],
    max: 120,
    perShape: 2,
  },
  { who: 'a registrar', account: REGISTRAR, reaches: ['/editions/:n/registrations'], max: 40, perShape: 1 },
  { who: 'a finance officer', account: FINANCE, reaches: ['/editions/:n/budget'], max: 40, perShape: 1 },
  // Check-in staff work on the tablet page (its own journeys): here, the
  // site's pages they see.
  { who: 'a check-in staff member', account: CHECKIN, reaches: ['/'], max: 20, perShape: 1 },
  { who: 'a follow-up coordinator', account: COORDINATOR, reaches: ['/agreements/:n'], max: 40, perShape: 1 },
  { who: 'a delegate', account: DELEGATE, reaches: ['/my'], max: 30, perShape: 1 },
  { who: 'a visitor signed out', account: null, reaches: ['/login', '/editions/:n/register', '/editions/:n/programme'], max: 30, perShape: 1 },
];

/** The elements, classes and roles of a page's main content, without
 * its text: two pages alike here get the same axe-core answer. */
async function structureOf(page: Page): Promise<string> {
  return page.evaluate(() => {
    const root = document.querySelector('main') ?? document.body;
    const parts: string[] = [];
    for (const el of root.querySelectorAll('*')) {
      parts.push(`${el.tagName}.${el.getAttribute('class') ?? ''}[${el.getAttribute('role') ?? ''}|${el.getAttribute('type') ?? ''}]`);
    }
    return parts.join(' ');
  });
}

/** Structures axe-core has read, per language, across the walks (they run
 * one after another in one worker). */
const readByAxe = new Map<string, Set<string>>();

async function reader(browser: Browser, account: Account | null, language: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (account) await signIn(page, account.email, account.password);
  // The language switch's cookie, as choosing the language sets it.
  const { hostname } = new URL(test.info().project.use.baseURL!);
  await context.addCookies([{ name: 'i18n_pref_locale', value: language, domain: hostname, path: '/' }]);
  return page;
}

for (const language of ['en', 'ar']) {
  for (const walk of WALKS) {
    // The organizer's English walk is the long one; in Arabic one page
    // per shape is enough to see every page's right-to-left layout.
    const perShape = language === 'en' ? walk.perShape : 1;
    const max = language === 'en' ? walk.max : Math.min(walk.max, 60);
    test(`${language}: every page ${walk.who} reaches renders, hydrates and reads without a console error or a serious accessibility fault`, async ({ browser }) => {
      test.setTimeout(900_000);
      const page = await reader(browser, walk.account, language);
      const problems: string[] = [];
      let current = '';
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`${current}: console: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`${current}: thrown: ${error.message}`));

      const queue = ['/'];
      const seen = new Set(queue);
      const shapes = new Map<string, number>();
      const visited: string[] = [];
      const read = readByAxe.get(language) ?? new Set<string>();
      readByAxe.set(language, read);
      let axeRuns = 0;
      while (queue.length > 0 && visited.length < max) {
        const path = queue.shift()!;
        current = path;
        const response = await page.goto(path);
        expect(response?.status(), path).toBeLessThan(500);
        const hydrated = await page
          .waitForSelector('body[data-hydrated]', { timeout: 20_000 })
          .then(() => true, () => false);
        if (!hydrated) problems.push(`${path}: not hydrated within 20 s`);
        // The page is in the walk's language, and right to left in Arabic.
        const html = await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]);
        if (html[0] !== language) problems.push(`${path}: lang=${html[0]}, not ${language}`);
        if (html[1] !== (language === 'ar' ? 'rtl' : 'ltr')) problems.push(`${path}: dir=${html[1]}`);
        // What the page loads once hydrated has a moment to answer.
        await page.waitForTimeout(250);
        const structure = `${shapeOf(path)} ${await structureOf(page)}`;
        if (visited.length === 0 || !read.has(structure)) {
          read.add(structure);
          axeRuns += 1;
          const axe = await new AxeBuilder({ page }).analyze();
          for (const violation of axe.violations) {
            if (violation.impact === 'serious' || violation.impact === 'critical') {
              const where = violation.nodes.map((n) => n.target.join(' ')).join(', ');
              problems.push(`${path}: ${violation.id}: ${violation.help} (${where})`);
            }
          }
        }
        visited.push(path);
        for (const link of await linksOn(page)) {
          const shape = shapeOf(link);
          if (seen.has(link) || SKIPPED.test(link) || (shapes.get(shape) ?? 0) >= perShape) continue;
          seen.add(link);
          shapes.set(shape, (shapes.get(shape) ?? 0) + 1);
          queue.push(link);
        }
      }
      test.info().annotations.push({ type: 'pages visited', description: `${visited.length}, ${axeRuns} read by axe-core` });
      console.log(`${language} ${walk.who}: ${visited.length} pages, ${axeRuns} read by axe-core`);
      for (const shape of walk.reaches) {
        expect(visited.map(shapeOf), shape).toContain(shape);
      }
      expect(problems).toEqual([]);
      await page.context().close();
    });
  }
}
