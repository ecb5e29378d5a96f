// End-to-end test of canned answers and tracked links in Debian's Chromium (playwright-core):
// an agent types "/sto" in the composer, picks the answer with the keyboard and gets it filled
// in for the conversation; Escape closes the picker; a lead creates an answer on the Canned
// answers screen with its live preview; a reply's link leaves as a short link whose clicks
// the conversation shows. Run through run.sh, which starts a server with demo data and users:
//
//   bash tests/browser/run.sh build/dev/src/app/webcare [SCREENSHOT_DIR] canned.test.mjs
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
const USERS = {
  agent: { email: 'agent@example.com', password: 'agent-password-1', name: 'Test Agent' },
  lead: { email: 'lead@example.com', password: 'lead-password-1', name: 'Test Lead' },
  admin: { email: 'admin@example.com', password: 'admin-password-1', name: 'Test Admin' },
};
// Unique per run, so that the test can run twice against one server.
const RUN = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
const STORING = {
  title: 'Storing bij de poortjes',
  shortcut: 'storing',
  body: 'Hoi {{ contact.first_name }}, we kijken ernaar. Groet, {{ company.name }} ^{{ agent.initials }}',
  team_id: null,
  network: null,
};

checkEnvironment(BASE_URL, CHROMIUM);

/** A session of the HTTP API outside the browser (cookie + CSRF token). */
const apiSession = async (who) => (await openApiSession(BASE_URL, USERS[who])).call;

/** @type {import('playwright-core').Browser} */
let browser;
const dialogs = [];
const pageErrors = [];
let conversationId;
let agentPage;
let leadPage;

describe('Canned answers and tracked links', { concurrency: false }, () => {
  before(async () => {
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const admin = await apiSession('admin');
    const company = await admin('PUT', '/api/v1/settings/company', { name: 'OV-Pas', track_links: true });
    assert.equal(company.status, 200, `PUT /settings/company: ${JSON.stringify(company.body)}`);

    // The answer the agent picks: created, or put back as the test expects it on a second run.
    const lead = await apiSession('lead');
    const created = await lead('POST', '/api/v1/canned-answers', STORING);
    if (created.status === 409) {
      const found = await lead('GET', '/api/v1/canned-answers?q=storing');
      const existing = found.body.canned_answers.find((a) => a.shortcut === 'storing' && a.team === null);
      assert.ok(existing, 'the company-wide /storing exists');
      assert.equal((await lead('PUT', `/api/v1/canned-answers/${existing.id}`, STORING)).status, 200);
    } else {
      assert.equal(created.status, 201, `POST /canned-answers: ${JSON.stringify(created.body)}`);
    }

    // A fresh conversation from Anna de Vries.
    const posted = await lead('POST', '/api/v1/posts', {
      network: 'x',
      channel: 'x:@ovpas',
      external_id: `canned-${RUN}`,
      author: { handle: `@anna_${RUN}`, name: 'Anna de Vries', followers: 40 },
      text: `De poortjes op Utrecht Centraal zijn weer dicht. ref ${RUN}`,
      created_at: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    });
    assert.equal(posted.status, 201, `POST /posts: ${JSON.stringify(posted.body)}`);
    const agent = await apiSession('agent');
    const list = await agent('GET', `/api/v1/conversations?q=${encodeURIComponent(`"${RUN}"`)}&limit=5`);
    assert.equal(list.status, 200);
    conversationId = list.body.conversations.find((c) => c.preview.includes(RUN))?.id;
    assert.ok(conversationId, 'the agent sees the new conversation');

    browser = await launchBrowser(CHROMIUM);
  });

  after(async () => {
    await browser?.close();
  });

  it('inserts the answer filled in for the conversation: /sto, arrow keys, Enter', async () => {
    agentPage = await signInPage(browser, BASE_URL, 'agent', USERS.agent, dialogs, pageErrors);
    await agentPage.evaluate((id) => {
      window.location.hash = `#/c/${id}`;
    }, conversationId);
    const composer = agentPage.locator('#composer-text');
    await composer.waitFor();
    await composer.click();
    await agentPage.keyboard.type('/sto', { delay: 40 });
    const option = agentPage.locator('#canned-list [data-shortcut="storing"]');
    await option.waitFor();
    assert.equal(await composer.getAttribute('aria-expanded'), 'true');
    // Walk to it with the arrow keys (other answers starting with "sto" may come first).
    const options = agentPage.locator('#canned-list [role="option"]');
    const shortcuts = await options.evaluateAll((els) => els.map((el) => el.dataset.shortcut));
    for (let i = 0; i < shortcuts.indexOf('storing'); i++) await agentPage.keyboard.press('ArrowDown');
    assert.equal(await option.getAttribute('aria-selected'), 'true');
    await agentPage.keyboard.press('Enter');

    const expected = 'Hoi Anna, we kijken ernaar. Groet, OV-Pas ^TA';
    await agentPage.waitForFunction(
      (text) => document.querySelector('#composer-text')?.value === text,
      expected,
    );
    assert.equal(await agentPage.locator('#canned-list').count(), 0, 'the picker closed');
    assert.equal(await composer.getAttribute('aria-expanded'), null);
  });

  it('closes with Escape and leaves the typed text', async () => {
    const composer = agentPage.locator('#composer-text');
    await composer.press('End');
    await agentPage.keyboard.type(' /sto', { delay: 40 });
    await agentPage.locator('#canned-list').waitFor();
    await agentPage.keyboard.press('Escape');
    await agentPage.locator('.canned-picker').waitFor({ state: 'detached' });
    // Typing on after the same slash does not reopen it; the conversation stays open.
    await agentPage.keyboard.type('r', { delay: 40 });
    await agentPage.waitForTimeout(400);
    assert.equal(await agentPage.locator('.canned-picker').count(), 0);
    assert.ok((await composer.inputValue()).endsWith(' /stor'));
    await agentPage.locator(`.conversation[data-id="${conversationId}"]`).waitFor();
  });

  it('sends a link as a short link whose clicks the open conversation shows live, unless the agent says no', async () => {
    const composer = agentPage.locator('#composer-text');
    assert.equal(await agentPage.locator('#composer-track-links').count(), 0, 'no link, no choice');
    await composer.fill('Zie https://ovpas.example/storingen voor de actuele stand.');
    assert.equal(await agentPage.locator('#composer-track-links').isChecked(), true, 'counted unless unchecked');
    const sent = agentPage.waitForResponse((r) => r.url().endsWith(`/conversations/${conversationId}/replies`));
    await agentPage.locator('#composer-send').click();
    const response = await sent;
    assert.equal(response.status(), 201);
    const text = (await response.json()).post.text;
    const short = /(http:\/\/127\.0\.0\.1:\d+\/l\/[A-Za-z0-9_-]{16}) voor/.exec(text);
    assert.ok(short, `the reply went out with a short link: ${text}`);

    await agentPage.locator('#tracked-links-summary', { hasText: '1 link · 0 clicks' }).waitFor();
    const followed = await fetch(short[1], { redirect: 'manual' });
    assert.equal(followed.status, 302);
    assert.equal(followed.headers.get('location'), 'https://ovpas.example/storingen');
    // The count grows on the open screen, without a reload.
    await agentPage.evaluate(() => {
      window.__webcareNoReload = true;
    });
    await agentPage.locator('#tracked-links-summary', { hasText: '1 link · 1 click' }).waitFor();
    assert.equal(await agentPage.evaluate(() => window.__webcareNoReload === true), true, 'not reloaded');

    // The agent can send a link as it is.
    await composer.fill('Meer uitleg: https://ovpas.example/faq');
    await agentPage.locator('#composer-track-links').uncheck();
    const plain = agentPage.waitForResponse((r) => r.url().endsWith(`/conversations/${conversationId}/replies`));
    await agentPage.locator('#composer-send').click();
    const plainResponse = await plain;
    assert.equal(plainResponse.status(), 201);
    assert.ok((await plainResponse.json()).post.text.includes('https://ovpas.example/faq'), 'the link left as typed');
    await agentPage.locator('#tracked-links-summary', { hasText: '1 link · 1 click' }).waitFor();
    await agentPage.locator('#tracked-links summary').click();
    await agentPage.locator('.tracked-link', { hasText: 'https://ovpas.example/storingen' }).waitFor();
    await agentPage.screenshot({ path: path.join(SCREENSHOT_DIR, 'canned-links.png') });
  });

  it('lets a lead create an answer with a live preview; agents get no such screen', async () => {
    assert.equal(await agentPage.locator('#nav-canned').count(), 0, 'agents have no Canned answers link');
    leadPage = await signInPage(browser, BASE_URL, 'lead', USERS.lead, dialogs, pageErrors);
    await leadPage.locator('#nav-canned').click();
    await leadPage.locator('.canned-table [data-canned-id]').first().waitFor();
    await leadPage.locator('#canned-create').click();
    const shortcut = `bedankt-${RUN}`;
    await leadPage.fill('#canned-title', 'Bedankt voor je geduld');
    await leadPage.fill('#canned-shortcut', shortcut);
    await leadPage.fill('#canned-body', 'Dank je, ');
    await leadPage.locator('.canned-variables button', { hasText: 'contact.first_name' }).click();
    await leadPage.locator('#canned-preview-text', { hasText: 'Dank je, Anna' }).waitFor();
    // An unknown variable is explained before saving.
    await leadPage.fill('#canned-body', 'Dank je, {{ klant }}');
    await leadPage.locator('#canned-preview-error', { hasText: 'known: contact.name' }).waitFor();
    await leadPage.fill('#canned-body', 'Dank je, {{ contact.first_name }}!');
    await leadPage.click('#canned-save');
    await leadPage.locator('.notice', { hasText: `/${shortcut} created.` }).waitFor();
    await leadPage.locator('.canned-table code', { hasText: `/${shortcut}` }).waitFor();
    await leadPage.screenshot({ path: path.join(SCREENSHOT_DIR, 'canned.png') });
  });

  it('raised no dialogs and no page errors', () => {
    assert.deepEqual(dialogs, []);
    assert.deepEqual(pageErrors, []);
  });
});
