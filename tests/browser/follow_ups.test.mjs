// End-to-end test of follow-ups and escalation (Debian's Chromium, driven by playwright-core):
// an agent's reply promises a call back, the promise is proposed and accepted as a follow-up,
// the follow-up is marked done, and the conversation is escalated to management with a reason
// so it stands out in the conversation and in the list.
// Run through run.sh, which starts a server with demo data and creates the users:
//
//   bash tests/browser/run.sh build/dev/src/app/webcare [SCREENSHOT_DIR] follow_ups.test.mjs
//
// Environment: WEBCARE_URL (required), SCREENSHOT_DIR (default $TMPDIR or /tmp),
// CHROMIUM (default /usr/bin/chromium).

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { signInPage, openApiSession, checkEnvironment, launchBrowser } from './support.mjs';

const BASE_URL = (process.env.WEBCARE_URL ?? '').replace(/\/+$/, '');
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR || process.env.TMPDIR || '/tmp';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const AGENT = { email: 'agent@example.com', password: 'agent-password-1', name: 'Test Agent' };
const LEAD = { email: 'lead@example.com', password: 'lead-password-1', name: 'Test Lead' };
const RUN = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

checkEnvironment(BASE_URL, CHROMIUM);

/** Logs in through the API; returns a caller with the session cookie and CSRF token. */
const apiSession = async (user) => (await openApiSession(BASE_URL, user)).call;

let browser;
let page;
let conversationId;
const dialogs = [];
const pageErrors = [];

describe('Follow-ups and escalation', { concurrency: false }, () => {
  before(async () => {
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const lead = await apiSession(LEAD);
    const created = await lead('POST', '/api/v1/posts', {
      network: 'x',
      channel: 'x:@ovpas',
      external_id: `follow-${RUN}`,
      author: { handle: `@klant_${RUN}`, name: 'Promise Klant', followers: 12 },
      text: `Mijn saldo klopt niet, wie belt mij? ref ${RUN}`,
      created_at: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const agent = await apiSession(AGENT);
    const list = await agent('GET', '/api/v1/conversations?limit=20');
    const mine = list.body.conversations.find((c) => c.preview.includes(RUN));
    assert.ok(mine, 'the new conversation is listed for the agent');
    conversationId = mine.id;
    browser = await launchBrowser(CHROMIUM);
    page = await signInPage(browser, BASE_URL, 'agent', AGENT, dialogs, pageErrors);
  });

  after(async () => {
    await browser?.close();
    assert.deepEqual(pageErrors, [], 'no page errors');
  });

  it('proposes the promise in a reply as a follow-up', async () => {
    await page.evaluate((id) => {
      window.location.hash = `#/c/${id}`;
    }, conversationId);
    await page.locator(`.conversation[data-id="${conversationId}"] .post`).first().waitFor();
    await page.locator('#composer-text').fill('Vervelend! We bellen u morgen om 10 uur terug.');
    await page.locator('#composer-send').click();
    const suggestion = page.locator('.promise-item', { hasText: 'We bellen u morgen om 10 uur terug' });
    await suggestion.waitFor();
    assert.match(await suggestion.textContent(), /morgen om 10 uur/);
    // A promised call needs a number: this customer has none on file, so the server says so.
    await suggestion.getByRole('button', { name: 'Add follow-up' }).click();
    await page.locator('.follow-ups .form-error', { hasText: 'no phone number is known' }).waitFor();
    await suggestion.getByRole('textbox', { name: 'Phone number' }).fill('+31 6 1234 5678');
    await suggestion.getByRole('button', { name: 'Add follow-up' }).click();
    const item = page.locator('.follow-up-item', { hasText: 'We bellen u morgen om 10 uur terug' });
    await item.waitFor();
    assert.match(await item.textContent(), /\+31 6 1234 5678/);
    assert.equal(await page.locator('.promise-suggestions').count(), 0, 'the proposal is gone once accepted');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'follow-ups.png') });
    await item.getByRole('button', { name: 'Done' }).click();
    await item.waitFor({ state: 'detached' });
  });

  it('escalates to management with a reason, and the conversation stands out', async () => {
    await page.getByRole('button', { name: 'Escalate' }).click();
    await page.locator('.escalate-form input[value="management"]').check();
    await page.locator('.escalate-form input[type="text"]').fill('Journalist vraagt om een reactie');
    await page.locator('.escalate-form button[type="submit"]').click();
    const banner = page.locator('.escalation-banner');
    await banner.waitFor();
    assert.match(await banner.textContent(), /Escalated to management \/ PR/);
    assert.match(await banner.textContent(), /Journalist vraagt om een reactie/);
    await page.locator(`.conv-row[data-id="${conversationId}"] .escalated-chip`).waitFor();
    await page.getByRole('button', { name: 'Withdraw escalation' }).click();
    await banner.waitFor({ state: 'detached' });
  });
});
