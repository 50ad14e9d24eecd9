#!/usr/bin/env bash
# Starts the built server for the browser tests on a fresh database with
# the demo and one account per role the journeys use.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${1:-3210}
DIR=target/e2e
rm -rf "$DIR" && mkdir -p "$DIR"
export DATABASE_URL="sqlite://$DIR/forum.db?mode=rwc"
export LEPTOS_SITE_ROOT=target/site
export LEPTOS_OUTPUT_NAME=cities-forum
export LEPTOS_SITE_ADDR="127.0.0.1:$PORT"
BIN=${CF_BIN:-target/debug/cities-forum}
printf '%s' 'organizer-e2e-password' | "$BIN" user add --email organizer@e2e.test --role organizer --name 'Ana Organizer' --password-stdin
printf '%s' 'delegate-e2e-password' | "$BIN" user add --email delegate@e2e.test --role delegate --name '李华' --password-stdin
exec "$BIN" serve
