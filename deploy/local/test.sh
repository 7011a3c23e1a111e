#!/usr/bin/env bash
# The one command that runs every test. Starts the infrastructure the tests need (PostgreSQL with
# the test databases, Kafka, Keycloak), runs the Maven build with every module's unit and
# integration tests against it (deploy-tests among them: the Kubernetes manifests), the YAML lint and
# one container image built without Docker (deploy/k8s/images/build.sh), then the platform smoke test
# of the local run (deploy/local/smoke.sh), which ends by stopping everything it started.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

t0=$(now_ms)
# YAML style of the Kubernetes manifests (.yamllint); their content is checked by deploy-tests.
if ! command -v yamllint >/dev/null; then
  log "yamllint: installing the Debian package (apt-get)"
  sudo=(); [[ $EUID -eq 0 ]] || sudo=(sudo)
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q yamllint
fi
(cd "$REPO_ROOT" && yamllint --strict .yamllint deploy/k8s) || die "yamllint found problems"
log "yamllint: deploy/k8s clean"
command -v kubectl >/dev/null || die "kubectl is missing: deploy-tests render the manifests with kubectl kustomize"
"$LOCAL_DIR/infra.sh" start
# Every run starts from empty test databases: a database kept from an earlier run (another realm
# import, other agents' ids) must not decide whether a test passes.
"$LOCAL_DIR/infra.sh" reset-db _test
# install, not just verify: the end-to-end module is built against the installed modules.
(cd "$REPO_ROOT" && ./mvnw -B install "$@")
# One service's image, without a Docker daemon, to a tarball (~45 s; docs/operations.md).
t_img=$(now_ms)
"$REPO_ROOT/deploy/k8s/images/build.sh" contact-service
log "image build and checks in $(elapsed "$t_img")"
"$LOCAL_DIR/smoke.sh"
log "all tests passed in $(elapsed "$t0")"
