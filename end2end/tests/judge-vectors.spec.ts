import { expect, test } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';

// The tablet's offline judgement (public/checkin/judge.js) against the
// server's: real codes in every state with the verdict the server gave at
// the door, written by the Rust test tablet_vectors (cargo test runs
// before this in ./scripts/test). Run here in the browser the tablet uses,
// on the module the check-in page loads, with WebCrypto's Ed25519.

const FILE = '../target/judge-vectors.json';

type Vector = { name: string; code: string; light: string; outcome: string; after_checkin_of: number | null };

test('the tablet judges every code as the server does, for the same reason', async ({ page }) => {
  expect(existsSync(FILE), `${FILE}: run the Rust test tablet_vectors first`).toBe(true);
  const { bootstrap, vectors } = JSON.parse(readFileSync(FILE, 'utf8')) as { bootstrap: unknown; vectors: Vector[] };
  expect(vectors.length).toBeGreaterThan(10);
  await page.goto('/checkin');
  const script = await page.locator('script[type="module"]').getAttribute('src');
  const verdicts = await page.evaluate(
    async ({ judgeUrl, bootstrap, vectors }) => {
      const judge = await import(judgeUrl);
      const out = [];
      for (const v of vectors) {
        const data = { checkins: new Map(), ...judge.judgeDataOf(bootstrap) };
        if (v.after_checkin_of != null) {
          const id = `entry|${v.after_checkin_of}`;
          data.checkins.set(id, { id, list: 'entry', registration_id: v.after_checkin_of, at: new Date().toISOString(), device_name: 'Vectors door' });
        }
        const answer = await judge.judgeOffline(v.code, data, 'entry');
        out.push({ name: v.name, light: answer.light, outcome: answer.outcome });
      }
      return out;
    },
    { judgeUrl: script!.replace(/checkin\.js$/, 'judge.js'), bootstrap, vectors },
  );
  expect(verdicts).toEqual(vectors.map(({ name, light, outcome }) => ({ name, light, outcome })));
});
