#!/usr/bin/env bash
# The benchmark command: brings the local platform up (up.sh; idempotent), builds the harness if
# needed, then runs loadtest/ (two gateway replicas of its own on 8070/8071) and rewrites
# docs/benchmarks.md. About 20 to 25 minutes; nothing else should run on the machine meanwhile.
#   deploy/local/bench.sh                      every scenario, 3 runs each -> docs/benchmarks.md
#   deploy/local/bench.sh --only steady,claims some scenarios -> loadtest/target/benchmarks-partial.md
#   deploy/local/bench.sh --only steady --rate 750   the steady mix at another rate (profiling) -> same
#   deploy/local/bench.sh --only steady,knee --all-claimed   every Case claimed: no message goes to
#                                              every console (the fan-out's cost) -> same
#   deploy/local/bench.sh --smoke              small and short (the test command runs it) ->
#                                              loadtest/target/benchmarks-smoke.md; fails on any
#                                              lost, doubled or out-of-order message
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ " $* " != *" --no-up "* ]]; then
  deploy/local/up.sh --no-build >/dev/null
fi
args=()
for a in "$@"; do [[ $a == --no-up ]] || args+=("$a"); done
if [[ ! -d loadtest/target/lib || ! -f chat-gateway/target/quarkus-app/quarkus-run.jar ]]; then
  ./mvnw -B -q -o -pl loadtest -am install -DskipTests -Dspotless.check.skip=true -Dui.skip=true
fi
# 10,000 sockets on each side of one machine.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
# Measured as production runs: with autovacuum (loadtest/findings.md, 2026-12-01), then as found.
if [[ " $* " != *" --smoke "* && "$(psql -h 127.0.0.1 -U postgres -w -Atc 'show autovacuum' 2>/dev/null)" == off ]]; then
  deploy/local/infra.sh autovacuum on
  trap 'deploy/local/infra.sh autovacuum reset' EXIT
fi
java -Xmx1g -Drepo.root=. -cp "loadtest/target/classes:loadtest/target/lib/*" \
  io.chatcases.loadtest.Bench "${args[@]}"
