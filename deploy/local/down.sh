#!/usr/bin/env bash
# Stops exactly what up.sh started, by PID: the four services, then Kafka and Keycloak.
# The system PostgreSQL is left running (the machine owns it).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
source "$LOCAL_DIR/services.sh"

for entry in "${SERVICES[@]}"; do
  stop_pid "${entry%%:*}"
done
"$LOCAL_DIR/infra.sh" stop
