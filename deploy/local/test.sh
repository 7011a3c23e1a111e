#!/usr/bin/env bash
# The one command that runs every test. Starts the infrastructure the tests need (PostgreSQL with
# the test databases, Kafka, Keycloak), runs the Maven build with every module's unit and
# integration tests against it, then the platform smoke test of the local run (deploy/local/smoke.sh),
# which ends by stopping everything it started.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

t0=$(now_ms)
"$LOCAL_DIR/infra.sh" start
# install, not just verify: the end-to-end module is built against the installed modules.
(cd "$REPO_ROOT" && ./mvnw -B install "$@")
"$LOCAL_DIR/smoke.sh"
log "all tests passed in $(elapsed "$t0")"
