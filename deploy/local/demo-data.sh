#!/usr/bin/env bash
# Loads the demo contacts into the running contact-service through its CSV import, as the admin
# user. The import is idempotent by email, so running it on every start changes nothing twice.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

token=$(curl -sf -m 10 -d grant_type=password -d client_id=cx-console -d username=admin -d password=admin \
  http://localhost:8180/realms/cx/protocol/openid-connect/token | jq -r .access_token)
report=$(curl -sf -m 30 -X POST -H "Authorization: Bearer $token" -H 'Content-Type: text/csv' \
  --data-binary "@$LOCAL_DIR/demo/contacts.csv" http://127.0.0.1:8082/contacts/import) \
  || die "the demo contacts could not be imported (see $LOG_DIR/contact-service.log)"
log "demo contacts: $(jq -c '{created, updated, unchanged, errors: (.errors | length)}' <<<"$report")"
