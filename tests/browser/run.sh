#!/usr/bin/env bash
# Browser test of the web UI against a real server with demo data.
#
#   bash tests/browser/run.sh BINARY [SCREENSHOT_DIR [TEST_FILE...]]
#
# Creates a throw-away data directory with demo data, two agents, a lead and an admin user and
# one imported post whose text and author name contain HTML; starts `BINARY serve` on a free
# port; puts both agents in every team (team-members.mjs); runs the test files (default
# inbox.test.mjs; names relative to tests/browser) in Debian's Chromium (/usr/bin/chromium)
# through playwright-core; leaves their screenshots (inbox.png, conversation.png; streams.png,
# ... for streams.test.mjs; collaboration.png for collaboration.test.mjs) in SCREENSHOT_DIR
# (default ${TMPDIR:-/tmp}).
# Needs node (>= 18) and the chromium package; installs playwright-core from
# tests/browser/package-lock.json when it is missing. It never downloads a browser.
set -euo pipefail

if [[ $# -lt 1 ]]; then
  echo "usage: $0 BINARY [SCREENSHOT_DIR [TEST_FILE...]]" >&2
  exit 2
fi

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
binary="$(realpath "$1")"
shots="${2:-${TMPDIR:-/tmp}}"
chromium="${CHROMIUM:-/usr/bin/chromium}"
tests=("${@:3}")
[[ ${#tests[@]} -eq 0 ]] && tests=(inbox.test.mjs)
test_paths=()
for t in "${tests[@]}"; do
  [[ "$t" = /* ]] || t="$here/$t"
  if [[ ! -f "$t" ]]; then
    echo "error: test file $t not found" >&2
    exit 2
  fi
  test_paths+=("$t")
done

if [[ ! -x "$binary" ]]; then
  echo "error: $1 is not an executable" >&2
  exit 2
fi
if [[ ! -x "$chromium" ]]; then
  echo "error: $chromium not found; the browser test needs Debian's Chromium (apt-get install chromium)" >&2
  exit 1
fi
if ! command -v node >/dev/null; then
  echo "error: node not found; the browser test needs Node.js >= 18 (apt-get install nodejs npm)" >&2
  exit 1
fi
if [[ ! -d "$here/node_modules/playwright-core" ]]; then
  echo "installing playwright-core (tests/browser/package-lock.json)…" >&2
  (cd "$here" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error) >&2
fi

mkdir -p "$shots"
shots="$(realpath "$shots")"
work="$(mktemp -d "${TMPDIR:-/tmp}/webcare-browser.XXXXXX")"
data="$work/data"
log="$work/server.log"
server_pid=""

cleanup() {
  local status=$?
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    for _ in $(seq 50); do
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [[ $status -ne 0 && -s "$log" ]]; then
    echo "---- last lines of the server log ----" >&2
    tail -n 40 "$log" >&2 || true
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$data"
echo "== demo data" >&2
"$binary" demo --data "$data" --posts 400 --seed 7 >&2

echo "== users" >&2
printf 'agent-password-1\n' |
  "$binary" user add --data "$data" --email agent@example.com --name "Test Agent" --role agent >&2
printf 'agent2-password-1\n' |
  "$binary" user add --data "$data" --email agent2@example.com --name "Second Agent" --role agent >&2
printf 'lead-password-1\n' |
  "$binary" user add --data "$data" --email lead@example.com --name "Test Lead" --role lead >&2
printf 'admin-password-1\n' |
  "$binary" user add --data "$data" --email admin@example.com --name "Test Admin" --role admin >&2

echo "== import a post with HTML in it" >&2
cat >"$work/html-post.jsonl" <<'EOF'
{"network":"x","channel":"x:@ovpas","external_id":"xss-1","author":{"handle":"@mallory","name":"<b>Mallory</b>","followers":12},"text":"<img src=x onerror=alert(1)> <script>alert(2)</script> hallo storing","created_at":"2026-11-20T10:00:00Z"}
EOF
"$binary" import --data "$data" "$work/html-post.jsonl" >&2

echo "== serve" >&2
"$binary" serve --data "$data" --listen 127.0.0.1:0 >"$log" 2>&1 &
server_pid=$!

url=""
for _ in $(seq 300); do
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "error: the server exited before it was listening" >&2
    exit 1
  fi
  url="$(grep -m1 -oE 'listening on http://127\.0\.0\.1:[0-9]+' "$log" | sed 's/^listening on //' || true)"
  [[ -n "$url" ]] && break
  sleep 0.1
done
if [[ -z "$url" ]]; then
  echo "error: no 'listening on http://127.0.0.1:PORT' line in the server log after 30 s" >&2
  exit 1
fi
echo "== server at $url; screenshots go to $shots" >&2

echo "== team membership of the agents" >&2
WEBCARE_URL="$url" node "$here/team-members.mjs" agent@example.com agent2@example.com >&2

# One file at a time (they share the server; Node 18 has no --test-concurrency).
status=0
for t in "${test_paths[@]}"; do
  echo "== $(basename "$t")" >&2
  set +e
  WEBCARE_URL="$url" SCREENSHOT_DIR="$shots" CHROMIUM="$chromium" \
    node --test --test-reporter=spec "$t"
  rc=$?
  set -e
  if [[ $rc -ne 0 ]]; then status=$rc; fi
done
if [[ $status -eq 0 ]]; then
  echo "== passed: ${tests[*]}; screenshots in $shots" >&2
fi
exit "$status"
