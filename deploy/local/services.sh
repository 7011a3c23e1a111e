# shellcheck shell=bash
# The four services of the local platform: name, port, module. Sourced by up.sh, down.sh, smoke.sh.
# shellcheck disable=SC2034
SERVICES=(contact-service:8082 case-service:8081 file-service:8083 chat-gateway:8080)
# A GET path of each service that only agents may read (checked by smoke.sh; CASE_ID is a Case
# the smoke test starts, since the Files tab of a Case is only for agents who may see it).
agent_path() {
  case $1 in
    contact-service) echo /contacts ;;
    case-service) echo /quick-replies ;;
    file-service) echo "/cases/$CASE_ID/files" ;;
    chat-gateway) echo /api/me ;;
  esac
}
service_jar() { printf '%s/%s/target/quarkus-app/quarkus-run.jar' "$REPO_ROOT" "$1"; }
