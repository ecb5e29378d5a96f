// End-to-end test of bulk actions in the conversation list (Debian's Chromium, driven by
// playwright-core): a lead selects three conversations (a checkbox, a Shift-click range, the
// "x" key), deletes them, sees the "3 conversations deleted · Undo (9 s)" toast, undoes, and
// the rows are back; then deletes again and lets the undo run out, after which the server
// refuses the undo. Run through run.sh, which starts a server with demo data and the users:
//
//   bash tests/browser/run.sh build/dev/src/app/webcare [SCREENSHOT_DIR] bulk.test.mjs
//
// or against a running server with those users (lead of run.sh):
//
//   WEBCARE_URL=http://127.0.0.1:8080 node --test tests/browser/bulk.test.mjs
//
// Environment: WEBCARE_URL (required), SCREENSHOT_DIR (default $TMPDIR or /tmp),
// CHROMIUM (default /usr/bin/chromium).

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { signInPage, openApiSession, checkEnvironment, launchBrowser } from './support.mjs';

const BASE_URL = (process.env.WEBCARE_URL ?? '').replace(/\/+$/, '');
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR || process.env.TMPDIR || '/tmp';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const LEAD = { email: 'lead@example.com', password: 'lead-password-1', name: 'Test Lead' };
// Unique per run, so that the test can run twice against one server.
const RUN = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
const LABEL = `bulk-${RUN}`;

checkEnvironment(BASE_URL, CHROMIUM);

/** The lead's session of the HTTP API outside the browser (cookie + CSRF token). */
const apiSession = async () => (await openApiSession(BASE_URL, LEAD)).call;

/** @type {import('playwright-core').Browser} */
let browser;
/** @type {import('playwright-core').Page} */
let page;
let api;
const dialogs = [];
const pageErrors = [];
/** The four conversations of this run, newest first (the list's order). */
let ids = [];

async function shot(name) {
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, name), fullPage: false });
}

/** The ids of the rows the list shows, top to bottom. */
async function rowIds() {
  return page.locator('.conv-row').evaluateAll((rows) => rows.map((row) => Number(row.dataset.id)));
}

describe('bulk actions', { timeout: 180_000 }, () => {
  before(async () => {
    api = await apiSession();
    // Four conversations of their own, a minute apart, found by their label.
    for (let i = 0; i < 4; i++) {
      const posted = await api('POST', '/api/v1/posts', {
        network: 'x',
        channel: 'x:@ovpas',
        external_id: `bulk-${RUN}-${i}`,
        author: { handle: `@bulk_${RUN}_${i}`, name: `Bulk klant ${i}` },
        text: `Mijn saldo klopt niet (${i})`,
        created_at: new Date(Date.now() - (10 - i) * 60_000).toISOString(),
      });
      assert.equal(posted.status, 201, JSON.stringify(posted.body));
      const found = await api('GET', `/api/v1/conversations?q=${encodeURIComponent(`author:"@bulk_${RUN}_${i}"`)}`);
      assert.equal(found.status, 200);
      ids.unshift(found.body.conversations[0].id);
    }
    const labelled = await api('POST', '/api/v1/conversations/bulk', { action: 'add_label', ids, params: { label: LABEL } });
    assert.equal(labelled.status, 200, JSON.stringify(labelled.body));
    assert.equal(labelled.body.affected, 4);

    browser = await launchBrowser(CHROMIUM);
    page = await signInPage(browser, BASE_URL, 'lead', LEAD, dialogs, pageErrors);
    await page.goto(`${BASE_URL}/#/?label=${encodeURIComponent(LABEL)}`);
    await page.locator('.conv-row').nth(3).waitFor();
  });

  after(async () => {
    await browser?.close();
    assert.deepEqual(pageErrors, [], 'no script errors on the page');
    assert.deepEqual(dialogs, [], 'no alert() ran (user text is never executed)');
  });

  it('selects three, deletes them, and Undo brings the rows back', async () => {
    assert.deepEqual(await rowIds(), ids);
    // A checkbox, then Shift+click on the third: the range in between.
    await page.locator('.conv-check').nth(0).click();
    await page.locator('.conv-check').nth(2).click({ modifiers: ['Shift'] });
    await page.locator('.bulk-count', { hasText: '3 selected' }).waitFor();
    // "x" on the highlighted row toggles it: the fourth in, and out again.
    await page.locator('body').click({ position: { x: 5, y: 790 } });
    for (let i = 0; i < 4; i++) await page.keyboard.press('j');
    await page.keyboard.press('x');
    await page.locator('.bulk-count', { hasText: '4 selected' }).waitFor();
    await page.keyboard.press('x');
    await page.locator('.bulk-count', { hasText: '3 selected' }).waitFor();
    assert.equal(await page.locator('.conv-check:checked').count(), 3);
    await shot('bulk-selected.png');

    await page.locator('.bulk-delete').click();
    const toast = page.locator('.undo-toast');
    await toast.waitFor();
    const text = (await toast.textContent()).replace(/\s+/g, ' ');
    const seconds = Number(/3 conversations deleted · Undo \((\d+) s\)/.exec(text)?.[1]);
    assert.ok(seconds >= 8 && seconds <= 10, `the toast counts down from 10 s: "${text}"`);
    await page.waitForFunction(() => document.querySelectorAll('.conv-row').length === 1);
    assert.deepEqual(await rowIds(), [ids[3]]);
    for (const id of ids.slice(0, 3)) assert.equal((await api('GET', `/api/v1/conversations/${id}`)).status, 404);
    await shot('bulk-deleted.png');

    await toast.locator('.toast-action').click();
    await toast.filter({ hasText: '3 conversations restored' }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('.conv-row').length === 4);
    assert.deepEqual(await rowIds(), ids);
    for (const id of ids) assert.equal((await api('GET', `/api/v1/conversations/${id}`)).status, 200);
    const back = await api('GET', `/api/v1/conversations/${ids[0]}`);
    assert.deepEqual(back.body.conversation.labels, [LABEL], 'restored as it was');
  });

  it('deletes again and lets the undo run out', async () => {
    // Everything shown (the page checkbox), but the last one.
    await page.locator('.bulk-page-check input').check();
    await page.locator('.bulk-count', { hasText: '4 selected' }).waitFor();
    await page.locator('.conv-check').nth(3).click();
    await page.locator('.bulk-count', { hasText: '3 selected' }).waitFor();
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/conversations/bulk') && r.request().method() === 'POST'),
      page.locator('.bulk-delete').click(),
    ]);
    const { undo } = await answer.json();
    const toast = page.locator('.undo-toast');
    await toast.waitFor();
    assert.match(await toast.textContent(), /3 conversations deleted/);
    // The toast counts down and leaves when the window has closed.
    await page.waitForFunction(() => /Undo \([1-7] s\)/.test(document.querySelector('.undo-toast')?.textContent ?? ''));
    await toast.waitFor({ state: 'detached', timeout: 15_000 });
    assert.deepEqual(await rowIds(), [ids[3]]);
    // The toast leaves a moment early; once the server's window has closed too, it agrees:
    // too late to undo, and the conversations are gone for good.
    const closesIn = Date.parse(undo.expires_at) - Date.now() + 200;
    if (closesIn > 0) await new Promise((resolve) => setTimeout(resolve, closesIn));
    const late = await api('POST', `/api/v1/conversations/bulk/${undo.batch}/undo`);
    assert.equal(late.status, 409, JSON.stringify(late.body));
    assert.match(late.body.error.message, /too late to undo/);
    for (const id of ids.slice(0, 3)) assert.equal((await api('GET', `/api/v1/conversations/${id}`)).status, 404);
    const count = await api('GET', `/api/v1/conversations/bulk/count?label=${encodeURIComponent(LABEL)}`);
    assert.equal(count.body.count, 1);
    await shot('bulk-expired.png');
  });
});
