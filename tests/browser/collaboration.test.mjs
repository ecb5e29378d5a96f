// End-to-end test of the collaborative inbox with two agents in two browser contexts (Debian's
// Chromium, driven by playwright-core): presence and typing, a claim race that exactly one
// wins, a reply that shows on the colleague's screen without a reload, an internal note with an
// @mention, and an inbound post imported through the API that appears in both inboxes live.
// Run through run.sh, which starts a server with demo data and creates the users:
//
//   bash tests/browser/run.sh build/dev/src/app/webcare [SCREENSHOT_DIR] collaboration.test.mjs
//
// or against a running server with those users (agent, agent2, lead, admin of run.sh):
//
//   WEBCARE_URL=http://127.0.0.1:8080 node --test tests/browser/collaboration.test.mjs
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
  agent2: { email: 'agent2@example.com', password: 'agent2-password-1', name: 'Second Agent' },
  lead: { email: 'lead@example.com', password: 'lead-password-1', name: 'Test Lead' },
  admin: { email: 'admin@example.com', password: 'admin-password-1', name: 'Test Admin' },
};
// Unique per run, so that the test can run twice against one server.
const RUN = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

checkEnvironment(BASE_URL, CHROMIUM);

/** A session of the HTTP API outside the browser (cookie + CSRF token). */
const apiSession = (who) => openApiSession(BASE_URL, USERS[who]);

/** @type {import('playwright-core').Browser} */
let browser;
const dialogs = [];
const pageErrors = [];
/** @type {Record<string, import('playwright-core').Page>} */
const pages = {};
let lead;
let conversationId;
let firstPost;

/** A signed-in page of its own (own cookies) for one user. */
function signIn(who) {
  return signInPage(browser, BASE_URL, who, USERS[who], dialogs, pageErrors);
}

/** Marks the page so that a reload (which would lose the mark) is noticed. */
async function markNoReload(page) {
  await page.evaluate(() => {
    window.__webcareNoReload = true;
  });
}

async function assertNotReloaded(page, what) {
  assert.equal(await page.evaluate(() => window.__webcareNoReload === true), true, `${what}: the page was not reloaded`);
}

function inboundPost(extra) {
  return {
    network: 'x',
    channel: 'x:@ovpas',
    author: { handle: `@klant_${RUN}`, name: 'Collab Klant', followers: 321 },
    created_at: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    ...extra,
  };
}

describe('Collaborative inbox: two agents', { concurrency: false }, () => {
  before(async () => {
    const index = await fetch(`${BASE_URL}/`);
    const html = await index.text();
    if (index.status !== 200 || !html.includes('id="app"')) {
      throw new Error(`GET ${BASE_URL}/ answered ${index.status} without the web UI (build with -DWEBCARE_BUILD_WEB=ON)`);
    }
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });

    // Both agents in every team, so that every conversation is theirs to see.
    const admin = await apiSession('admin');
    const people = await admin.call('GET', '/api/v1/people');
    assert.equal(people.status, 200, 'GET /people');
    const idOf = (email) => people.body.people.find((p) => p.email === email)?.id;
    const agentIds = [idOf(USERS.agent.email), idOf(USERS.agent2.email)];
    assert.ok(agentIds.every((id) => typeof id === 'number'), 'both agents exist (run.sh creates them)');
    const teams = await admin.call('GET', '/api/v1/teams');
    assert.equal(teams.status, 200);
    for (const team of teams.body.teams) {
      for (const userId of agentIds) {
        const r = await admin.call('PUT', `/api/v1/teams/${team.id}/members/${userId}`);
        assert.ok(r.status >= 200 && r.status < 300, `PUT team ${team.id} member ${userId}: ${r.status} ${JSON.stringify(r.body)}`);
      }
    }

    // A fresh conversation for the test, newest of all.
    lead = await apiSession('lead');
    firstPost = inboundPost({
      external_id: `collab-${RUN}-1`,
      text: `Mijn OV-pas werkt niet bij het poortje, kan iemand helpen? ref ${RUN}`,
    });
    const created = await lead.call('POST', '/api/v1/posts', firstPost);
    assert.equal(created.status, 201, `POST /posts: ${JSON.stringify(created.body)}`);
    const agent = await apiSession('agent');
    const list = await agent.call('GET', '/api/v1/conversations?limit=20');
    assert.equal(list.status, 200);
    const mine = list.body.conversations.find((c) => c.preview.includes(RUN));
    assert.ok(mine, 'the new conversation is listed for the agent');
    conversationId = mine.id;
    assert.equal(mine.assignee, null, 'nobody holds it yet');

    browser = await launchBrowser(CHROMIUM);
  });

  after(async () => {
    await browser?.close();
  });

  it('signs in both agents; both are live', async () => {
    pages.agent = await signIn('agent');
    pages.agent2 = await signIn('agent2');
    for (const page of Object.values(pages)) {
      await page.locator('.connection-live').waitFor();
      assert.equal((await page.locator('.connection').textContent()).trim(), 'Live');
      // The views of the rail carry counts.
      await page.locator('#view-unassigned .rail-count').waitFor();
    }
  });

  it('shows who else is viewing and typing', async () => {
    for (const page of Object.values(pages)) {
      await page.evaluate((id) => {
        window.location.hash = `#/c/${id}`;
      }, conversationId);
      await page.locator(`.conversation[data-id="${conversationId}"] .post`).first().waitFor();
      await markNoReload(page);
    }
    const { agent, agent2 } = pages;
    await agent.locator('.presence-item', { hasText: 'Second Agent is viewing' }).waitFor();
    await agent2.locator('.presence-item', { hasText: 'Test Agent is viewing' }).waitFor();
    // Nobody sees themselves.
    assert.equal(await agent.locator('.presence-item', { hasText: 'Test Agent' }).count(), 0);
    // The list row shows the colleague's presence dot.
    await agent.locator(`.conv-row[data-id="${conversationId}"] .presence-dots`).waitFor();

    await agent2.locator('#composer-text').click();
    await agent2.keyboard.type('Even kijken', { delay: 30 });
    await agent.locator('.presence-item.is-typing', { hasText: 'Second Agent is typing…' }).waitFor();
    await agent2.locator('#composer-text').fill('');
  });

  it('lets exactly one of two simultaneous claims win', async () => {
    const { agent, agent2 } = pages;
    await agent.locator('#claim-button').waitFor();
    await agent2.locator('#claim-button').waitFor();
    const claimResponse = (page) =>
      page.waitForResponse((r) => r.url().endsWith(`/api/v1/conversations/${conversationId}/claim`));
    const responses = [claimResponse(agent), claimResponse(agent2)];
    // Both click at the same moment (both pages read the same clock).
    const at = Date.now() + 400;
    await Promise.all(
      [agent, agent2].map((page) =>
        page.evaluate(
          (t) =>
            new Promise((resolve) => {
              window.setTimeout(() => {
                const button = document.querySelector('#claim-button');
                button?.click();
                resolve(!!button);
              }, Math.max(0, t - Date.now()));
            }),
          at,
        ),
      ),
    );
    const [r1, r2] = await Promise.all(responses);
    const statuses = [r1.status(), r2.status()].sort();
    assert.deepEqual(statuses, [200, 409], 'one claim wins, the other is refused');
    const winner = r1.status() === 200 ? 'agent' : 'agent2';
    const loser = winner === 'agent' ? 'agent2' : 'agent';
    const refused = (await (winner === 'agent' ? r2 : r1).json()).error.message;
    assert.match(refused, new RegExp(`already claimed by ${USERS[winner].name}`, 'i'));

    // The loser is told, and sees who holds it; the winner sees it is theirs.
    const shown = pages[loser].locator('.action-error');
    await shown.waitFor();
    assert.match(await shown.textContent(), /already claimed by/i);
    assert.ok((await shown.textContent()).includes(refused), 'the server message is shown');
    await pages[loser].locator('#claimed-by', { hasText: `Claimed by ${USERS[winner].name}` }).waitFor();
    await pages[winner].locator('#claimed-by', { hasText: 'Claimed by you' }).waitFor();
    assert.equal(await pages[loser].locator('#claim-button').count(), 0);
    // Only the holder replies: the loser's send button says why it is disabled.
    await pages[loser].locator('#composer-text').fill('Ik neem het over');
    await pages[loser].locator('.send-reason', { hasText: `${USERS[winner].name} has claimed this conversation` }).waitFor();
    assert.equal(await pages[loser].locator('#composer-send').isDisabled(), true);
    await pages[loser].locator('#composer-text').fill('');
    pages.winner = pages[winner];
    pages.loser = pages[loser];
    pages.winnerName = USERS[winner].name;
  });

  it('counts the reply as the network does and refuses one that is too long', async () => {
    const page = pages.winner;
    const measured = page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/replies/measure') && r.request().postDataJSON()?.text === 'x'.repeat(300),
    );
    await page.locator('#composer-text').fill('x'.repeat(300));
    const m = await (await measured).json();
    assert.equal(m.fits, false, 'X allows fewer than 300 characters');
    await page.locator('#char-count.is-over', { hasText: `${m.count} / ${m.limit}` }).waitFor();
    assert.equal(await page.locator('#composer-send').isDisabled(), true, 'send is disabled');
    assert.match(await page.locator('.send-reason').textContent(), /Too long/);
  });

  it("shows one agent's reply on the other's screen without a reload", async () => {
    const page = pages.winner;
    const reply = `Vervelend! We kijken ernaar, stuur je kaartnummer via DM. ${RUN}`;
    const measured = page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/replies/measure') && r.request().postDataJSON()?.text === reply,
    );
    await page.locator('#composer-text').fill(reply);
    const m = await (await measured).json();
    assert.equal(m.fits, true);
    await page.locator('#char-count:not(.is-over)', { hasText: `${m.count} / ${m.limit}` }).waitFor();
    const sent = page.waitForResponse((r) => r.url().endsWith(`/api/v1/conversations/${conversationId}/replies`));
    await page.locator('#composer-send').click();
    const r = await sent;
    assert.equal(r.status(), 201, `reply: ${await r.text()}`);
    const post = (await r.json()).post;
    assert.equal(post.direction, 'outbound');
    assert.equal(post.sent_by?.name, pages.winnerName);

    for (const p of [pages.winner, pages.loser]) {
      const shown = p.locator(`.post-outbound[data-post-id="${post.id}"]`);
      await shown.waitFor();
      assert.ok((await shown.locator('.post-text').textContent()).startsWith(reply));
      assert.ok(await shown.locator('.delivery').count(), 'the delivery state is shown');
      await assertNotReloaded(p, 'reply');
    }
    assert.equal(await pages.winner.locator('#composer-text').inputValue(), '', 'the composer is emptied');
  });

  it('writes an internal note with an @mention that notifies the colleague', async () => {
    const page = pages.winner;
    const other = pages.loser;
    const otherName = pages.winnerName === USERS.agent.name ? USERS.agent2.name : USERS.agent.name;
    await page.locator('#composer-mode-note').click();
    const box = page.locator('#composer-text');
    await box.click();
    await page.keyboard.type(`@${otherName.split(' ')[0].slice(0, 3)}`);
    const option = page.locator('.mention-option', { hasText: otherName });
    await option.waitFor();
    await option.click();
    await page.locator('.mention-list').waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.activeElement?.id === 'composer-text');
    await page.keyboard.type(`kun jij hiernaar kijken? ${RUN}`);
    assert.equal(await box.inputValue(), `@${otherName} kun jij hiernaar kijken? ${RUN}`);
    const saved = page.waitForResponse((r) => r.url().endsWith(`/api/v1/conversations/${conversationId}/notes`));
    await page.keyboard.press('Control+Enter');
    const r = await saved;
    assert.equal(r.status(), 201, `note: ${await r.text()}`);
    const sentBody = r.request().postDataJSON();
    assert.equal(sentBody.mentions.length, 1, 'one colleague mentioned');
    const note = (await r.json()).note;
    for (const p of [page, other]) {
      await p.locator(`.note[data-note-id="${note.id}"]`, { hasText: RUN }).waitFor();
    }
    // The note is visually distinct (not a post) and the colleague gets a notification live.
    assert.equal(await other.locator(`.post[data-post-id="${note.id}"] .post-text`, { hasText: 'kun jij' }).count(), 0);
    await other.locator('.notifications-button .badge-count').waitFor();
    await assertNotReloaded(other, 'note');
  });

  it('shows an inbound post imported through the API in both inboxes at once', async () => {
    // A follow-up in the open conversation, and a new conversation.
    const followUp = inboundPost({
      external_id: `collab-${RUN}-2`,
      in_reply_to: firstPost.external_id,
      text: `Kaartnummer volgt via DM, dank! ${RUN}`,
    });
    const fresh = inboundPost({
      external_id: `collab-${RUN}-3`,
      author: { handle: `@nieuw_${RUN}`, name: 'Nieuwe Klant', followers: 5 },
      text: `Trein naar Utrecht heeft weer vertraging ${RUN}-nieuw`,
    });
    const r = await lead.call('POST', '/api/v1/posts', [followUp, fresh]);
    assert.equal(r.status, 201, `POST /posts: ${JSON.stringify(r.body)}`);
    assert.equal(r.body.inserted, 2);

    for (const p of [pages.agent, pages.agent2]) {
      await p.locator('.conv-row', { hasText: `${RUN}-nieuw` }).waitFor();
      await p.locator(`.conversation[data-id="${conversationId}"] .post-inbound .post-text`, { hasText: 'Kaartnummer volgt' }).waitFor();
      await assertNotReloaded(p, 'import');
    }
    await pages.winner.mouse.move(0, 0);
    await pages.winner.screenshot({ path: path.join(SCREENSHOT_DIR, 'collaboration.png') });
    await pages.loser.screenshot({ path: path.join(SCREENSHOT_DIR, 'collaboration-colleague.png') });
  });

  it('keeps a change that comes while the list is loading', async () => {
    const { loser } = pages;
    // The loser's list is read by the server at once but reaches the page only later; the
    // conversation is resolved in between, so the page it gets still has it as open.
    let release;
    const held = new Promise((resolve) => {
      release = resolve;
    });
    let markRead;
    const read = new Promise((resolve) => {
      markRead = resolve;
    });
    const handler = async (route) => {
      const response = await route.fetch();
      markRead();
      await held;
      await route.fulfill({ response });
    };
    await loser.route(/\/api\/v1\/conversations\?.*view=all&open=1/, handler);
    await loser.evaluate(() => {
      window.location.hash = '#/?view=all&open=1';
    });
    await read;
    const resolved = await lead.call('POST', `/api/v1/conversations/${conversationId}/status`, { status: 'resolved' });
    assert.equal(resolved.status, 200, JSON.stringify(resolved.body));
    // Its event reaches the loser's screen while the list is still on its way.
    await loser.waitForTimeout(500);
    release();
    await loser.locator('.conv-row').first().waitFor();
    await loser.unroute(/\/api\/v1\/conversations\?.*view=all&open=1/, handler);
    assert.equal(await loser.locator(`.conv-row[data-id="${conversationId}"]`).count(), 0,
      'the resolved conversation is not shown among the open ones');
    // Open again for the next test.
    const reopened = await lead.call('POST', `/api/v1/conversations/${conversationId}/status`, { status: 'open' });
    assert.equal(reopened.status, 200, JSON.stringify(reopened.body));
  });

  it('drops a resolved conversation from a view of open ones, live', async () => {
    const { winner, loser } = pages;
    await loser.evaluate((id) => {
      window.location.hash = `#/c/${id}?view=all&open=1`;
    }, conversationId);
    await loser.locator(`.conv-row[data-id="${conversationId}"]`).waitFor();
    await winner.locator('#resolve-button').click();
    await winner.locator(`.conversation[data-status="resolved"]`).waitFor();
    await loser.locator(`.conv-row[data-id="${conversationId}"]`).waitFor({ state: 'detached' });
    await loser.locator(`.conversation[data-status="resolved"]`).waitFor();
    await winner.locator('#tab-history').click();
    // Resolved twice by now: by the lead in the test before, and here.
    await winner.locator('.history-item', { hasText: 'resolved' }).nth(1).waitFor();
    await winner.locator('.history-item', { hasText: 'claimed' }).waitFor();
  });

  it('drops a conversation moved to a team the agent is not in, from the list and the pane, live', async () => {
    const { loser } = pages;
    const admin = await apiSession('admin');
    const elsewhere = await admin.call('POST', '/api/v1/teams', { name: `Elders ${RUN}` });
    assert.equal(elsewhere.status, 201, JSON.stringify(elsewhere.body));
    const moved = inboundPost({
      external_id: `collab-${RUN}-4`,
      author: { handle: `@verhuist_${RUN}`, name: 'Verhuisde Klant', followers: 7 },
      text: `Mijn vraag hoort bij een ander team ${RUN}-elders`,
    });
    const r = await lead.call('POST', '/api/v1/posts', moved);
    assert.equal(r.status, 201, `POST /posts: ${JSON.stringify(r.body)}`);
    await loser.evaluate(() => {
      window.location.hash = '#/?view=all';
    });
    const row = loser.locator('.conv-row', { hasText: `${RUN}-elders` });
    await row.click();
    const id = Number(await row.getAttribute('data-id'));
    await loser.locator(`.conversation[data-id="${id}"] .post`).first().waitFor();
    await markNoReload(loser);

    const changed = await lead.call('POST', `/api/v1/conversations/${id}/team`, { team_id: elsewhere.body.id });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    await loser.locator(`.conv-row[data-id="${id}"]`).waitFor({ state: 'detached' });
    await loser.locator(`.conversation[data-id="${id}"]`).waitFor({ state: 'detached' });
    await assertNotReloaded(loser, 'moved out of sight');
    // The server agrees: it is no longer the agent's to open.
    const agent = await apiSession(pages.loser === pages.agent ? 'agent' : 'agent2');
    assert.equal((await agent.call('GET', `/api/v1/conversations/${id}`)).status, 403);
  });

  it('raised no page errors and no dialogs', () => {
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(dialogs, []);
  });
});
