#!/usr/bin/env bash
# CloudUnit — offline base image for the `java` stack (stands in for eclipse-temurin:*-jre
# where no registry is reachable).
#   build.sh [image-name] [--force]        default image: cloudunit/jre:17
# jlinks a JRE from the local JDK 17 into /opt/java of a rootfs, adds the shared libraries it
# needs (ldd), a passwd/group with user app (10001), nsswitch.conf and a sticky /tmp, then
# `docker build`s it FROM scratch with the legacy builder. Builds only when the image is
# missing unless --force. Checks the result with `docker run --rm <image> java -version`.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
target="$(cd "$here/../.." && pwd -P)/target"
image="cloudunit/jre:17"
force=0
for arg in "$@"; do
  case "$arg" in
    --force) force=1 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    -*) echo "unknown option $arg" >&2; exit 2 ;;
    *) image="$arg" ;;
  esac
done

JDK="${CU_JLINK_JDK:-/usr/lib/jvm/java-17-openjdk-amd64}"
MODULES="java.se,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.zipfs,jdk.management,jdk.localedata,jdk.charsets,jdk.naming.dns,jdk.httpserver,jdk.net,jdk.jfr"

die() { printf '  ✘ %s\n' "$*" >&2; exit 1; }

command -v docker >/dev/null || die "docker client missing (apt-get install -y docker.io)"
timeout 10 docker info >/dev/null 2>&1 || die "no Docker engine answers: run ./cloudunit infra (or start dockerd) first"

if (( ! force )) && docker image inspect "$image" >/dev/null 2>&1; then
  echo "image $image already present (use --force to rebuild)"
  exit 0
fi

[[ -x "$JDK/bin/jlink" ]] || die "no jlink in $JDK: apt-get install -y openjdk-17-jdk-headless"
[[ -d "$JDK/jmods" ]] || die "no jmods in $JDK (Debian: apt-get install -y openjdk-17-jmods)"

mkdir -p "$target"
work="$(mktemp -d "$target/base-image-java.XXXXXX")"
trap 'rm -rf "$work"' EXIT
rootfs="$work/rootfs"
mkdir -p "$rootfs/opt"

echo "  … jlink ($JDK) -> /opt/java"
"$JDK/bin/jlink" --add-modules "$MODULES" --output "$rootfs/opt/java" \
  --strip-debug --no-man-pages --no-header-files --compress=2 2>&1 | grep -v 'deprecated' || true
[[ -x "$rootfs/opt/java/bin/java" ]] || die "jlink produced no java binary"

# Debian's JDK keeps some config as symlinks into /etc (cacerts, java.security policy files):
# make them real files inside the image.
while IFS= read -r -d '' link; do
  real="$(readlink -f "$link" || true)"
  rm -f "$link"
  if [[ -n "$real" && -f "$real" ]]; then cp -L "$real" "$link"; fi
done < <(find "$rootfs/opt/java" -type l -print0)

# Every shared library the launcher and the image's own .so files need, plus the loader.
libs="$work/libs.txt"
: >"$libs"
{ echo "$rootfs/opt/java/bin/java"; find "$rootfs/opt/java" -name '*.so' -type f; } | while read -r bin; do
  ldd "$bin" 2>/dev/null | awk '
    $2 == "=>" && $3 ~ /^\// { print $3 }
    $1 ~ /^\// { print $1 }' >>"$libs" || true
done
missing=0
while read -r lib; do
  case "$lib" in "$rootfs"/*) continue ;; esac   # inside the jlinked image already
  [[ -e "$lib" ]] || { echo "  ! missing $lib" >&2; missing=1; continue; }
  cp -L --parents "$lib" "$rootfs/"
done < <(sort -u "$libs")
(( missing == 0 )) || die "some shared libraries were not found"
# The dynamic loader at its canonical path (the java binary's PT_INTERP).
loader="$(readelf -l "$rootfs/opt/java/bin/java" 2>/dev/null | sed -n 's/.*interpreter: \(.*\)]/\1/p' || true)"
loader="${loader:-/lib64/ld-linux-x86-64.so.2}"
[[ -e "$rootfs$loader" ]] || cp -L --parents "$loader" "$rootfs/"

mkdir -p "$rootfs/etc" "$rootfs/home/app"
cat >"$rootfs/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/sbin/nologin
app:x:10001:10001:CloudUnit app:/home/app:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
EOF
cat >"$rootfs/etc/group" <<'EOF'
root:x:0:
app:x:10001:
nogroup:x:65534:
EOF
echo 'hosts: files dns' >"$rootfs/etc/nsswitch.conf"
mkdir -p "$rootfs/tmp" && chmod 1777 "$rootfs/tmp"

cp "$here/Dockerfile" "$work/Dockerfile"

echo "  … docker build -t $image ($(du -sh "$rootfs" | cut -f1) rootfs, legacy builder)"
DOCKER_BUILDKIT=0 docker build --quiet -t "$image" "$work" >"$work/build.log" 2>&1 \
  || { cat "$work/build.log" >&2; die "docker build failed"; }

out="$(docker run --rm "$image" java -version 2>&1)" || die "the image does not run java: $out"
version="${out%%$'\n'*}"
[[ "$version" == *'version "17'* ]] || die "unexpected java -version output: $out"
echo "  ✔ $image: $version ($(docker image inspect -f '{{.Size}}' "$image" | awk '{printf "%d MB", $1/1000000}'))"
