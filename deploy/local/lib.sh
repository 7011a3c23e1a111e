# shellcheck shell=bash
# Shared helpers for deploy/local/*.sh. Source it; it defines functions and variables only.
# Processes started with start_bg get their own session (setsid), so stop_pid can stop launcher
# scripts together with the JVMs they fork (kc.sh, mvnw, ...) by signalling the whole group.

REPO_ROOT=${REPO_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
LOCAL_DIR="$REPO_ROOT/deploy/local"
STATE_DIR=${STATE_DIR:-$LOCAL_DIR/.state}
LOG_DIR="$STATE_DIR/logs"
PID_DIR="$STATE_DIR/pids"
mkdir -p "$LOG_DIR" "$PID_DIR"

log()  { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
warn() { printf '[%s] WARN: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die()  { printf '[%s] ERROR: %s\n' "$(date +%H:%M:%S)" "$*" >&2; exit 1; }

now_ms() { date +%s%3N; }
# elapsed <start-ms>  ->  "12.3s"
elapsed() { local ms=$(( $(now_ms) - $1 )); printf '%d.%ds' $((ms / 1000)) $((ms % 1000 / 100)); }

# Prefer the project's wrapper (Maven 3.9) when the other modules have added it.
mvn_cmd() { if [[ -x "$REPO_ROOT/mvnw" ]]; then "$REPO_ROOT/mvnw" "$@"; else mvn "$@"; fi; }

pid_file() { printf '%s/%s.pid' "$PID_DIR" "$1"; }

# pid_of <name>: prints the recorded PID (= process group id), fails when there is none.
pid_of() {
  local f; f=$(pid_file "$1")
  [[ -s $f ]] || return 1
  local pid; pid=$(<"$f")
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  printf '%s\n' "$pid"
}

# pid_alive <name>: true while any process of the recorded group is alive (a launcher may have died
# while its JVM lives on; that still counts as running). Only the group is signalled, never a bare
# PID, so a recycled PID is not mistaken for ours unless it leads a group.
pid_alive() {
  local pid; pid=$(pid_of "$1") || return 1
  kill -0 -- "-$pid" 2>/dev/null
}

# start_bg <name> <logfile> <command...>: runs the command detached in its own session, output to
# <logfile> (previous run kept as <logfile>.1), PID in $PID_DIR/<name>.pid. No-op if already alive.
start_bg() {
  local name=$1 logfile=$2; shift 2
  local pf; pf=$(pid_file "$name")
  if pid_alive "$name"; then log "$name already running (pid $(pid_of "$name"))"; return 0; fi
  rm -f "$pf"
  mkdir -p "$(dirname "$logfile")"
  [[ -f $logfile ]] && mv -f "$logfile" "$logfile.1"
  # The child writes its own PID: correct even when setsid has to fork (caller with job control).
  # It closes every inherited descriptor above 2 first: a daemon started under `flock` (or any
  # caller's open file) would otherwise hold that lock or file for as long as it runs.
  # shellcheck disable=SC2016
  nohup setsid bash -c 'echo $$ >"$0"
    for fd in /proc/self/fd/*; do n=${fd##*/}; if ((n > 2)); then eval "exec $n>&-" 2>/dev/null; fi; done
    exec "$@"' "$pf" "$@" >"$logfile" 2>&1 </dev/null &
  for _ in $(seq 50); do [[ -s $pf ]] && return 0; sleep 0.1; done
  die "$name: no PID file after 5 s (see $logfile)"
}

# stop_pid <name> [timeout-s=20]: TERM the process group, KILL it after the timeout, drop the PID file.
stop_pid() {
  local name=$1 timeout=${2:-20} pid
  if ! pid=$(pid_of "$name"); then log "$name: not started by us (no PID file)"; return 0; fi
  if ! pid_alive "$name"; then log "$name: not running (stale PID file removed)"; rm -f "$(pid_file "$name")"; return 0; fi
  local t0; t0=$(now_ms)
  kill -TERM -- "-$pid" 2>/dev/null || true
  local deadline=$(( SECONDS + timeout ))
  while pid_alive "$name" && (( SECONDS < deadline )); do sleep 0.2; done
  if pid_alive "$name"; then
    warn "$name (pid $pid) ignored TERM for ${timeout}s; sending KILL"
    kill -KILL -- "-$pid" 2>/dev/null || true
    sleep 0.5
  fi
  rm -f "$(pid_file "$name")"
  log "$name stopped (pid $pid, $(elapsed "$t0"))"
}

# shellcheck disable=SC2016
port_open() { timeout 1 bash -c ': <>"/dev/tcp/$0/$1"' "$1" "$2" 2>/dev/null; }

# wait_port <host> <port> <timeout-s> [name]: waits until the port accepts connections; gives up
# early when the process <name> has died.
wait_port() {
  local host=$1 port=$2 timeout=$3 name=${4:-} deadline=$(( SECONDS + $3 ))
  until port_open "$host" "$port"; do
    [[ -n $name ]] && ! pid_alive "$name" && { warn "$name exited while waiting for $host:$port"; return 1; }
    (( SECONDS < deadline )) || { warn "$host:$port not open after ${timeout}s"; return 1; }
    sleep 0.3
  done
}

# http_status <url>: prints the HTTP status code (000 when nothing answers).
http_status() { curl -s -o /dev/null -m 3 -w '%{http_code}' "$1" || true; }

# wait_http <url> <timeout-s> [expected-status=200] [name]: same early exit as wait_port.
wait_http() {
  local url=$1 timeout=$2 want=${3:-200} name=${4:-} deadline=$(( SECONDS + $2 )) got
  while got=$(http_status "$url"); [[ $got != "$want" ]]; do
    [[ -n $name ]] && ! pid_alive "$name" && { warn "$name exited while waiting for $url"; return 1; }
    (( SECONDS < deadline )) || { warn "$url answered $got, not $want, after ${timeout}s"; return 1; }
    sleep 0.5
  done
}
