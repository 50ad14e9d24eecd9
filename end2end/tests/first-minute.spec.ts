import { expect, test } from '@playwright/test';
import { ORGANIZER, signedIn } from './helpers';

// A visitor's first minute: the public pages ask for nothing a visitor
// may not have (no 401 or 403), and download none of the staff's code;
// the signed-in header fits at every width.

/** The edition the home page invites visitors to register for. */
async function openEditionId(page: import('@playwright/test').Page): Promise<number> {
  await page.goto('/');
  const href = await page.locator('a[href$="/register"]').first().getAttribute('href');
  expect(href).toBeTruthy();
  return Number(href!.split('/')[2]);
}

test('a visitor on the public pages gets no refusal and none of the staff pages\' code', async ({ page }) => {
  const editionId = await openEditionId(page);
  const refused: string[] = [];
  const fetched: string[] = [];
  page.on('response', (response) => {
    if ([401, 403].includes(response.status())) refused.push(`${response.status()} ${response.url()}`);
  });
  page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
  for (const path of ['/', `/editions/${editionId}/programme`, `/editions/${editionId}/register`, '/my', '/login']) {
    await page.goto(path);
    await page.waitForSelector('body[data-hydrated]');
    // Whatever the page asks for once it runs.
    await page.waitForLoadState('networkidle');
  }
  expect(refused).toEqual([]);
  // Split modules of the staff pages (cargo leptos build --split).
  expect(fetched.filter((path) => /\/pkg\/(split_|chunk_)/.test(path))).toEqual([]);
  // The pages' own code did arrive: the main module.
  expect(fetched.some((path) => /\/pkg\/cities-forum[.\w-]*\.wasm$/.test(path))).toBe(true);
});

test('the signed-in header fits at every width from 360 to 1,920 px', async ({ browser }) => {
  const organizer = await signedIn(browser, ORGANIZER);
  for (const width of [360, 390, 600, 768, 1024, 1152, 1280, 1281, 1366, 1440, 1600, 1920]) {
    await organizer.setViewportSize({ width, height: 800 });
    await organizer.goto('/');
    await organizer.waitForSelector('body[data-hydrated]');
    const overflow = await organizer.evaluate(() => {
      const header = document.querySelector('header.top')!;
      const visible = [...header.querySelectorAll('a, button, label, summary, span')].filter((element) => {
        const box = element.getBoundingClientRect();
        // Folded away (the Menu switch's panel, a closed drop-down).
        return box.width > 0 && box.height > 0 && getComputedStyle(element).visibility !== 'hidden';
      });
      const beyond = visible
        .map((element) => ({ text: element.textContent?.trim(), right: element.getBoundingClientRect().right }))
        .filter((item) => item.right > window.innerWidth + 0.5);
      return { page: document.documentElement.scrollWidth - window.innerWidth, beyond };
    });
    expect({ width, ...overflow }).toEqual({ width, page: 0, beyond: [] });
  }
  // The account's name is there, whole or cut short with an ellipsis.
  await expect(organizer.locator('details.account > summary')).toBeVisible();
  // A staff page brings its own module when it is opened.
  const fetched: string[] = [];
  organizer.on('request', (request) => fetched.push(new URL(request.url()).pathname));
  await organizer.goto('/agreements');
  await organizer.waitForSelector('body[data-hydrated]');
  expect(fetched.filter((path) => /\/pkg\/split_/.test(path)).length).toBeGreaterThan(0);
  await organizer.context().close();
});

test('what a delegate typed before the wasm arrived is still there after it did, and is sent', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  // The wasm is held back until the form is filled in, as on a slow line.
  let release!: () => void;
  const filled = new Promise<void>((resolve) => (release = resolve));
  await context.route(/\.wasm(\?.*)?$/, async (route) => {
    await filled;
    await route.continue();
  });
  const editionId = await openEditionId(page);
  await page.goto(`/editions/${editionId}/register`);
  const head = page.locator('fieldset[data-person="head"]');
  await head.getByLabel('Name in Latin script').fill('Typed Early');
  await head.getByLabel('E-mail').fill('typed.early@busan.example');
  await head.getByRole('checkbox', { name: 'Korean' }).check();
  await page.getByLabel('Member city or institution').selectOption({ label: 'Busan · 釜山' });
  release();
  await page.waitForSelector('body[data-hydrated]');
  await expect(head.getByLabel('Name in Latin script')).toHaveValue('Typed Early');
  await expect(head.getByRole('checkbox', { name: 'Korean' })).toBeChecked();
  // The script now handles the form, with what was typed: consent is
  // still missing, said beside its box, and nothing is lost.
  await page.getByRole('button', { name: 'Register' }).click();
  await expect(page.getByText('Please agree to the processing of your data to register.')).toBeVisible();
  await expect(head.getByLabel('E-mail')).toHaveValue('typed.early@busan.example');
  await expect(page.getByLabel('Member city or institution')).toHaveValue(/\d+/);
  await context.close();
});
