#!/usr/bin/env bash
# Brings the whole product up on this machine: PostgreSQL, Kafka, Keycloak (realm cx with demo
# agents), the four services from their jars, and the demo contacts. Safe to run twice.
#   deploy/local/up.sh             build the jars when missing or older than the sources
#   deploy/local/up.sh --no-build  use the jars as they are (the test command builds them itself)
# CHATCASES_DB_SUFFIX=_e2e runs the services on the <db>_e2e databases and their own file store: the
# test command's platform run (smoke.sh) does, so the tests never leave Cases in the demo's data.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
source "$LOCAL_DIR/services.sh"
source "$LOCAL_DIR/secrets.sh"

build=auto
[[ ${1:-} == --no-build ]] && build=no
t0=$(now_ms)

needs_build() {
  local entry name jar
  for entry in "${SERVICES[@]}"; do
    name=${entry%%:*}; jar=$(service_jar "$name")
    [[ -f $jar ]] || return 0
    [[ -n $(find "$REPO_ROOT/$name/src" "$REPO_ROOT/chat-events/src" "$REPO_ROOT/$name/pom.xml" \
      -newer "$jar" -type f -print -quit) ]] && return 0
  done
  return 1
}
if [[ $build == auto ]] && needs_build; then
  log "building the services (./mvnw package, tests skipped; the test command runs them)"
  (cd "$REPO_ROOT" && ./mvnw -q -B -DskipTests -Dspotless.check.skip=true install)
fi

"$LOCAL_DIR/infra.sh" start
ensure_local_secrets
ensure_local_client
mapfile -t secret_vars < <(secret_env)

# Host-site identity (docs/identity.md): the identity secrets are local-only-<random> values from
# local-secrets.env; the demo page's "signed-in shopper" signer only ever signs with such a secret.
export GATEWAY_IDENTITY_DEMO_SIGNER_ENABLED=${GATEWAY_IDENTITY_DEMO_SIGNER_ENABLED:-true}

t_services=$(now_ms)
for entry in "${SERVICES[@]}"; do
  name=${entry%%:*}; port=${entry##*:}
  if pid_alive "$name"; then log "$name already running (pid $(pid_of "$name"))"; continue; fi
  port_open 127.0.0.1 "$port" && die "port $port is taken by another process; $name cannot start"
  jar=$(service_jar "$name")
  [[ -f $jar ]] || die "$jar is missing: run without --no-build"
  # file-service keeps file bytes under the state folder, whatever the working directory.
  # Secrets by environment, as in production (the committed defaults are refused outside dev/test).
  # Every local client comes from 127.0.0.1, and the chat-start window is shared by all gateway
  # replicas: the test suites start more chats a minute than the production default (20) allows.
  start_bg "$name" "$LOG_DIR/$name.log" env "${secret_vars[@]}" FILES_LOCAL_ROOT="$STATE_DIR/files${CHATCASES_DB_SUFFIX:-}" \
    GATEWAY_CHAT_STARTS_PER_MINUTE="${GATEWAY_CHAT_STARTS_PER_MINUTE:-$LOCAL_CHAT_STARTS_PER_MINUTE}" \
    java -Xmx256m -jar "$jar"
done
for entry in "${SERVICES[@]}"; do
  name=${entry%%:*}; port=${entry##*:}
  wait_http "http://127.0.0.1:$port/q/health/ready" 120 200 "$name" \
    || die "$name is not ready; see $LOG_DIR/$name.log"
  log "$name ready on :$port"
done
log "services ready in $(elapsed "$t_services")"

"$LOCAL_DIR/demo-data.sh"

cat <<INFO

Chat Cases is up ($(elapsed "$t0")).
  Agent console   http://localhost:8080/
  Widget demo     http://localhost:8080/demo/
  Keycloak        http://localhost:8180/  (realm cx; demo agents alice, bob, carol / password = user name)
  OpenAPI         http://localhost:908{0,1,2,3}/q/openapi  (management ports; also /q/metrics)
  Logs and PIDs   $STATE_DIR/{logs,pids}
Stop it with deploy/local/down.sh
INFO
