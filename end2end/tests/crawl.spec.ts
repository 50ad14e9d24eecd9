import { expect, Page, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { ORGANIZER, signedIn } from './helpers';

// Every page an organizer can reach by following links from the home page,
// each opened fresh (server-rendered, then hydrated): none may log an
// error to the console or throw (a panic while hydrating leaves the page
// dead to clicks), and none may have a serious accessibility violation
// (axe-core; a field without a label). Up to two pages per route shape
// (`/agreements/:n?tab=plans`), so the crawl covers every page and tab
// without visiting each of hundreds of registrations.

const PAGES_MAX = 120;
const PER_SHAPE = 2;

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

test('every page an organizer reaches renders, hydrates and reads without a console error or a serious accessibility fault', async ({ browser }) => {
  test.setTimeout(900_000);
  const page = await signedIn(browser, ORGANIZER);
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
  while (queue.length > 0 && visited.length < PAGES_MAX) {
    const path = queue.shift()!;
    current = path;
    const response = await page.goto(path);
    expect(response?.status(), path).toBeLessThan(500);
    const hydrated = await page
      .waitForSelector('body[data-hydrated]', { timeout: 20_000 })
      .then(() => true, () => false);
    if (!hydrated) problems.push(`${path}: not hydrated within 20 s`);
    // What the page loads once hydrated has a moment to answer.
    await page.waitForTimeout(250);
    const axe = await new AxeBuilder({ page }).analyze();
    for (const violation of axe.violations) {
      if (violation.impact === 'serious' || violation.impact === 'critical') {
        const where = violation.nodes.map((n) => n.target.join(' ')).join(', ');
        problems.push(`${path}: ${violation.id}: ${violation.help} (${where})`);
      }
    }
    visited.push(path);
    for (const link of await linksOn(page)) {
      const shape = shapeOf(link);
      if (seen.has(link) || SKIPPED.test(link) || (shapes.get(shape) ?? 0) >= PER_SHAPE) continue;
      seen.add(link);
      shapes.set(shape, (shapes.get(shape) ?? 0) + 1);
      queue.push(link);
    }
  }
  test.info().annotations.push({ type: 'pages visited', description: String(visited.length) });
  // The crawl reached the areas, not only the home page.
  expect(visited.length).toBeGreaterThan(40);
  for (const area of ['/editions/:n/registrations', '/editions/:n/registration-settings', '/editions/:n/budget', '/agreements/:n', '/agreements?tab=plans', '/members']) {
    expect(visited.map(shapeOf), area).toContain(area);
  }
  expect(problems).toEqual([]);
  await page.context().close();
});
