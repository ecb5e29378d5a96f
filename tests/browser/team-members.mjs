// Puts the agents run.sh creates into every team, as an administrator would after adding
// colleagues: with the collaborative inbox, an agent sees the conversations of its teams (and
// those routed to no team), so an agent in no team would see almost nothing of the demo data.
//
//   WEBCARE_URL=http://127.0.0.1:PORT node team-members.mjs EMAIL...
//
// Logs in as admin@example.com (created by run.sh). Exits 0 without changes when the server
// has no team membership yet (GET /api/v1/people answers 404).

const BASE_URL = (process.env.WEBCARE_URL ?? '').replace(/\/+$/, '');
const emails = process.argv.slice(2);
if (!BASE_URL || emails.length === 0) {
  console.error('usage: WEBCARE_URL=http://127.0.0.1:PORT node team-members.mjs EMAIL...');
  process.exit(2);
}

const login = await fetch(`${BASE_URL}/api/v1/auth/login`, {
  method: 'POST',
  headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
  body: JSON.stringify({ email: 'admin@example.com', password: 'admin-password-1' }),
});
if (login.status !== 200) throw new Error(`admin log-in answered ${login.status}`);
const { csrf_token: csrf } = await login.json();
const cookie = login.headers
  .getSetCookie()
  .map((c) => c.split(';')[0])
  .join('; ');

async function call(method, url) {
  const headers = { Accept: 'application/json', Cookie: cookie };
  if (method !== 'GET') headers['X-CSRF-Token'] = csrf;
  const r = await fetch(`${BASE_URL}${url}`, { method, headers });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : null };
}

const people = await call('GET', '/api/v1/people');
if (people.status === 404) {
  console.error('no /api/v1/people on this server: team membership left as it is');
  process.exit(0);
}
if (people.status !== 200) throw new Error(`GET /api/v1/people answered ${people.status}`);
const teams = await call('GET', '/api/v1/teams');
if (teams.status !== 200) throw new Error(`GET /api/v1/teams answered ${teams.status}`);
for (const email of emails) {
  const person = people.body.people.find((p) => p.email === email);
  if (!person) throw new Error(`no user ${email}`);
  for (const team of teams.body.teams) {
    const r = await call('PUT', `/api/v1/teams/${team.id}/members/${person.id}`);
    if (r.status < 200 || r.status >= 300) {
      throw new Error(`PUT /api/v1/teams/${team.id}/members/${person.id} answered ${r.status}: ${JSON.stringify(r.body)}`);
    }
  }
  console.error(`${email}: member of ${teams.body.teams.map((t) => t.name).join(', ')}`);
}
