// End-to-end test of service levels in Debian's Chromium (playwright-core): an admin sets a
// team's business hours (a wrong time zone is refused with the server's sentence) and its SLA
// policy on the SLA screen; the conversations of that team then show their SLA clock, green
// with the time left and red once overdue, in the list and in the conversation header; the
// SLA filter finds the overdue one. Run through run.sh, which starts a server with demo data:
//
//   bash tests/browser/run.sh build/dev/src/app/webcare [SCREENSHOT_DIR] sla.test.mjs
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
const TEAM = `SLA team ${RUN}`;

checkEnvironment(BASE_URL, CHROMIUM);

/** A session of the HTTP API outside the browser (cookie + CSRF token). */
const apiSession = async (who) => (await openApiSession(BASE_URL, USERS[who])).call;

/** A new inbound post written `minutesAgo`, as a conversation of its own in `teamId`. */
async function conversationInTeam(lead, name, teamId, minutesAgo) {
  const handle = `@${name}_${RUN}`;
  const created = new Date(Date.now() - minutesAgo * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const posted = await lead('POST', '/api/v1/posts', {
    network: 'x',
    channel: 'x:@ovpas',
    external_id: `sla-${name}-${RUN}`,
    author: { handle, name: `Klant ${name}`, followers: 10 },
    text: `Mijn saldo klopt niet (${name} ${RUN})`,
    created_at: created,
  });
  assert.equal(posted.status, 201, `POST /posts: ${JSON.stringify(posted.body)}`);
  const found = await lead('GET', `/api/v1/conversations?q=${encodeURIComponent(`author:"${handle}"`)}&limit=5`);
  const id = found.body.conversations[0]?.id;
  assert.ok(id, `the conversation of ${handle} exists`);
  const moved = await lead('POST', `/api/v1/conversations/${id}/team`, { team_id: teamId });
  assert.equal(moved.status, 200, `POST /team: ${JSON.stringify(moved.body)}`);
  return moved.body.conversation;
}

/** @type {import('playwright-core').Browser} */
let browser;
const dialogs = [];
const pageErrors = [];
let teamId;
let adminPage;

describe('Service levels', { concurrency: false }, () => {
  before(async () => {
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const admin = await apiSession('admin');
    const team = await admin('POST', '/api/v1/teams', { name: TEAM });
    assert.equal(team.status, 201, `POST /teams: ${JSON.stringify(team.body)}`);
    teamId = team.body.id;
    browser = await launchBrowser(CHROMIUM);
  });

  after(async () => {
    await browser?.close();
  });

  it('lets an admin set a team’s business hours and policy', async () => {
    adminPage = await signInPage(browser, BASE_URL, 'admin', USERS.admin, dialogs, pageErrors);
    await adminPage.locator('#nav-sla').click();
    await adminPage.locator('#sla-report').waitFor();
    await adminPage.selectOption('#sla-scope', String(teamId));
    await adminPage.locator('#sla-hours-title').waitFor();

    // A time zone that does not exist is refused with the server's sentence.
    await adminPage.fill('#sla-timezone', 'Mars/Olympus_Mons');
    await adminPage.locator('#sla-save-hours').click();
    await adminPage.locator('#sla-hours-error', { hasText: 'is not a known IANA time zone' }).waitFor();

    // Weekdays 09:00-17:00 are suggested; add Saturday morning, and Christmas as closed.
    await adminPage.fill('#sla-timezone', 'Europe/Amsterdam');
    await adminPage.locator('#sla-add-interval-6').click();
    const saturday = adminPage.locator('.sla-day[data-weekday="6"] .sla-interval');
    await saturday.locator('.sla-opens').fill('10:00');
    await saturday.locator('.sla-closes').fill('14:00');
    await adminPage.locator('#sla-add-closed').click();
    await adminPage.locator('.sla-closed-date').fill('2026-12-25');
    await adminPage.locator('.sla-closed-name').fill('Kerstmis');
    await adminPage.locator('#sla-save-hours').click();
    await adminPage.locator('.sla-card .notice', { hasText: 'Business hours saved' }).waitFor();

    const admin = await apiSession('admin');
    const hours = (await admin('GET', '/api/v1/sla/business-hours')).body.business_hours.find((h) => h.team_id === teamId);
    assert.ok(hours, 'the team has business hours');
    assert.equal(hours.time_zone, 'Europe/Amsterdam');
    assert.deepEqual(
      hours.intervals.filter((i) => i.weekday === 6),
      [{ weekday: 6, opens: '10:00', closes: '14:00' }],
    );
    assert.deepEqual(hours.closed, [{ date: '2026-12-25', name: 'Kerstmis' }]);

    // The SLA clocks of this test must not depend on the hour it runs at: 24/7 after all.
    await adminPage.locator('#sla-always-open').check();
    await adminPage.locator('#sla-save-hours').click();
    await adminPage.waitForFunction(
      async (id) => {
        const r = await fetch('/api/v1/sla/business-hours');
        const body = await r.json();
        return body.business_hours.some((h) => h.team_id === id && h.always_open);
      },
      teamId,
    );

    // The policy: a first response within 30 minutes, warned at 80 %.
    await adminPage.fill('#sla-band-0-first', '30');
    await adminPage.fill('#sla-band-0-next', '60');
    await adminPage.fill('#sla-band-0-resolution', '480');
    await adminPage.selectOption('#sla-warn-mode', 'percent');
    await adminPage.fill('#sla-warn-value', '80');
    await adminPage.locator('#sla-save-policy').click();
    await adminPage.locator('.sla-card .notice', { hasText: 'Policy saved' }).waitFor();
    const policy = (await admin('GET', '/api/v1/sla/policies')).body.policies.find((p) => p.team_id === teamId);
    assert.ok(policy, 'the team has a policy');
    assert.equal(policy.bands[0].first_response_minutes, 30);
    assert.equal(policy.warn_percent, 80);
    await adminPage.screenshot({ path: path.join(SCREENSHOT_DIR, 'sla-settings.png') });
  });

  it('shows the SLA clock on the team’s conversations, green and red', async () => {
    const lead = await apiSession('lead');
    const fresh = await conversationInTeam(lead, 'fresh', teamId, 2);
    const late = await conversationInTeam(lead, 'late', teamId, 45);
    assert.equal(fresh.sla.state, 'ok');
    assert.equal(late.sla.state, 'breached');

    await adminPage.evaluate(
      ([id, team]) => {
        window.location.hash = `#/c/${id}?team=${team}&sort=sla`;
      },
      [fresh.id, teamId],
    );
    const header = adminPage.locator('.conversation-header .sla-chip');
    await header.waitFor();
    assert.equal(await header.getAttribute('data-sla'), 'ok');
    assert.match(await header.innerText(), /2\dm left/);
    assert.match(await header.getAttribute('title'), /First response due/);

    // In the list, soonest deadline first: the overdue one leads, in red.
    const rows = adminPage.locator('.conv-row');
    await adminPage.locator(`.conv-row[data-id="${late.id}"] .sla-chip.sla-breached`).waitFor();
    assert.equal(await rows.first().getAttribute('data-id'), String(late.id));
    assert.match(await adminPage.locator(`.conv-row[data-id="${late.id}"] .sla-chip`).innerText(), /overdue/);
    await adminPage.locator(`.conv-row[data-id="${fresh.id}"] .sla-chip.sla-ok`).waitFor();
    await adminPage.screenshot({ path: path.join(SCREENSHOT_DIR, 'sla-clock.png') });

    // The SLA filter keeps only the breached one.
    await adminPage.selectOption('#filter-sla', 'breached');
    await adminPage.locator(`.conv-row[data-id="${fresh.id}"]`).waitFor({ state: 'detached' });
    await adminPage.locator(`.conv-row[data-id="${late.id}"]`).waitFor();
    assert.equal(await adminPage.locator('.conv-row').count(), 1);
  });

  it('keeps agents off the SLA screen and raised no page errors', async () => {
    const agentPage = await signInPage(browser, BASE_URL, 'agent', USERS.agent, dialogs, pageErrors);
    assert.equal(await agentPage.locator('#nav-sla').count(), 0, 'agents have no SLA link');
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(dialogs, []);
  });
});
