#!/usr/bin/env bash
# Local infrastructure without Docker: the system PostgreSQL, a single-node KRaft Kafka broker and
# Keycloak, run as plain processes with their state under deploy/local/.state/.
# Usage: infra.sh start [pg] [kafka] [keycloak]   (no component = all three)
#        infra.sh stop | status
#        infra.sh reset-db _e2e                   (empties the <db>_e2e databases the suites run on)
#        infra.sh autovacuum on|reset             (bench.sh: some machines' servers run with it off)
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

KC_VERSION=26.5.6
KAFKA_DIR="$STATE_DIR/kafka"
KC_DIR="$STATE_DIR/keycloak"
KC_URL=http://localhost:8180
REALM_FILE="$LOCAL_DIR/keycloak/realm-cx.json"
REALM_SUM_FILE="$STATE_DIR/keycloak-realm.sha256"
PG_APPS=(chat_gateway cases contacts files)          # role = password = database; plus <db>_test, <db>_e2e
# The dead-letter topic keeps unreadable sends 14 days (docs/events.md: runbook, dlq-replay.sh).
# The test.* topics are the module tests' own, partitioned like the real ones.
TOPICS=("chat.ingest 6" "chat.case-events 6" "chat.signals 6 retention.ms=3600000" "chat.contact-events 3"
        "chat.ingest.dlq 1 retention.ms=1209600000"
        "test.chat.ingest 6" "test.chat.case-events 6" "test.chat.contact-events 3"
        "test.chat.ingest.dlq 1 retention.ms=1209600000")
DEP_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.8.1
JAVA_BIN="${JAVA_HOME:+$JAVA_HOME/bin/}java"

show_log_tail() { warn "last lines of $1:"; tail -n 25 "$1" >&2 || true; }

# ---------------------------------------------------------------- PostgreSQL
pg_super() {
  # Trust auth on TCP (the project machines) needs no OS user switch; a fresh Debian install needs peer auth.
  if psql -h 127.0.0.1 -U postgres -w -d postgres -Atc 'select 1' >/dev/null 2>&1; then
    psql -h 127.0.0.1 -U postgres -w -d postgres "$@"
  elif [[ $EUID -eq 0 ]]; then
    (cd / && runuser -u postgres -- psql -d postgres "$@")
  else
    (cd / && sudo -u postgres psql -d postgres "$@")
  fi
}

pg_start() {
  local t0; t0=$(now_ms)
  if pg_isready -q -h 127.0.0.1 -p 5432; then
    log "postgres: using the server already on 127.0.0.1:5432"
  else
    local sudo=(); [[ $EUID -eq 0 ]] || sudo=(sudo)
    if ! dpkg -s postgresql >/dev/null 2>&1; then
      log "postgres: installing the Debian package (apt-get)"
      "${sudo[@]}" apt-get update -q
      "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql
    fi
    local ver; ver=$(pg_lsclusters -h | awk '$2 == "main" { print $1; exit }')
    if [[ -z $ver ]]; then
      ver=$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' | sort -V | tail -n1)
      "${sudo[@]}" pg_createcluster "$ver" main
    fi
    log "postgres: starting cluster $ver/main (apt does not start it)"
    "${sudo[@]}" pg_ctlcluster --skip-systemctl-redirect "$ver" main start
    local deadline=$(( SECONDS + 30 ))
    until pg_isready -q -h 127.0.0.1 -p 5432; do
      (( SECONDS < deadline )) || die "postgres: not accepting connections on 127.0.0.1:5432 after 30s"
      sleep 0.5
    done
  fi
  local values; values=$(printf "('%s')," "${PG_APPS[@]}"); values=${values%,}
  local out
  out=$(pg_super -X -v ON_ERROR_STOP=1 -At <<SQL
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', r, r) FROM (VALUES $values) v(r)
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = r) \gexec
SELECT format('CREATE DATABASE %I OWNER %I', r || s, r) FROM (VALUES $values) v(r), (VALUES (''), ('_test'), ('_e2e')) t(s)
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = r || s) \gexec
SQL
  )
  log "postgres: ready; roles ${PG_APPS[*]} and their dbs (+ _test, _e2e) present," \
      "$(grep -c '^CREATE' <<<"$out" || true) objects created ($(elapsed "$t0"))"
}

# ---------------------------------------------------------------- Kafka
kafka_tool() {
  "$JAVA_BIN" -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
    -Dlog4j2.configurationFile="$KAFKA_DIR/log4j2-tools.properties" -cp "$KAFKA_DIR/libs/*" "$@"
}

kafka_prepare() {
  local libs="$KAFKA_DIR/libs" pom="$LOCAL_DIR/kafka/pom.xml" stamp
  # Re-fetch when the pom changes; the stamp is written only after a complete copy.
  stamp="$libs/.pom-$(sha256sum "$pom" | cut -c1-16)"
  if [[ ! -f $stamp ]]; then
    log "kafka: fetching broker jars (Maven Central / ~/.m2)"
    rm -rf "$libs"
    mvn_cmd -q -B -Dstyle.color=never -f "$pom" "$DEP_PLUGIN:copy-dependencies" -DoutputDirectory="$libs"
    touch "$stamp"
  fi
  mkdir -p "$KAFKA_DIR/data"
  local tpl; tpl=$(<"$LOCAL_DIR/kafka/server.properties")
  printf '%s\n' "${tpl//@KAFKA_DATA_DIR@/$KAFKA_DIR/data}" >"$KAFKA_DIR/server.properties"
  # Kafka 4 logs with log4j2 and ships no config inside its jars: without one it only prints errors.
  cat >"$KAFKA_DIR/log4j2.properties" <<'EOF'
appender.out.type = Console
appender.out.name = out
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.out.ref = out
logger.state.name = state.change.logger
logger.state.level = WARN
logger.request.name = kafka.request.logger
logger.request.level = WARN
logger.config.name = org.apache.kafka.common.config.AbstractConfig
logger.config.level = WARN
EOF
  cat >"$KAFKA_DIR/log4j2-tools.properties" <<'EOF'
appender.err.type = Console
appender.err.name = err
appender.err.target = SYSTEM_ERR
appender.err.layout.type = PatternLayout
appender.err.layout.pattern = %p %m%n
rootLogger.level = WARN
rootLogger.appenderRef.err.ref = err
EOF
  if [[ ! -f $KAFKA_DIR/data/meta.properties ]]; then
    local cluster_id; cluster_id=$(kafka_tool kafka.tools.StorageTool random-uuid)
    kafka_tool kafka.tools.StorageTool format -t "$cluster_id" -c "$KAFKA_DIR/server.properties" \
      --ignore-formatted >/dev/null
    log "kafka: storage formatted (cluster $cluster_id)"
  fi
}

kafka_start() {
  local t0; t0=$(now_ms)
  if pid_alive kafka && port_open 127.0.0.1 9092; then
    log "kafka: already running (pid $(pid_of kafka)) on 127.0.0.1:9092"; kafka_topics; return 0
  fi
  if port_open 127.0.0.1 9092; then
    warn "kafka: 127.0.0.1:9092 answers but was not started by infra.sh; reusing it"
    [[ -d $KAFKA_DIR/libs ]] || kafka_prepare
  else
    if ! pid_alive kafka; then
      kafka_prepare
      start_bg kafka "$LOG_DIR/kafka.log" "$JAVA_BIN" -Xms256m -Xmx512m -XX:+UseG1GC -Djava.awt.headless=true \
        -Dlog4j2.configurationFile="$KAFKA_DIR/log4j2.properties" -cp "$KAFKA_DIR/libs/*" \
        kafka.Kafka "$KAFKA_DIR/server.properties"
      log "kafka: started (pid $(pid_of kafka)), waiting for 127.0.0.1:9092"
    fi
    wait_port 127.0.0.1 9092 60 kafka || { show_log_tail "$LOG_DIR/kafka.log"; die "kafka: did not start"; }
  fi
  kafka_topics
  log "kafka: ready on 127.0.0.1:9092 ($(elapsed "$t0"))"
}

# Creates the topics that are missing (idempotent).
kafka_topics() {
  # --list retries until the broker serves requests (admin default.api.timeout.ms = 60 s), so it
  # doubles as the readiness check.
  local existing spec name parts cfg
  existing=$(kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:9092 --list) \
    || { show_log_tail "$LOG_DIR/kafka.log"; die "kafka: broker not answering requests"; }
  for spec in "${TOPICS[@]}"; do
    read -r name parts cfg <<<"$spec"
    grep -qxF "$name" <<<"$existing" && continue
    kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:9092 --create --if-not-exists \
      --topic "$name" --partitions "$parts" --replication-factor 1 ${cfg:+--config "$cfg"} >/dev/null
    log "kafka: created topic $name ($parts partitions${cfg:+, $cfg})"
  done
}

# ---------------------------------------------------------------- Keycloak
kc_prepare() {
  if [[ -f $KC_DIR/version.txt ]] && grep -qF "$KC_VERSION" "$KC_DIR/version.txt"; then return 0; fi
  local zip="$HOME/.m2/repository/org/keycloak/keycloak-quarkus-dist/$KC_VERSION/keycloak-quarkus-dist-$KC_VERSION.zip"
  if [[ ! -f $zip ]]; then
    log "keycloak: downloading $KC_VERSION (157 MiB) from Maven Central"
    mvn_cmd -q -B -Dstyle.color=never -f "$LOCAL_DIR/kafka/pom.xml" "$DEP_PLUGIN:copy" \
      -Dartifact="org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip" -DoutputDirectory="$STATE_DIR/dl"
    zip="$STATE_DIR/dl/keycloak-quarkus-dist-$KC_VERSION.zip"
  fi
  log "keycloak: unpacking $KC_VERSION"
  rm -rf "$KC_DIR" "$KC_DIR.tmp" "$REALM_SUM_FILE"
  unzip -q "$zip" -d "$KC_DIR.tmp"
  mv "$KC_DIR.tmp/keycloak-$KC_VERSION" "$KC_DIR"
  rmdir "$KC_DIR.tmp"
}

java_major() { "$1" -version 2>&1 | sed -n '1s/.*version "\([0-9]*\).*/\1/p'; }

# Keycloak 26.5 runs on the default Java 17; KC_JAVA_HOME overrides, and an older default falls back
# to the newest JDK 21+ under /usr/lib/jvm.
kc_java_env() {
  if [[ -n ${KC_JAVA_HOME:-} ]]; then echo "JAVA_HOME=$KC_JAVA_HOME"; return; fi
  local major; major=$(java_major "$JAVA_BIN")
  (( ${major:-0} >= 17 )) && return 0
  local jdk
  for jdk in $(find /usr/lib/jvm -mindepth 1 -maxdepth 1 -type d | sort -rV); do
    if [[ -x $jdk/bin/java ]] && (( $(java_major "$jdk/bin/java") >= 21 )); then echo "JAVA_HOME=$jdk"; return 0; fi
  done
  die "keycloak: needs Java 17+; set KC_JAVA_HOME"
}

KC_STATE=none   # running | launched | foreign
kc_launch() {
  KC_T0=$(now_ms)
  local sum; sum=$(sha256sum "$REALM_FILE" | cut -d' ' -f1)
  local old_sum=; [[ -f $REALM_SUM_FILE ]] && old_sum=$(<"$REALM_SUM_FILE")
  if pid_alive keycloak; then
    if [[ $sum == "$old_sum" ]]; then
      KC_STATE=running; log "keycloak: already running (pid $(pid_of keycloak)) on $KC_URL"; return 0
    fi
    log "keycloak: realm-cx.json changed (or last start never got ready); restarting"
    stop_pid keycloak
  elif port_open 127.0.0.1 8180; then
    KC_STATE=foreign; warn "keycloak: port 8180 answers but was not started by infra.sh; reusing it"; return 0
  fi
  kc_prepare
  mkdir -p "$KC_DIR/data/import"
  cp "$REALM_FILE" "$KC_DIR/data/import/realm-cx.json"
  if [[ $sum != "$old_sum" ]]; then
    # An existing realm is never re-imported, so a changed file needs a fresh database.
    rm -rf "$KC_DIR/data/h2" "$REALM_SUM_FILE"
    log "keycloak: fresh database, realm cx will be imported from realm-cx.json"
  fi
  local java_env; java_env=$(kc_java_env)
  # --hostname pins the token issuer to http://localhost:8180/realms/cx whatever host name callers use.
  start_bg keycloak "$LOG_DIR/keycloak.log" env ${java_env:+"$java_env"} \
    KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
    "$KC_DIR/bin/kc.sh" start-dev --http-host=127.0.0.1 --http-port=8180 --http-management-port=9180 \
    --hostname=$KC_URL --import-realm --health-enabled=true --log-console-color=false
  KC_STATE=launched
  log "keycloak: started (pid $(pid_of keycloak)${java_env:+, $java_env}), waiting for realm cx"
}

kc_ready() {
  [[ $KC_STATE == running ]] && return 0
  local name=; [[ $KC_STATE == launched ]] && name=keycloak
  wait_http "$KC_URL/realms/cx/.well-known/openid-configuration" 300 200 $name \
    || { show_log_tail "$LOG_DIR/keycloak.log"; die "keycloak: realm cx not served"; }
  [[ $KC_STATE == launched ]] && sha256sum "$REALM_FILE" | cut -d' ' -f1 >"$REALM_SUM_FILE"
  log "keycloak: ready on $KC_URL, realm cx ($(elapsed "$KC_T0"))"
}

# ---------------------------------------------------------------- commands
cmd_start() {
  local want=" ${*:-pg kafka keycloak} " c
  for c in $want; do [[ $c =~ ^(pg|kafka|keycloak)$ ]] || die "unknown component '$c' (pg, kafka, keycloak)"; done
  local t0; t0=$(now_ms)
  [[ $want == *" pg "* ]] && pg_start
  # Keycloak takes longest: launch it first and let Kafka start meanwhile.
  [[ $want == *" keycloak "* ]] && kc_launch
  [[ $want == *" kafka "* ]] && kafka_start
  [[ $want == *" keycloak "* ]] && kc_ready
  log "infra: up ($(elapsed "$t0"))"
}

cmd_stop() {
  stop_pid keycloak
  stop_pid kafka
  local port
  for port in 9092 9093 8180 9180; do
    port_open 127.0.0.1 "$port" && warn "port $port still answers (a process not started by infra.sh)"
  done
  log "postgres: left running (system server)"
}

# Empties the databases of one data set (the suffix: _e2e for the suites' platform run, smoke.sh):
# dropped and created again, so the next start migrates them from nothing.
cmd_reset_db() {
  local suffix=${1:?usage: infra.sh reset-db <suffix>} app
  [[ $suffix =~ ^_[a-z0-9]+$ ]] || die "reset-db: the suffix is _ and lower-case letters or digits (got '$suffix')"
  for app in "${PG_APPS[@]}"; do
    pg_super -X -q -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS ${app}${suffix} WITH (FORCE)" \
      -c "CREATE DATABASE ${app}${suffix} OWNER ${app}"
  done
  log "postgres: databases ${PG_APPS[*]/%/$suffix} emptied"
}

cmd_status() {
  local rc=0 pid
  if pg_isready -q -h 127.0.0.1 -p 5432; then log "postgres: up on 127.0.0.1:5432"; else log "postgres: DOWN"; rc=3; fi
  if port_open 127.0.0.1 9092; then
    if pid=$(pid_of kafka) && pid_alive kafka; then log "kafka: up on 127.0.0.1:9092 (pid $pid)"
    else log "kafka: up on 127.0.0.1:9092 (not started by infra.sh)"; fi
  else log "kafka: DOWN$(pid_alive kafka && echo ' (process alive, port closed)')"; rc=3; fi
  local realm health
  realm=$(http_status "$KC_URL/realms/cx/.well-known/openid-configuration")
  health=$(http_status "http://127.0.0.1:9180/health/ready")
  if [[ $realm == 200 ]]; then
    if pid=$(pid_of keycloak) && pid_alive keycloak; then log "keycloak: up on $KC_URL, realm cx, health $health (pid $pid)"
    else log "keycloak: up on $KC_URL, realm cx, health $health (not started by infra.sh)"; fi
  else log "keycloak: DOWN (realm cx: HTTP $realm)$(pid_alive keycloak && echo ' (process alive)')"; rc=3; fi
  return $rc
}

# The server's autovacuum, on for a benchmark and reset after it. Some machines' servers (this
# project's CI ones) run with autovacuum = off; under hours of load their tables fill with dead
# rows and PostgreSQL's CPU climbs run after run, which no production server does. "reset" drops
# the override, so the server's own setting returns. Existing dead rows are vacuumed at "on".
cmd_autovacuum() {
  case ${1:-} in
    on)
      pg_super -X -q -v ON_ERROR_STOP=1 -c "ALTER SYSTEM SET autovacuum = on" -c "SELECT pg_reload_conf()" >/dev/null
      local app
      for app in "${PG_APPS[@]}"; do
        psql -h 127.0.0.1 -U postgres -w -d "$app" -X -q -c "VACUUM (ANALYZE)" 2>/dev/null \
          || log "postgres: could not vacuum $app"
      done
      log "postgres: autovacuum on, platform databases vacuumed" ;;
    reset)
      pg_super -X -q -v ON_ERROR_STOP=1 -c "ALTER SYSTEM RESET autovacuum" -c "SELECT pg_reload_conf()" >/dev/null
      log "postgres: autovacuum back to the server's own setting" ;;
    *) die "usage: infra.sh autovacuum on|reset" ;;
  esac
}

case ${1:-} in
  start) shift; cmd_start "$@" ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  reset-db) shift; cmd_reset_db "$@" ;;
  autovacuum) shift; cmd_autovacuum "$@" ;;
  *) echo "usage: $0 start [pg] [kafka] [keycloak] | stop | status | reset-db <suffix> | autovacuum on|reset" >&2; exit 2 ;;
esac
