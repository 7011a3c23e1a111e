#!/usr/bin/env bash
# Container images without a Docker daemon or a registry, as tarballs (docs/operations.md,
# "Container images"):
#   deploy/k8s/images/build.sh [--verify-only] <module>...     e.g. contact-service
# 1. Assembles a base image from this machine's JDK (cached in .build/): a jlink runtime in
#    /opt/java, the glibc libraries it links, /etc/passwd with uid 185, /tmp; written as a
#    `docker save` tarball. Production builds FROM registry.access.redhat.com/ubi9/openjdk-17-runtime
#    (the parent pom's quarkus.jib.base-jvm-image) instead.
# 2. Runs the module's Quarkus build with quarkus-container-image-jib on that base (tar://) and
#    takes the image Jib hands to `docker load` as <module>/target/jib/<module>-image.tar.
# 3. Checks the tarball: manifest, entrypoint, user 185, the app's jar in a layer. As root (with
#    unshare and chroot), it unpacks the layers and runs them as uid 185 in their own filesystem:
#    `java -version`, then the service itself with QUARKUS_PROFILE=kube and no Secrets, which must
#    refuse to start naming quarkus.datasource.password (the image boots Quarkus, logs JSON, and
#    the kube profile's SecretGuard holds). Dependencies point at 127.0.0.1:9, nothing is touched.
# Extra Maven arguments: MVN_ARGS (e.g. MVN_ARGS=-o for offline).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
work="$here/.build"
log() { printf '[%s] images: %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { printf '[%s] images: ERROR: %s\n' "$(date +%H:%M:%S)" "$*" >&2; exit 1; }

verify_only=0
[[ ${1:-} == --verify-only ]] && { verify_only=1; shift; }
(( $# )) || die "usage: build.sh [--verify-only] <module>..."

java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
[[ -x $java_home/bin/jlink && -d $java_home/jmods ]] \
  || die "$java_home has no jlink/jmods (Debian: openjdk-17-jdk-headless, openjdk-17-jmods)"
for tool in tar sha256sum ldd python3; do command -v $tool >/dev/null || die "$tool is missing"; done

# --------------------------------------------------------------------------- base image
# Everything Quarkus and its libraries may load (java.se), plus what the JDK adds beyond SE.
MODULES=java.se,jdk.unsupported,jdk.crypto.ec,jdk.zipfs,jdk.management,jdk.naming.dns,jdk.jfr,jdk.localedata
base_key=$(cat "$java_home/release" "$0" | sha256sum | cut -c1-16)
base_tar="$work/base-$base_key.tar"

build_base() {
  local t0=$SECONDS root="$work/base-root"
  rm -rf "$work"; mkdir -p "$root"
  log "base: jlink runtime from $java_home"
  "$java_home/bin/jlink" --add-modules "$MODULES" --strip-debug --no-man-pages --no-header-files \
    --compress=2 --output "$root/opt/java"
  # Debian's JDK links cacerts to /etc/ssl/certs/java: keep a real file in the image.
  local cacerts="$java_home/lib/security/cacerts"
  rm -f "$root/opt/java/lib/security/cacerts"; cp -L "$cacerts" "$root/opt/java/lib/security/cacerts"
  # The shared libraries the runtime links (loader, libc, libz, ...), copied from this machine.
  local libs
  libs=$(find "$root/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) -print0 \
    | xargs -0 ldd 2>/dev/null | grep -oE '(/[^ ]+\.so[^ ]*)' | sort -u)
  local lib
  for lib in $libs; do
    [[ $lib == "$root"* ]] && continue
    mkdir -p "$root$(dirname "$lib")"; cp -L "$lib" "$root$lib"
  done
  # Debian's loader path (/lib64 and /lib are links to /usr on merged-usr systems).
  mkdir -p "$root/etc" "$root/tmp" "$root/proc" "$root/home/jboss"
  chmod 1777 "$root/tmp"
  printf 'root:x:0:0:root:/root:/sbin/nologin\njboss:x:185:185:jboss:/home/jboss:/sbin/nologin\n' >"$root/etc/passwd"
  printf 'root:x:0:\njboss:x:185:\n' >"$root/etc/group"
  printf 'hosts: files dns\n' >"$root/etc/nsswitch.conf"
  [[ $EUID -eq 0 ]] && chown 185:185 "$root/home/jboss"
  local img="$work/base-img"; mkdir -p "$img"
  tar --sort=name --mtime=@0 --numeric-owner -C "$root" -cf "$img/layer.tar" .
  local diff; diff=$(sha256sum "$img/layer.tar" | cut -d' ' -f1)
  python3 - "$img" "$diff" <<'PY'
import json, sys
img, diff = sys.argv[1], sys.argv[2]
config = {"architecture": "amd64", "os": "linux",
          "config": {"Env": ["PATH=/opt/java/bin:/usr/bin:/bin", "JAVA_HOME=/opt/java"],
                     "User": "185", "WorkingDir": "/home/jboss"},
          "rootfs": {"type": "layers", "diff_ids": ["sha256:" + diff]},
          "history": [{"created_by": "deploy/k8s/images/build.sh (jlink from the local JDK)"}]}
json.dump(config, open(img + "/config.json", "w"))
json.dump([{"Config": "config.json", "RepoTags": ["chatcases/local-jre:17"],
            "Layers": ["layer.tar"]}], open(img + "/manifest.json", "w"))
PY
  tar --mtime=@0 -C "$img" -cf "$base_tar.part" manifest.json config.json layer.tar
  mv "$base_tar.part" "$base_tar"; rm -rf "$img" "$root"
  log "base: $base_tar ($(du -h "$base_tar" | cut -f1), $((SECONDS - t0)) s)"
}

# --------------------------------------------------------------------------- checks
verify() {
  local module=$1 tarball=$2 x="$work/verify-$1"
  [[ -s $tarball ]] || die "$module: $tarball is missing"
  rm -rf "$x"; mkdir -p "$x"; tar -C "$x" -xf "$tarball"
  python3 - "$x" "$module" <<'PY' || exit 1
import json, sys, tarfile, os
x, module = sys.argv[1], sys.argv[2]
manifest = json.load(open(os.path.join(x, "manifest.json")))[0]
config = json.load(open(os.path.join(x, manifest["Config"])))
c = config["config"]
problems = []
if c.get("User") != "185": problems.append("user is %r, not 185" % c.get("User"))
entry = " ".join(c.get("Entrypoint") or [])
if "quarkus-run.jar" not in entry: problems.append("entrypoint %r does not run quarkus-run.jar" % entry)
if not any(tag.endswith("/" + module + ":" + tag.split(":")[-1]) for tag in manifest.get("RepoTags", [])):
    problems.append("tags %r do not name %s" % (manifest.get("RepoTags"), module))
names = set()
for layer in manifest["Layers"]:
    with tarfile.open(os.path.join(x, layer)) as t:
        names.update(n.lstrip("./") for n in t.getnames())
for need in ["opt/java/bin/java", "home/jboss/quarkus-run.jar", "home/jboss/quarkus/quarkus-application.dat"]:
    if need not in names: problems.append("no " + need + " in the layers")
if problems:
    print("images: " + module + ": " + "; ".join(problems), file=sys.stderr); sys.exit(1)
print("images: %s: %d layers, tags %s, user %s, entrypoint %s" % (module, len(manifest["Layers"]),
      ",".join(manifest["RepoTags"]), c["User"], entry))
PY
  if [[ $EUID -eq 0 ]] && command -v chroot >/dev/null && command -v unshare >/dev/null; then
    local rootfs="$x/rootfs" layer out
    mkdir -p "$rootfs"
    for layer in $(python3 -c 'import json,sys; print(" ".join(json.load(open(sys.argv[1]))[0]["Layers"]))' "$x/manifest.json"); do
      tar --warning=no-unknown-keyword -C "$rootfs" -xf "$x/$layer"
    done
    mkdir -p "$rootfs/proc"; chmod 1777 "$rootfs/tmp"
    in_image() { # <command...>: runs inside the image's filesystem as uid 185, /proc mounted privately
      env -i PATH=/opt/java/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/home/jboss "${run_env[@]}" \
        timeout 90 unshare --mount --propagation private \
        sh -c 'mount -t proc proc "$0/proc" && exec chroot --userspec=185:185 "$0" "$@"' "$rootfs" "$@"
    }
    local run_env=()
    out=$(in_image /opt/java/bin/java -version 2>&1) \
      || die "$module: the image's java does not run in its own filesystem: $out"
    log "$module: in the image: $(head -1 <<<"$out")"
    # Every dependency on a closed port (nothing on this machine is touched) and no start-up
    # schema work, so that the first thing to stop the start is SecretGuard.
    run_env=(QUARKUS_PROFILE=kube QUARKUS_FLYWAY_MIGRATE_AT_START=false
      QUARKUS_HIBERNATE_ORM_SCHEMA_MANAGEMENT_STRATEGY=none
      QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:9/none
      QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:9/none
      KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9 QUARKUS_OIDC_AUTH_SERVER_URL=http://127.0.0.1:9/realms/cx
      QUARKUS_HTTP_PORT=0 QUARKUS_MANAGEMENT_PORT=0)
    local t1=$SECONDS
    out=$(in_image /opt/java/bin/java -jar /home/jboss/quarkus-run.jar 2>&1 || true)
    grep -q '"message":"refusing to start: quarkus.datasource.password' <<<"$out" \
      || die "$module: the image did not boot to SecretGuard's refusal (JSON log) with QUARKUS_PROFILE=kube; last lines: $(tail -3 <<<"$out" | cut -c1-300)"
    log "$module: in the image: Quarkus started, logged JSON and refused to run without its Secrets ($((SECONDS - t1)) s)"
  fi
  rm -rf "$x"
}

# --------------------------------------------------------------------------- build
if (( ! verify_only )); then
  [[ -s $base_tar ]] && log "base: $base_tar (cached)" || build_base
fi
for module in "$@"; do
  out="$repo/$module/target/jib/$module-image.tar"
  if (( ! verify_only )); then
    t0=$SECONDS
    log "$module: quarkus build with Jib FROM tar://$base_tar"
    # shellcheck disable=SC2086
    (cd "$repo" && ./mvnw -B -q ${MVN_ARGS:-} -pl "$module" package -DskipTests -Dspotless.check.skip=true \
      -Dquarkus.container-image.build=true \
      -Dquarkus.jib.base-jvm-image="tar://$base_tar" \
      -Dquarkus.jib.docker-executable-name="$here/docker-to-tar.sh" \
      -Dquarkus.jib.docker-environment.JIB_TAR_OUT="$out")
    log "$module: $out ($(du -h "$out" | cut -f1), $((SECONDS - t0)) s)"
  fi
  verify "$module" "$out"
done
