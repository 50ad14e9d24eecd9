// A delegate's first minute, measured (a benchmark, not a test): each
// public page opened in a fresh browser (empty cache) under Chromium's
// network emulation, Fast 3G and Slow 3G as the issue defines them, and
// the times and compressed bytes until the page shows (first contentful
// paint) and until it is interactive (body[data-hydrated]: the script has
// taken over; the forms post as plain HTML before that).
//   node end2end/bench/first-minute.mjs http://127.0.0.1:3290 [runs]
import { chromium } from '@playwright/test';

const base = process.argv[2] ?? 'http://127.0.0.1:3290';
const runs = Number(process.argv[3] ?? 3);
const profiles = {
  'Fast 3G': { latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 },
  'Slow 3G': { latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8 },
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic'],
});
const home = await (await browser.newPage()).goto(base + '/');
const edition = (await home.text()).match(/href="\/editions\/(\d+)\/register"/)[1];
const pages = ['/', `/editions/${edition}/register`, `/editions/${edition}/programme`, '/my'];

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

for (const [profile, conditions] of Object.entries(profiles)) {
  for (const path of pages) {
    const shown = [], interactive = [], bytes = [], encodings = new Set();
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, ...conditions });
      let received = 0;
      cdp.on('Network.loadingFinished', (event) => (received += event.encodedDataLength));
      cdp.on('Network.responseReceived', (event) => {
        const encoding = event.response.headers['content-encoding'] ?? event.response.headers['Content-Encoding'];
        if (event.response.url.includes('/pkg/')) encodings.add(encoding ?? 'none');
      });
      const start = Date.now();
      await page.goto(base + path, { waitUntil: 'commit', timeout: 300_000 });
      await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, null, { timeout: 300_000 });
      const paint = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0].startTime);
      await page.waitForSelector('body[data-hydrated]', { timeout: 300_000 });
      interactive.push(Date.now() - start);
      shown.push(paint);
      bytes.push(received);
      await context.close();
    }
    console.log(
      `${profile.padEnd(8)} ${path.padEnd(24)} shown ${(median(shown) / 1000).toFixed(1)} s, ` +
        `interactive ${(median(interactive) / 1000).toFixed(1)} s, ${Math.round(median(bytes) / 1024)} KB on the wire ` +
        `(median of ${runs}; assets ${[...encodings].join('/')})`,
    );
  }
}
await browser.close();
