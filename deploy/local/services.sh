# shellcheck shell=bash
# The four services of the local platform: name, port, module. Sourced by up.sh, down.sh, smoke.sh.
# shellcheck disable=SC2034
SERVICES=(contact-service:8082 case-service:8081 file-service:8083 chat-gateway:8080)
# A GET path of each service that only agents may read (checked by smoke.sh).
declare -A AGENT_PATH=(
  [contact-service]=/contacts
  [case-service]=/quick-replies
  [file-service]=/cases/00000000-0000-0000-0000-000000000001/files
  [chat-gateway]=/api/me
)
service_jar() { printf '%s/%s/target/quarkus-app/quarkus-run.jar' "$REPO_ROOT" "$1"; }
