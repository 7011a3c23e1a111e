#!/usr/bin/env bash
# Stops exactly what up.sh started, by PID: the four services, then Kafka and Keycloak.
# The system PostgreSQL is left running (the machine owns it).
#   --services-only   stop the four services and leave Kafka and Keycloak running (for a restart
#                     of the services from freshly built jars: down.sh --services-only && up.sh --no-build)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
source "$LOCAL_DIR/services.sh"

for entry in "${SERVICES[@]}"; do
  stop_pid "${entry%%:*}"
done
[[ "${1:-}" == "--services-only" ]] || "$LOCAL_DIR/infra.sh" stop
