#!/usr/bin/env bash
# Stands in for the `docker` executable that Jib (through quarkus.jib.docker-executable-name)
# hands a finished image to: `docker load` reads a `docker save` tarball on stdin, so this writes
# that stream to $JIB_TAR_OUT instead. No daemon is involved. `docker info` answers with the
# machine's platform, which Jib asks for before it loads. Anything else is refused.
set -euo pipefail
case "${1:-}" in
  info)
    arch=$(uname -m); [[ $arch == x86_64 ]] || [[ $arch == aarch64 ]] || arch=x86_64
    printf '{"OSType":"linux","Architecture":"%s"}\n' "$arch"
    ;;
  load)
    : "${JIB_TAR_OUT:?JIB_TAR_OUT names the tarball to write}"
    mkdir -p "$(dirname "$JIB_TAR_OUT")"
    cat >"$JIB_TAR_OUT.part"
    mv -f "$JIB_TAR_OUT.part" "$JIB_TAR_OUT"
    # What `docker load` prints; Jib only logs it.
    echo "Loaded image: written to $JIB_TAR_OUT"
    ;;
  *)
    echo "docker-to-tar.sh: '$*' is not supported (only info and load; no Docker daemon here)" >&2
    exit 1
    ;;
esac
