// Shared by the browser tests: the environment check, the browser, a signed-in page with its
// own cookies, and an API session outside the browser.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { chromium } from 'playwright-core';

/** Stops the test file with a clear message when the server or Chromium is missing. */
export function checkEnvironment(baseUrl, chromiumPath) {
  if (!baseUrl) throw new Error('WEBCARE_URL is not set (e.g. http://127.0.0.1:8080)');
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(`${chromiumPath} not found: install Debian's chromium package (apt-get install chromium)`);
  }
}

/** Chromium's switches for the tests: headless in a container, without background traffic. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Debian's Chromium, headless, without the background traffic a test does not want. */
export function launchBrowser(chromiumPath) {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS });
}

/**
 * Opens a fresh browser context (1280×800, en-GB, Amsterdam time) for `user`
 * ({email, password, name}), logs in through the log-in form and waits for the inbox.
 * Dialogs are recorded in `dialogs` and dismissed; page errors go to `pageErrors` as
 * "<who>: <error>".
 */
export async function signInPage(browser, baseUrl, who, user, dialogs, pageErrors) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'en-GB',
    timezoneId: 'Europe/Amsterdam',
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    dialog.dismiss().catch(() => {});
  });
  page.on('pageerror', (error) => pageErrors.push(`${who}: ${String(error)}`));
  await page.goto(`${baseUrl}/`);
  await page.locator('#login-email').waitFor();
  await page.fill('#login-email', user.email);
  await page.fill('#login-password', user.password);
  await page.click('button[type=submit]');
  await page.locator('.topbar .user-name').waitFor();
  assert.equal((await page.locator('.topbar .user-name').textContent()).trim(), user.name);
  return page;
}

/**
 * Logs `user` ({email, password}) in through the API, the way a script would, and returns
 * `{ user, call }`: the signed-in user as the API describes it, and
 * `call(method, url, payload)` → `{ status, body }`, which sends the session cookie, the CSRF
 * token on every change and `payload` as JSON; `body` is the parsed JSON answer, the text when
 * it is not JSON, or null when empty.
 */
export async function openApiSession(baseUrl, user) {
  const r = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
  assert.equal(r.status, 200, `${user.email} logs in through the API`);
  const session = await r.json();
  const cookies = r.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .filter(Boolean)
    .join('; ');
  const call = async (method, url, payload) => {
    const headers = { Accept: 'application/json', Cookie: cookies };
    if (method !== 'GET') headers['X-CSRF-Token'] = session.csrf_token;
    if (payload !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(`${baseUrl}${url}`, {
      method,
      headers,
      body: payload === undefined ? undefined : JSON.stringify(payload),
    });
    const text = await res.text();
    let body = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = text;
    }
    return { status: res.status, body };
  };
  return { user: session.user, call };
}
