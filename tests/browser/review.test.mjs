// End-to-end test of attachments and four-eyes review in two browser contexts (Debian's
// Chromium, driven by playwright-core): an agent whose replies need approval attaches an image
// in the composer and sends; the reply shows "Awaiting approval by a lead" with the image
// inline; the lead sees it under "Needs approval" (with a count in the rail) and approves it;
// the agent's screen shows the approval without a reload. Run through run.sh:
//
//   bash tests/browser/run.sh build/dev/src/app/webcare [SCREENSHOT_DIR] review.test.mjs
//
// or against a running server with run.sh's users:
//
//   WEBCARE_URL=http://127.0.0.1:8080 node --test tests/browser/review.test.mjs
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
// A 1×1 PNG, so the browser really decodes the inline image.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

checkEnvironment(BASE_URL, CHROMIUM);

/** A session of the HTTP API outside the browser (cookie + CSRF token). */
const apiSession = (who) => openApiSession(BASE_URL, USERS[who]);

/** @type {import('playwright-core').Browser} */
let browser;
const dialogs = [];
const pageErrors = [];
const pages = {};
let admin;
let agentId;
let conversationId;
let postId;

describe('Attachments and four-eyes review', { concurrency: false }, () => {
  before(async () => {
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    admin = await apiSession('admin');
    const people = await admin.call('GET', '/api/v1/people');
    assert.equal(people.status, 200, 'GET /people');
    agentId = people.body.people.find((p) => p.email === USERS.agent.email)?.id;
    assert.equal(typeof agentId, 'number', 'the agent exists (run.sh creates it)');
    // This agent is new: every reply of theirs needs a lead's approval.
    const set = await admin.call('PUT', `/api/v1/settings/review/users/${agentId}`, { required: true });
    assert.equal(set.status, 200, `PUT /settings/review/users: ${JSON.stringify(set.body)}`);

    const lead = await apiSession('lead');
    const created = await lead.call('POST', '/api/v1/posts', {
      network: 'x',
      channel: 'x:@ovpas',
      external_id: `review-${RUN}`,
      author: { handle: `@klant_${RUN}`, name: 'Review Klant', followers: 12 },
      text: `Mijn saldo klopt niet, kunt u kijken? ref ${RUN}`,
      created_at: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    });
    assert.equal(created.status, 201, `POST /posts: ${JSON.stringify(created.body)}`);
    const agent = await apiSession('agent');
    const list = await agent.call('GET', '/api/v1/conversations?limit=20');
    assert.equal(list.status, 200, JSON.stringify(list.body));
    const found = list.body.conversations.find((c) => c.preview.includes(RUN));
    assert.ok(found, 'the agent sees the new conversation');
    conversationId = found.id;

    browser = await launchBrowser(CHROMIUM);
  });

  after(async () => {
    // Back to following the team, so other test files see the default.
    await admin?.call('PUT', `/api/v1/settings/review/users/${agentId}`, { required: null });
    await browser?.close();
  });

  it('lets the agent attach an image and send a reply that waits for approval', async () => {
    const page = await signInPage(browser, BASE_URL, 'agent', USERS.agent, dialogs, pageErrors);
    pages.agent = page;
    await page.locator('.connection-live').waitFor();
    await page.evaluate((id) => {
      window.location.hash = `#/c/${id}`;
    }, conversationId);
    await page.locator(`.conversation[data-id="${conversationId}"] .post`).first().waitFor();
    await page.evaluate(() => {
      window.__webcareNoReload = true;
    });

    // A file that is not an image or PDF is refused with the server's reason.
    await page.setInputFiles('#attachment-input', {
      name: 'page.png',
      mimeType: 'image/png',
      buffer: Buffer.from('<html><script>alert(1)</script></html>'),
    });
    const refused = page.locator('.attachment-chip[data-state="failed"]');
    await refused.waitFor();
    assert.match(await refused.locator('.attachment-error').textContent(), /HTML page/);
    await refused.locator('.attachment-remove').click();

    await page.setInputFiles('#attachment-input', { name: `kaart-${RUN}.png`, mimeType: 'image/png', buffer: PNG });
    await page.locator('.attachment-chip[data-state="done"]').waitFor();
    assert.equal(await page.locator('.attachment-chip .attachment-thumb').count(), 1, 'the image has a preview');

    await page.locator('#composer-text').fill(`Ik kijk het na, zie de kaart. ${RUN}`);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/conversations/${conversationId}/replies`) && r.request().method() === 'POST'),
      page.click('#composer-send'),
    ]);
    assert.equal(response.status(), 201);
    const sent = (await response.json()).post;
    postId = sent.id;
    assert.equal(sent.review.state, 'pending');
    assert.equal(sent.attachments.length, 1);

    const post = page.locator(`li.post[data-post-id="${postId}"]`);
    await post.locator('[data-review="pending"]').waitFor();
    assert.match(await post.locator('.review-badge').textContent(), /Awaiting approval by a lead/);
    // The agent has no Approve button for their own reply.
    assert.equal(await post.locator('.approve-button').count(), 0);
    // The image is shown inline, fetched with the agent's session.
    const image = post.locator('.attachment-image img');
    await image.waitFor();
    await page.waitForFunction(
      (id) => document.querySelector(`li.post[data-post-id="${id}"] .attachment-image img`)?.naturalWidth === 1,
      postId,
    );
    assert.equal(await page.locator('.attachment-chip').count(), 0, 'the composer is empty again');
  });

  it('shows the lead the reply under "Needs approval", and the approval reaches the agent live', async () => {
    const page = await signInPage(browser, BASE_URL, 'lead', USERS.lead, dialogs, pageErrors);
    pages.lead = page;
    await page.locator('.connection-live').waitFor();
    await page.locator('#nav-review #pending-count').waitFor();
    assert.ok(Number(await page.locator('#pending-count').evaluate((el) => el.firstChild.textContent)) >= 1);
    await page.click('#nav-review');
    const item = page.locator(`.review-item[data-post-id="${postId}"]`);
    await item.waitFor();
    assert.match(await item.locator('.post-text').textContent(), new RegExp(RUN));
    await item.locator('.attachment-image img').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'review.png') });

    await item.locator('.approve-button').click();
    await item.waitFor({ state: 'detached' });

    // The agent's open conversation follows without a reload.
    const agent = pages.agent;
    const post = agent.locator(`li.post[data-post-id="${postId}"]`);
    await post.locator('[data-review="approved"]').waitFor();
    assert.match(await post.locator('.review-state').textContent(), /Approved by Test Lead/);
    await agent.waitForFunction((id) => !!document.querySelector(`li.post[data-post-id="${id}"]`)?.dataset.delivery, postId);
    assert.equal(await agent.evaluate(() => window.__webcareNoReload === true), true, 'the page was not reloaded');
    await agent.screenshot({ path: path.join(SCREENSHOT_DIR, 'review-approved.png') });
  });

  it('raised no page errors and no dialogs', () => {
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(dialogs, []);
  });
});
