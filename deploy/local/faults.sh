#!/usr/bin/env bash
# The long run of the reliability suite (docs/reliability.md): the same scenarios as the test
# command, each fault repeated and the fuzzer run longer.
#   deploy/local/faults.sh            5 rounds of every fault, 20x fuzzing
#   deploy/local/faults.sh 10 50      10 rounds, 50x fuzzing (the fuzzer's seed is printed; replay
#                                     one with FAULTS_ARGS=-Dfuzz.seed=<seed>)
# Needs the platform up (deploy/local/up.sh): the fault lab (FaultsIT) starts its own PostgreSQL,
# Kafka and services beside it; the other suites drive the platform and extra gateway replicas.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

rounds=${1:-5}
fuzz=$(( ${2:-20} * 50 ))
t0=$(now_ms)
"$LOCAL_DIR/infra.sh" start >/dev/null
wait_http http://127.0.0.1:8080/q/health/ready 5 200 \
  || die "the platform is not up: run deploy/local/up.sh first"
# shellcheck disable=SC2086
(cd "$REPO_ROOT" && ./mvnw -B -Pe2e -pl e2e-tests verify -Dspotless.check.skip=true \
  -Dit.test='FaultsIT,ManySocketsKillIT,ClaimStormIT,LongDisconnectIT,HostileInputIT' \
  -Dfaults.rounds="$rounds" -Dfuzz.iterations="$fuzz" ${FAULTS_ARGS:-}) \
  | tee "$STATE_DIR/logs/faults.log" | grep -E '^\[faults\]|^(HostileInputIT|ClaimStormIT|ManySocketsKillIT|LongDisconnectIT)|Tests run:|FAIL' || true
grep -q 'BUILD SUCCESS' "$STATE_DIR/logs/faults.log" || die "the long run failed; see $STATE_DIR/logs/faults.log"
log "long reliability run passed in $(elapsed "$t0") ($rounds rounds; figures above)"
