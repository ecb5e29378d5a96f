// End-to-end test of the listening engine in the web UI (Debian's Chromium, driven by
// playwright-core): analysis in the inbox and under each post, the streams screen with its
// live preview, and the routing rules. Run through run.sh, which starts a server with demo
// data and creates the agent, lead and admin users:
//
//   bash tests/browser/run.sh build/dev/src/app/webcare [SCREENSHOT_DIR] streams.test.mjs
//
// or against a running server with those users:
//
//   WEBCARE_URL=http://127.0.0.1:8080 node --test tests/browser/streams.test.mjs
//
// Environment: WEBCARE_URL (required), SCREENSHOT_DIR (default $TMPDIR or /tmp),
// CHROMIUM (default /usr/bin/chromium).

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { signInPage, checkEnvironment, launchBrowser } from './support.mjs';

const BASE_URL = (process.env.WEBCARE_URL ?? '').replace(/\/+$/, '');
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR || process.env.TMPDIR || '/tmp';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const USERS = {
  agent: { email: 'agent@example.com', password: 'agent-password-1', name: 'Test Agent' },
  lead: { email: 'lead@example.com', password: 'lead-password-1', name: 'Test Lead' },
  admin: { email: 'admin@example.com', password: 'admin-password-1', name: 'Test Admin' },
};
const DEMO_STREAMS = ['Storingen', 'Betalingen', 'App', 'Wachttijd', 'Invloedrijk', 'Complimenten'];
const HTML_NAME = '<img src=x onerror=alert(1)><b>Bold</b> test';

checkEnvironment(BASE_URL, CHROMIUM);

/** @type {import('playwright-core').Browser} */
let browser;
const dialogs = [];
const pageErrors = [];

/** A signed-in page of its own (own cookies) for one user. */
function signIn(who) {
  return signInPage(browser, BASE_URL, who, USERS[who], dialogs, pageErrors);
}

/** The JSON of a GET in the page's session. */
async function apiGet(page, url) {
  return page.evaluate(async (u) => {
    const r = await fetch(u, { headers: { Accept: 'application/json' } });
    return { status: r.status, body: await r.json() };
  }, url);
}

/** The next GET /api/v1/conversations (first page) whose parameters satisfy `check`. */
function listResponse(page, check = () => true) {
  return page.waitForResponse((r) => {
    const u = new URL(r.url());
    return (
      u.pathname === '/api/v1/conversations' &&
      r.request().method() === 'GET' &&
      !u.searchParams.get('cursor') &&
      check(u.searchParams)
    );
  });
}

/** Waits until the rows shown are exactly `conversations` (in order). */
async function rowsAre(page, conversations) {
  await page.waitForFunction(
    (ids) => [...document.querySelectorAll('.conv-list:not(.is-refreshing) .conv-row')].map((r) => r.dataset.id).join(',') === ids,
    conversations.map((c) => String(c.id)).join(','),
  );
}

async function goHome(page) {
  const response = listResponse(page, (p) => [...p.keys()].every((k) => k === 'limit'));
  const atHome = await page.evaluate(() => ['', '#', '#/'].includes(window.location.hash));
  if (atHome) {
    await page.locator('.conv-list:not(.is-refreshing) .conv-row, .list-state').first().waitFor();
    await page.getByRole('button', { name: 'Refresh' }).click();
  } else {
    await page.evaluate(() => {
      window.location.hash = '#/';
    });
  }
  const body = await (await response).json();
  await rowsAre(page, body.conversations);
  return body.conversations;
}

function previewResponse(page, q) {
  return page.waitForResponse((r) => {
    const u = new URL(r.url());
    return u.pathname === '/api/v1/streams/preview' && u.searchParams.get('q') === q;
  });
}

describe('Webcare listening engine in the web UI', { concurrency: false }, () => {
  /** @type {import('playwright-core').Page} */
  let agent;
  /** @type {import('playwright-core').Page} */
  let lead;

  before(async () => {
    const index = await fetch(`${BASE_URL}/`);
    const html = await index.text();
    if (index.status !== 200 || !html.includes('id="app"')) {
      throw new Error(`GET ${BASE_URL}/ answered ${index.status} without the web UI (build with -DWEBCARE_BUILD_WEB=ON)`);
    }
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    browser = await launchBrowser(CHROMIUM);
  });

  after(async () => {
    await browser?.close();
  });

  it('shows priority, sentiment, language and streams in the inbox', async () => {
    agent = await signIn('agent');
    const conversations = await goHome(agent);
    assert.ok(conversations.length > 0, 'the demo inbox has conversations');
    const { body: streamsBody } = await apiGet(agent, '/api/v1/streams');
    const colours = new Map(streamsBody.streams.map((s) => [s.id, s.colour.toLowerCase()]));

    // Every row shows its priority as a number, with the band in the title.
    const rows = agent.locator('.conv-row');
    for (let i = 0; i < Math.min(conversations.length, 10); i++) {
      const c = conversations[i];
      const row = rows.nth(i);
      const badge = row.locator('.priority-badge');
      assert.equal(await badge.count(), 1, `row ${i}: a priority badge`);
      assert.equal((await badge.locator('[aria-hidden=true]').textContent()).trim(), String(c.priority), `row ${i}: the priority number`);
      assert.match(await badge.getAttribute('title'), /^Priority \d+ of 100 \((low|normal|high|urgent)\)$/);
      if (c.sentiment) {
        const tag = row.locator('.sentiment-tag');
        assert.equal(await tag.getAttribute('data-sentiment'), c.sentiment);
        // A text label, not colour alone.
        assert.equal((await tag.textContent()).trim().toLowerCase(), c.sentiment, `row ${i}: sentiment as text`);
      }
      if (c.language) assert.equal((await row.locator('.lang-tag').getAttribute('data-language')), c.language);
      const chips = row.locator('.stream-chip');
      assert.equal(await chips.count(), (c.streams ?? []).length, `row ${i}: one chip per stream`);
    }
    // Somewhere on the page: a sentiment, a language and a stream chip in the stream's colour.
    const withStream = conversations.find((c) => (c.streams ?? []).length > 0);
    assert.ok(withStream, 'demo conversations are caught by streams');
    assert.ok(conversations.some((c) => c.sentiment), 'demo conversations have a sentiment');
    assert.ok(conversations.some((c) => c.language), 'demo conversations have a language');
    const chip = agent.locator(`.conv-row[data-id="${withStream.id}"] .stream-chip`).first();
    assert.equal((await chip.textContent()).trim(), withStream.streams[0].name);
    const chipColour = await chip.evaluate((el) => getComputedStyle(el).getPropertyValue('--chip').trim().toLowerCase());
    assert.equal(chipColour, colours.get(withStream.streams[0].id), 'the chip has the colour of its stream');
    await agent.mouse.move(0, 0);
    await agent.screenshot({ path: path.join(SCREENSHOT_DIR, 'inbox-analysis.png') });
  });

  it('narrows the list with the sentiment, priority and stream filters (kept in the URL)', async () => {
    const all = await goHome(agent);
    assert.ok(all.some((c) => c.sentiment !== 'negative'), 'the unfiltered list has non-negative conversations');

    let response = listResponse(agent, (p) => p.get('sentiment') === 'negative');
    await agent.selectOption('#filter-sentiment', 'negative');
    let r = await response;
    assert.equal(r.status(), 200);
    const negative = (await r.json()).conversations;
    assert.ok(negative.length > 0, 'demo data has negative conversations');
    await rowsAre(agent, negative);
    const labels = await agent.locator('.conv-row').evaluateAll((rows) =>
      rows.map((row) => row.querySelector('.sentiment-tag')?.getAttribute('data-sentiment') ?? null),
    );
    assert.ok(labels.every((l) => l === 'negative'), `only negative conversations: ${labels.join(',')}`);
    assert.notDeepEqual(negative.map((c) => c.id), all.map((c) => c.id), 'the list changed');
    assert.match(agent.url(), /[?&]sentiment=negative/, 'the filter is in the URL');

    // The filter survives a reload.
    response = listResponse(agent, (p) => p.get('sentiment') === 'negative');
    await agent.reload();
    await response;
    await agent.locator('.conv-list:not(.is-refreshing) .conv-row').first().waitFor();
    assert.equal(await agent.locator('#filter-sentiment').inputValue(), 'negative');

    // Most urgent first, and a minimum priority.
    response = listResponse(agent, (p) => p.get('sort') === 'priority' && p.get('sentiment') === 'negative');
    await agent.selectOption('#filter-sort', 'priority');
    const byPriority = (await (await response).json()).conversations;
    await rowsAre(agent, byPriority);
    const shown = await agent.locator('.conv-row .priority-badge').evaluateAll((els) => els.map((e) => Number(e.dataset.priority)));
    assert.deepEqual(shown, [...shown].sort((a, b) => b - a), 'highest priority first');

    response = listResponse(agent, (p) => p.get('min_priority') === '50');
    await agent.selectOption('#filter-priority', '50');
    const urgent = (await (await response).json()).conversations;
    await rowsAre(agent, urgent);
    const priorities = await agent.locator('.conv-row .priority-badge').evaluateAll((els) => els.map((e) => Number(e.dataset.priority)));
    assert.ok(priorities.every((p) => p >= 50), `all at least 50: ${priorities.join(',')}`);
    assert.match(agent.url(), /min_priority=50/);

    // A stream from the select.
    const { body } = await apiGet(agent, '/api/v1/streams');
    const storingen = body.streams.find((s) => s.name === 'Storingen');
    assert.ok(storingen, 'the demo stream Storingen exists');
    const options = await agent.locator('#filter-stream option').allTextContents();
    for (const name of DEMO_STREAMS) assert.ok(options.includes(name), `stream ${name} offered`);
    response = listResponse(agent, (p) => p.get('stream') === String(storingen.id) && !p.get('sentiment'));
    // Clear the other filters first, keeping the order.
    await agent.evaluate((id) => {
      window.location.hash = `#/?stream=${id}&sort=priority`;
    }, storingen.id);
    const inStream = (await (await response).json()).conversations;
    assert.ok(inStream.length > 0, 'Storingen caught demo conversations');
    await rowsAre(agent, inStream);
    const chipNames = await agent.locator('.conv-row').evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll('.stream-chip-name')].map((c) => c.textContent)),
    );
    assert.ok(chipNames.every((names) => names.includes('Storingen')), 'every row carries the Storingen chip');
    assert.equal(await agent.locator('#filter-stream').inputValue(), String(storingen.id));

    // Keyboard navigation still works with the filters.
    await agent.evaluate(() => (document.activeElement instanceof HTMLElement ? document.activeElement.blur() : undefined));
    await agent.keyboard.press('j');
    await agent.locator('.conv-row.is-selected[data-index="0"]').waitFor({ timeout: 5_000 });
    await goHome(agent);
  });

  it('shows the analysis of each post with a "Why?" explanation', async () => {
    // A negative conversation: its inbound posts have words with a sentiment.
    const response = listResponse(agent, (p) => p.get('sentiment') === 'negative');
    await agent.selectOption('#filter-sentiment', 'negative');
    const negative = (await (await response).json()).conversations;
    await rowsAre(agent, negative);
    let detail = null;
    let post = null;
    for (const c of negative.slice(0, 10)) {
      const { body } = await apiGet(agent, `/api/v1/conversations/${c.id}`);
      post = body.posts.find((p) => p.analysis && p.analysis.sentiment.explanation.length > 0 && p.analysis.reasons.length > 0);
      if (post) {
        detail = body;
        break;
      }
    }
    assert.ok(post, 'a negative conversation with an explained post');
    await agent.locator(`.conv-row[data-id="${detail.conversation.id}"]`).click();
    const item = agent.locator(`.post[data-post-id="${post.id}"]`);
    await item.waitFor();

    // The compact line.
    const a = post.analysis;
    const line = item.locator('.analysis');
    assert.equal(await line.locator('.lang-tag').getAttribute('data-language'), a.language);
    assert.equal(await line.locator('.sentiment-tag').getAttribute('data-sentiment'), a.sentiment.label);
    assert.match((await line.locator('.sentiment-tag').textContent()).trim(), /^(Negative|Neutral|Positive)\s*[+−]?\d\.\d\d$/);
    assert.equal(await line.locator('.intent-tag').getAttribute('data-intent'), a.intent);
    assert.equal(await line.locator('.priority-badge').getAttribute('data-priority'), String(a.priority));
    assert.deepEqual(await line.locator('.stream-chip-name').allTextContents(), a.streams.map((s) => s.name));

    // "Why?" is closed until asked.
    const why = line.locator('details.why');
    assert.equal(await why.getAttribute('open'), null);
    assert.equal(await line.locator('.why-table').first().isVisible(), false);
    await why.locator('summary').click();
    await line.locator('.why-sentiment .why-table').waitFor({ state: 'visible' });
    const tokens = await line.locator('.why-sentiment tbody .why-token').allTextContents();
    assert.deepEqual(tokens, a.sentiment.explanation.map((t) => t.token), 'every word of the explanation, as text');
    const rules = await line.locator('.why-sentiment tbody .why-rule').allTextContents();
    assert.deepEqual(rules, a.sentiment.explanation.map((t) => t.rule));
    const contributions = await line.locator('.why-sentiment tbody td.num').allTextContents();
    assert.equal(contributions.length, a.sentiment.explanation.length);
    assert.ok(contributions.every((c) => /^[+−]?\d+\.\d\d$/.test(c)), `contributions shown as numbers: ${contributions.join(' ')}`);
    const reasons = await line.locator('.why-priority tbody .why-reason').allTextContents();
    assert.deepEqual(reasons, a.reasons.map((r) => r.text), 'every priority reason');
    const points = await line.locator('.why-priority tbody td.num').allTextContents();
    assert.deepEqual(points, a.reasons.map((r) => (r.points > 0 ? `+${r.points}` : r.points < 0 ? `−${-r.points}` : '0')));
    assert.equal((await line.locator('.why-priority tfoot td').textContent()).trim(), String(a.priority));

    // Posts without analysis show nothing extra; posts with one show exactly one line.
    for (const p of detail.posts) {
      assert.equal(await agent.locator(`.post[data-post-id="${p.id}"] .analysis`).count(), p.analysis ? 1 : 0, `post ${p.id}`);
    }
    await item.scrollIntoViewIfNeeded();
    await agent.mouse.move(0, 0);
    await agent.screenshot({ path: path.join(SCREENSHOT_DIR, 'conversation-why.png') });

    // Keyboard: Enter on the summary closes it again, Escape closes the conversation.
    await why.locator('summary').focus();
    await agent.keyboard.press('Enter');
    await line.locator('.why-table').first().waitFor({ state: 'hidden' });
    await goHome(agent);
  });

  it('shows the streams read-only to an agent', async () => {
    await agent.locator('#nav-streams').click();
    await agent.locator('.streams-table').waitFor();
    assert.match(agent.url(), /#\/streams$/);
    const names = await agent.locator('.streams-table tbody .stream-chip-name').allTextContents();
    for (const name of DEMO_STREAMS) assert.ok(names.includes(name), `stream ${name} listed`);
    const row = agent.locator('.streams-table tbody tr', { has: agent.locator('.stream-chip-name', { hasText: /^Storingen$/ }) });
    assert.match(await row.locator('.query-text').textContent(), /storing\*/);
    assert.equal((await row.locator('.stream-team').textContent()).trim(), 'Binnendienst');
    assert.equal((await row.locator('.stream-weight').textContent()).trim(), '+20');
    assert.equal(await agent.locator('.query-text').first().evaluate((el) => getComputedStyle(el).fontFamily.includes('mono')), true, 'queries in monospace');
    // No way to change anything.
    assert.equal(await agent.locator('#stream-create').count(), 0, 'no create button');
    assert.equal(await agent.getByRole('button', { name: /New stream|Edit|Delete/ }).count(), 0, 'no create, edit or delete');
    assert.equal(await agent.locator('.read-only-note').count(), 1);
    // The routing rules, read-only too.
    await agent.locator('#nav-routing').click();
    await agent.locator('.rules-list').waitFor();
    assert.ok((await agent.locator('.rule-row').count()) >= 10, 'every rule listed');
    assert.equal(await agent.locator('.rules-list input, .rules-list select').count(), 0, 'no inputs');
    assert.equal(await agent.locator('#rules-save').count(), 0, 'no save');
    await agent.context().close();
  });

  it('lets a lead create a stream with a live preview, see a query error, edit and delete it', async () => {
    lead = await signIn('lead');
    await lead.locator('#nav-streams').click();
    await lead.locator('.streams-table').waitFor();
    await lead.locator('#stream-create').click();
    await lead.locator('#stream-name').waitFor();
    assert.equal(await lead.evaluate(() => document.activeElement?.id), 'stream-name', 'the form takes the focus');
    await lead.fill('#stream-name', HTML_NAME);

    // Typing is debounced: one preview for the whole word, not one per key.
    const previews = [];
    const onRequest = (req) => {
      if (new URL(req.url()).pathname === '/api/v1/streams/preview') previews.push(new URL(req.url()).searchParams.get('q'));
    };
    lead.on('request', onRequest);
    let preview = previewResponse(lead, 'storing');
    await lead.locator('#stream-query').focus();
    await lead.keyboard.type('storing', { delay: 40 });
    let r = await preview;
    lead.off('request', onRequest);
    assert.equal(r.status(), 200);
    // 7 keys; at most a stray request if the machine stalled for 300 ms between two of them.
    assert.ok(previews.length <= 2, `debounced: ${previews.length} preview requests (${previews.join(', ')})`);
    assert.equal(previews.at(-1), 'storing', 'the preview asks for what was typed');
    const posts = (await r.json()).posts;
    assert.ok(posts.length > 0, 'stored posts mention "storing"');
    await lead.locator('.preview-post').first().waitFor();
    assert.equal(await lead.locator('.preview-post').count(), posts.length);
    const first = lead.locator('.preview-post').first();
    assert.deepEqual(await first.locator('.matched-chip').allTextContents(), posts[0].matched, 'the matched parts as chips');
    assert.ok(posts[0].matched.includes('storing'), 'the word is among the matched parts');
    assert.match(await lead.locator('.preview-status').textContent(), /matching post/);

    // A malformed query: the server's message with its column, at the query field.
    const bad = 'storing AND "kapotte poort';
    preview = previewResponse(lead, bad);
    await lead.fill('#stream-query', bad);
    r = await preview;
    assert.equal(r.status(), 400);
    const message = (await r.json()).error.message;
    assert.match(message, /column 13/);
    const error = lead.locator('#stream-query-error');
    await error.waitFor();
    assert.equal((await error.locator('.query-error-message').textContent()).replace('Query error: ', '').trim(), message);
    assert.equal(await lead.locator('#stream-query').getAttribute('aria-invalid'), 'true');
    assert.equal(await error.locator('mark').textContent(), '"', 'the column is marked in the query');
    await lead.screenshot({ path: path.join(SCREENSHOT_DIR, 'streams-error.png') });

    // A good query again, with team, colour and weight; saved.
    const query = 'storing* OR outage';
    preview = previewResponse(lead, query);
    await lead.fill('#stream-query', query);
    await preview;
    await lead.locator('.preview-post').first().waitFor();
    assert.equal(await lead.locator('#stream-query-error').count(), 0, 'the error is gone');
    await lead.selectOption('#stream-team', { label: 'Support' });
    await lead.fill('#stream-colour-hex', '#0f766e');
    await lead.fill('#stream-weight', '7');
    await lead.mouse.move(0, 0);
    await lead.screenshot({ path: path.join(SCREENSHOT_DIR, 'streams.png') });
    const created = lead.waitForResponse((res) => new URL(res.url()).pathname === '/api/v1/streams' && res.request().method() === 'POST');
    await lead.locator('#stream-save').click();
    r = await created;
    assert.equal(r.status(), 201);
    const stream = await r.json();
    assert.equal(stream.name, HTML_NAME);
    assert.equal(stream.colour, '#0f766e');
    assert.equal(stream.priority_weight, 7);

    // Listed, with the HTML in its name as text.
    const row = lead.locator(`.streams-table tr[data-stream-id="${stream.id}"]`);
    await row.waitFor();
    assert.equal(await row.locator('.stream-chip-name').textContent(), HTML_NAME, 'the name shown literally');
    assert.equal((await row.locator('.stream-team').textContent()).trim(), 'Support');
    assert.equal((await row.locator('.stream-weight').textContent()).trim(), '+7');
    assert.equal((await row.locator('.query-text').textContent()), query);
    await lead.locator('.notice', { hasText: 'created' }).waitFor();
    // The rail lists it too (as text).
    await lead.locator('.rail-stream-name', { hasText: 'Bold' }).waitFor();
    assert.equal(await lead.locator('.rail-stream-name', { hasText: 'Bold' }).textContent(), HTML_NAME);
    assert.equal(await lead.locator('img[src="x"], .stream-chip b, .rail b').count(), 0, 'no markup injected');

    // Edit: weight and active.
    await row.getByRole('button', { name: /^Edit stream / }).click();
    await lead.locator('#stream-name').waitFor();
    assert.equal(await lead.locator('#stream-name').inputValue(), HTML_NAME);
    assert.equal(await lead.locator('#stream-query').inputValue(), query);
    assert.equal(await lead.locator('#stream-weight').inputValue(), '7');
    assert.equal(await lead.locator('#stream-editor-title').textContent(), `Edit stream ${HTML_NAME}`);
    await lead.fill('#stream-weight', '-3');
    await lead.locator('#stream-active').uncheck();
    const patched = lead.waitForResponse((res) => new URL(res.url()).pathname === `/api/v1/streams/${stream.id}` && res.request().method() === 'PATCH');
    await lead.locator('#stream-save').click();
    r = await patched;
    assert.equal(r.status(), 200);
    assert.equal((await r.json()).priority_weight, -3);
    await row.locator('.state-pill.is-off').waitFor();
    assert.equal((await row.locator('.stream-weight').textContent()).trim(), '-3');

    // A bad weight is caught before it is sent. The save above reloads the streams here and
    // in the navigation rail; wait until both are in so no late reload lands on the form.
    await lead.waitForLoadState('networkidle');
    await row.getByRole('button', { name: /^Edit stream / }).click();
    await lead.fill('#stream-weight', '500');
    assert.equal(await lead.locator('#stream-weight').inputValue(), '500');
    await lead.locator('#stream-save').click();
    await lead.locator('#stream-form-error', { hasText: '-100 to 100' }).waitFor();
    await lead.getByRole('button', { name: 'Cancel' }).click();
    await lead.locator('.stream-editor').waitFor({ state: 'detached' });

    // Delete, after a confirmation that names it (as text).
    await row.getByRole('button', { name: /^Delete stream / }).click();
    const dialog = lead.locator('dialog.confirm-dialog');
    await dialog.waitFor({ state: 'visible' });
    assert.match(await dialog.locator('#confirm-text').textContent(), /Bold/);
    assert.equal(await dialog.locator('b, img').count(), 0);
    // Cancel keeps it.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await row.count(), 1);
    await row.getByRole('button', { name: /^Delete stream / }).click();
    await dialog.waitFor({ state: 'visible' });
    const deleted = lead.waitForResponse((res) => new URL(res.url()).pathname === `/api/v1/streams/${stream.id}` && res.request().method() === 'DELETE');
    await dialog.getByRole('button', { name: 'Delete stream' }).click();
    assert.equal((await deleted).status(), 204);
    await row.waitFor({ state: 'detached' });
    await lead.locator('.notice', { hasText: 'deleted' }).waitFor();
    const { body } = await apiGet(lead, '/api/v1/streams');
    assert.ok(!body.streams.some((s) => s.id === stream.id), 'gone on the server');

    // Screenshots of the list, at desktop and tablet width.
    await lead.mouse.move(0, 0);
    await lead.screenshot({ path: path.join(SCREENSHOT_DIR, 'streams-list.png') });
    await lead.setViewportSize({ width: 820, height: 1180 });
    await lead.locator('#stream-create').click();
    await lead.fill('#stream-query', 'storing*');
    await lead.locator('.preview-post').first().waitFor();
    await lead.screenshot({ path: path.join(SCREENSHOT_DIR, 'streams-tablet.png') });
    // Nothing runs off the side at tablet width.
    const overflow = await lead.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling at 820 px (${overflow} px)`);
    await lead.getByRole('button', { name: 'Cancel' }).click();
    await lead.setViewportSize({ width: 1280, height: 800 });
  });

  it('shows the routing rules read-only to a lead', async () => {
    await lead.locator('#nav-routing').click();
    await lead.locator('.rules-list').waitFor();
    assert.equal(await lead.locator('.rules-list input').count(), 0);
    assert.equal(await lead.locator('.read-only-note').count(), 1);
    await lead.context().close();
  });

  it('lets an admin change the routing rules, and shows the server refusing a bad value', async () => {
    const admin = await signIn('admin');
    await admin.evaluate(() => {
      window.location.hash = '#/routing';
    });
    await admin.locator('#rule-question').waitFor();
    const { body: before } = await apiGet(admin, '/api/v1/routing/rules');
    assert.equal(await admin.locator('#rule-question').inputValue(), String(before.question));
    for (const key of Object.keys(before)) {
      assert.equal(await admin.locator(`#rule-${key}`).count(), 1, `a field for ${key}`);
    }
    assert.match(await admin.locator('.rule-row[data-rule="negative_sentiment"] .field-hint').textContent(), /negative/);

    const next = before.question === 20 ? 21 : 20;
    await admin.fill('#rule-question', String(next));
    let put = admin.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/routing/rules' && r.request().method() === 'PUT');
    await admin.locator('#rules-save').click();
    let r = await put;
    assert.equal(r.status(), 200);
    await admin.locator('.notice', { hasText: 'saved' }).waitFor();
    const { body: after } = await apiGet(admin, '/api/v1/routing/rules');
    assert.equal(after.question, next, 'stored');
    assert.equal(after.base, before.base, 'the other rules kept');
    await admin.mouse.move(0, 0);
    await admin.setViewportSize({ width: 1280, height: 1100 });
    await admin.locator('#screen-main').evaluate((el) => el.scrollTo(0, 0));
    await admin.screenshot({ path: path.join(SCREENSHOT_DIR, 'routing.png') });
    await admin.setViewportSize({ width: 1280, height: 800 });

    // A value out of range: the server's message.
    await admin.fill('#rule-base', '500');
    put = admin.waitForResponse((res) => new URL(res.url()).pathname === '/api/v1/routing/rules' && res.request().method() === 'PUT');
    await admin.locator('#rules-save').click();
    r = await put;
    assert.equal(r.status(), 400);
    const message = (await r.json()).error.message;
    await admin.locator('#rules-error', { hasText: message }).waitFor();
    assert.match(message, /base/);
    // Undo restores the stored values.
    await admin.getByRole('button', { name: 'Undo changes' }).click();
    assert.equal(await admin.locator('#rule-base').inputValue(), String(after.base));

    // An admin sees the create button on the streams screen.
    await admin.locator('#nav-streams').click();
    await admin.locator('#stream-create').waitFor();
    await admin.context().close();
  });

  it('raised no page errors and no dialogs', () => {
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(dialogs, []);
  });
});
