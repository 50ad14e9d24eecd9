#!/usr/bin/env bash
# Starts the built server for the browser tests on a fresh database with
# the demo and one account per role the journeys use, sending its mail to
# a real SMTP server (aiosmtpd) that writes each message it receives to
# target/e2e/mail.jsonl for the tests to read.
#
# With E2E_KEEP_DB=1 it keeps the database (and the mail file) of the
# previous start instead, to show that the journeys run again on the same
# database: `E2E_KEEP_DB=1 npx playwright test`, twice. E2E_DIR names
# another folder than target/e2e (a second server beside the tests).
#
# CF_BIN and CF_SITE_ROOT name another server binary and site folder than
# target/debug/cities-forum and target/site (say, copies taken right after
# `cargo leptos build`, which a plain `cargo build` elsewhere cannot
# replace with a binary that does not know the site's file names).
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${1:-3210}
SMTP_PORT=$((PORT + 1))
DIR=${E2E_DIR:-target/e2e}
KEEP=${E2E_KEEP_DB:-}
if [ -n "$KEEP" ] && [ -f "$DIR/forum.db" ]; then
  FRESH=
else
  FRESH=1
  rm -rf "$DIR" && mkdir -p "$DIR"
fi
export DATABASE_URL="sqlite://$DIR/forum.db?mode=rwc"
export CF_DATA_DIR="$DIR/data"
export LEPTOS_SITE_ROOT=${CF_SITE_ROOT:-target/site}
export LEPTOS_OUTPUT_NAME=cities-forum
export LEPTOS_SITE_ADDR="127.0.0.1:$PORT"
export CF_SMTP_HOST=127.0.0.1 CF_SMTP_PORT=$SMTP_PORT CF_SMTP_TLS=none
export CF_SMTP_FROM="Cities Forum <forum@e2e.test>"
# The whole suite signs in and registers from one address, like a hall of
# delegates behind one Wi-Fi: the limits hold, twenty times wider.
export CF_RATE_LIMIT_SCALE=20
# Follow-up reminders looked for every two seconds (an hour in production),
# so the journey sees an overdue activity's reminder arrive, once.
export CF_REMINDER_SECONDS=2
BIN=${CF_BIN:-target/debug/cities-forum}

python3 server/tests/support/smtp_sink.py "$SMTP_PORT" "$DIR/mail.jsonl" > "$DIR/smtp.log" &
SINK=$!
trap 'kill "$SINK" 2>/dev/null || true' EXIT
# Up before the server, whose mail worker may find messages a previous
# run left queued (E2E_KEEP_DB).
for _ in $(seq 50); do
  grep -q ready "$DIR/smtp.log" 2>/dev/null && break
  sleep 0.2
done

if [ -n "$FRESH" ]; then
  printf '%s' 'organizer-e2e-password' | "$BIN" user add --email organizer@e2e.test --role organizer --name 'Ana Organizer' --password-stdin
  printf '%s' 'registrar-e2e-password' | "$BIN" user add --email registrar@e2e.test --role registrar --name 'Rui Registrar' --password-stdin
  printf '%s' 'finance-e2e-password' | "$BIN" user add --email finance@e2e.test --role finance --name 'Fang Finance' --password-stdin
  printf '%s' 'checkin-e2e-password' | "$BIN" user add --email checkin@e2e.test --role checkin --name 'Kai Checkin' --password-stdin
  printf '%s' 'coordinator-e2e-password' | "$BIN" user add --email coordinator@e2e.test --role coordinator --name 'Chen Coordinator' --password-stdin
  printf '%s' 'delegate-e2e-password' | "$BIN" user add --email delegate@e2e.test --role delegate --name '李华' --password-stdin
fi
"$BIN" serve &
SERVER=$!
trap 'kill "$SERVER" "$SINK" 2>/dev/null || true' EXIT TERM INT
wait "$SERVER"
