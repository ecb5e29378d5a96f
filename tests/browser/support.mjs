// Shared by the browser tests: a signed-in page with its own cookies.
import assert from 'node:assert/strict';

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
