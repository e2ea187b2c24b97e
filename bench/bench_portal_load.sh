#!/usr/bin/env bash
# Portal load test: 20 concurrent portal customers browse their after-sales
# requests and submit new ones for 60 s, with Locust (headless), against
# `bin/run --workers=2` started on a dedicated demo database and port, on
# 127.0.0.1 only. Prints p50/p95 per page and the errors, stops the server.
#   PORTAL_LOAD_DB     database (default aftersales_portal_load; created by bin/run)
#   PORTAL_LOAD_PORT   port (default 8497)
#   PORTAL_LOAD_USERS  concurrent customers (default 20)
#   PORTAL_LOAD_TIME   duration (default 60s)
#   PORTAL_LOAD_RATE   customers started per second (default 4: each logs in,
#                      and a password check costs a core for about a second)
source "$(dirname "${BASH_SOURCE[0]}")/../bin/lib.sh"
DB="${PORTAL_LOAD_DB:-aftersales_portal_load}"
PORT="${PORTAL_LOAD_PORT:-8497}"
USERS="${PORTAL_LOAD_USERS:-20}"
DURATION="${PORTAL_LOAD_TIME:-60s}"
"$AFTERSALES_VENV/bin/python" -c "import locust" 2>/dev/null \
    || die "locust is missing: run bin/setup (requirements.txt) first."
LOG="$(mktemp)"
# bin/run ends by exec-ing Odoo: $! is the server's main process, which
# stops its workers when it is told to stop
AFTERSALES_DB="$DB" AFTERSALES_PORT="$PORT" "$REPO_ROOT/bin/run" \
    --workers=2 --max-cron-threads=1 --limit-time-real=600 >"$LOG" 2>&1 &
SERVER=$!
stop() {
    kill "$SERVER" 2>/dev/null || true
    wait "$SERVER" 2>/dev/null || true
    rm -f "$LOG"
}
trap stop EXIT
log "waiting for the server on 127.0.0.1:$PORT (creates $DB on first run)"
for _ in $(seq 1 600); do
    curl -fso /dev/null "http://127.0.0.1:$PORT/web/login" && break
    kill -0 "$SERVER" 2>/dev/null || { cat "$LOG"; die "the server stopped"; }
    sleep 1
done
curl -fso /dev/null "http://127.0.0.1:$PORT/web/login" || die "the server did not start"
# warm both workers up (registry, assets) before measuring
for _ in 1 2 3 4 5 6; do curl -fso /dev/null "http://127.0.0.1:$PORT/web/login" || true; done
log "$USERS customers for $DURATION"
cd "$REPO_ROOT/bench"
"$AFTERSALES_VENV/bin/locust" -f locustfile.py --headless -u "$USERS" -r "${PORTAL_LOAD_RATE:-4}" \
    -t "$DURATION" --host "http://127.0.0.1:$PORT" --only-summary \
    --csv "$(dirname "$LOG")/portal_load" --exit-code-on-error 1 2>&1 \
    | grep -v "^\[" || true
"$AFTERSALES_VENV/bin/python" - "$(dirname "$LOG")/portal_load_stats.csv" <<'PYEOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
print(f"{'page':28s} {'requests':>8s} {'errors':>6s} {'p50 ms':>7s} {'p95 ms':>7s}")
for r in rows:
    print(f"{r['Name']:28s} {r['Request Count']:>8s} {r['Failure Count']:>6s} "
          f"{r['50%']:>7s} {r['95%']:>7s}")
PYEOF
