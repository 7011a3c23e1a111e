#!/usr/bin/env bash
# Platform test of the local run (part of the test command): from a stopped state, up.sh brings
# every service to ready, a second up.sh starts no duplicates, real Keycloak tokens are accepted or
# refused as they should be, the end-to-end suites pass against the running platform, and down.sh
# leaves nothing running.
# The platform it starts runs on the <db>_e2e databases (CHATCASES_DB_SUFFIX, emptied first) and
# their own file store: the suites' Cases never reach the demo's data, which up.sh shows.
# Needs the jars built (the test command's ./mvnw verify does that).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
source "$LOCAL_DIR/services.sh"
export CHATCASES_DB_SUFFIX=_e2e

failures=0
check() { # check <description> <command...>
  local what=$1; shift
  if "$@"; then log "ok   $what"; else warn "FAIL $what"; failures=$((failures + 1)); fi
}
token() {
  curl -sf -m 10 -d grant_type=password -d client_id=cx-console -d "username=$1" -d "password=$1" \
    http://localhost:8180/realms/cx/protocol/openid-connect/token | jq -r .access_token
}
status_with() { # status_with <token|-> <url>
  if [[ $1 == - ]]; then http_status "$2"; else
    curl -s -o /dev/null -m 5 -w '%{http_code}' -H "Authorization: Bearer $1" "$2" || true; fi
}
service_pids() { local e; for e in "${SERVICES[@]}"; do pid_of "${e%%:*}" || echo none; done; }
our_ports_free() {
  local p; for p in 8080 8081 8082 8083 9092 9093 8180 9180; do port_open 127.0.0.1 "$p" && return 1; done; return 0
}

log "smoke: stopping anything running, to time a start from nothing"
"$LOCAL_DIR/down.sh" >/dev/null
check "nothing of ours listens before the start" our_ports_free
"$LOCAL_DIR/infra.sh" start pg >/dev/null
"$LOCAL_DIR/infra.sh" reset-db "$CHATCASES_DB_SUFFIX"
# The demo's own data (up.sh without the suffix): the suites below must not add a Case to it.
demo_cases() { psql -h 127.0.0.1 -U cases -d cases -Atc 'SELECT count(*) FROM chat_case' 2>/dev/null || echo none; }
demo_before=$(demo_cases)

t0=$(now_ms)
"$LOCAL_DIR/up.sh" --no-build
start_time=$(elapsed "$t0")
log "smoke: up.sh from a stopped state (built jars) took $start_time"
echo "$start_time" >"$STATE_DIR/last-start-time"

first=$(service_pids)
check "a second up.sh succeeds" "$LOCAL_DIR/up.sh" --no-build
check "a second up.sh starts no duplicates (same PIDs)" test "$first" == "$(service_pids)"
check "exactly four service JVMs run" test "$(pgrep -fc 'quarkus-app/quarkus-run.jar')" -eq 4
check "Keycloak discovery document answers" \
  test "$(http_status http://localhost:8180/realms/cx/.well-known/openid-configuration)" == 200

alice=$(token alice); viewer=$(token viewer)
CASE_ID=$(curl -sf -m 10 -X POST -H 'Content-Type: application/json' \
  -d "{\"email\":\"smoke-$RANDOM$RANDOM@example.com\",\"firstName\":\"Smoke\",\"lastName\":\"Test\"}" \
  http://127.0.0.1:8080/api/chats | jq -r .caseId)
check "a chat starts through the gateway" test -n "$CASE_ID"
for entry in "${SERVICES[@]}"; do
  name=${entry%%:*}; url="http://127.0.0.1:${entry##*:}$(agent_path "$name")"
  check "$name: ready reports UP" test "$(http_status "http://127.0.0.1:${entry##*:}/q/health/ready")" == 200
  check "$name: alice's token accepted (200)" test "$(status_with "$alice" "$url")" == 200
  check "$name: no token -> 401" test "$(status_with - "$url")" == 401
  check "$name: token without role agent -> 403" test "$(status_with "$viewer" "$url")" == 403
done

# The end-to-end suites drive the running platform through its public surface.
check "end-to-end suite (HTTP + WebSockets, extra gateway replicas)" \
  bash -c "cd '$REPO_ROOT' && ./mvnw -B -q -Pe2e -pl e2e-tests verify"
if [[ -x $REPO_ROOT/ui/e2e/run.sh ]]; then
  check "browser suite (headless Chromium, real Keycloak logins)" "$REPO_ROOT/ui/e2e/run.sh"
fi
# The benchmark harness, small and short, so it keeps working: fails on any lost, doubled or
# out-of-order message (the full run is deploy/local/bench.sh; docs/benchmarks.md).
check "benchmark harness smoke (bench.sh --smoke)" "$LOCAL_DIR/bench.sh" --smoke --no-up

check "the suites left the demo's Cases as they were ($demo_before)" test "$(demo_cases)" == "$demo_before"

"$LOCAL_DIR/down.sh"
check "down.sh leaves no service or broker port open" our_ports_free
check "down.sh leaves no service JVM" test "$(pgrep -fc 'quarkus-app/quarkus-run.jar' || true)" -eq 0

(( failures == 0 )) || die "smoke: $failures check(s) failed"
log "smoke: all checks passed (start from nothing: $start_time)"
