#!/usr/bin/env bash
# CloudUnit — offline base image for the `java` stack (stands in for eclipse-temurin:<N>-jre
# where no registry is reachable).
#   build.sh [--jdk 17|25] [image-name] [--force]      default: --jdk 17, image cloudunit/jre:<jdk>
# jlinks a JRE from a local JDK into /opt/java of a rootfs, with the class data sharing archive
# of its classes; adds the shared libraries it needs (ldd), a passwd/group with user app (10001), nsswitch.conf and a sticky /tmp, then
# `docker build`s it FROM scratch with the legacy builder. Builds only when the image is
# missing unless --force. Checks the result with `docker run --rm <image> java -version`.
# JDK 17: Debian's openjdk-17 (jlinks from its jmods/). JDK 25: Temurin, whose runtime image is
# linkable (JEP 493), so jlink needs no jmods/. CU_JLINK_JDK overrides the JDK directory; without
# it, another JDK of the same release under /usr/lib/jvm is used. Exits 3 when there is none.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
# shellcheck source-path=SCRIPTDIR source=../common.sh
source "$here/../common.sh"
image=""
force=0
feature=17
while (( $# )); do
  case "$1" in
    --force) force=1 ;;
    --jdk) feature="${2:-}"; shift ;;
    --jdk=*) feature="${1#--jdk=}" ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) image="$1" ;;
  esac
  shift
done
image="${image:-cloudunit/jre:$feature}"

# The JDK to jlink from: CU_JLINK_JDK, else the usual place, else any JDK of that feature release.
find_jdk() { # feature preferred-dir
  local d
  for d in "$2" /usr/lib/jvm/*-"$1"-* /usr/lib/jvm/*jdk-"$1"*; do
    if [[ -x "$d/bin/jlink" ]] && grep -qs "^JAVA_VERSION=\"$1[.\"]" "$d/release"; then printf '%s' "$d"; return 0; fi
  done
  return 1
}
case "$feature" in
  17) preferred=/usr/lib/jvm/java-17-openjdk-amd64; compress=2 ;;
  25) preferred=/usr/lib/jvm/temurin-25-jdk-amd64; compress=zip-6 ;;
  *) echo "unsupported --jdk '$feature' (17 or 25)" >&2; exit 2 ;;
esac
MODULES="java.se,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.zipfs,jdk.management,jdk.localedata,jdk.charsets,jdk.naming.dns,jdk.httpserver,jdk.net,jdk.jfr"

cu_base_require_docker
cu_base_present "$image" "$force" && exit 0

if [[ -n "${CU_JLINK_JDK:-}" ]]; then JDK=$CU_JLINK_JDK
elif ! JDK=$(find_jdk "$feature" "$preferred"); then
  # exit 3: this machine has no such JDK (build-all.sh then skips the image with a warning)
  printf '  ✘ no JDK %s with jlink under /usr/lib/jvm (set CU_JLINK_JDK)\n' "$feature" >&2; exit 3
fi
[[ -x "$JDK/bin/jlink" ]] || die "no jlink in $JDK: install a JDK $feature (Debian: apt-get install -y openjdk-17-jdk-headless)"
if [[ $feature == 17 ]]; then
  [[ -d "$JDK/jmods" ]] || die "no jmods in $JDK (Debian: apt-get install -y openjdk-17-jmods)"
fi

cu_base_workdir java
rootfs="$work/rootfs"
mkdir -p "$rootfs/opt"

echo "  … jlink ($JDK) -> /opt/java, with the JDK's class data sharing archive"
# --generate-cds-archive: the archive of the JDK's own classes that a JDK ships and a jlinked runtime
# lacks; with it every JVM of the platform starts about 80 ms sooner (hello app, 2 cpus, ADR 31).
"$JDK/bin/jlink" --add-modules "$MODULES" --output "$rootfs/opt/java" --generate-cds-archive \
  --strip-debug --no-man-pages --no-header-files --compress="$compress" 2>&1 \
  | grep -v -e 'deprecated' -e '\[warning\]\[cds\]' -e 'Created CDS archive' >&2 || true
[[ -x "$rootfs/opt/java/bin/java" ]] \
  || die "jlink produced no java binary (a JDK without jmods/ must have a linkable runtime, JEP 493)"
[[ -f "$rootfs/opt/java/lib/server/classes.jsa" ]] || die "jlink made no CDS archive (lib/server/classes.jsa)"
# The archive for heaps of 32 GB and more (no compressed oops): no app here gets such a heap, and a JVM
# that finds no archive for its settings simply starts without one.
rm -f "$rootfs/opt/java/lib/server/classes_nocoops.jsa"

# Debian's JDK keeps some config as symlinks into /etc (cacerts, java.security policy files):
# make them real files inside the image.
while IFS= read -r -d '' link; do
  real="$(readlink -f "$link" || true)"
  rm -f "$link"
  if [[ -n "$real" && -f "$real" ]]; then cp -L "$real" "$link"; fi
done < <(find "$rootfs/opt/java" -type l -print0)

# Every shared library the launcher and the image's own .so files need, plus the loader.
mapfile -t sos < <(find "$rootfs/opt/java" -name '*.so' -type f)
cu_base_copy_libs "$rootfs" "$rootfs/opt/java/bin/java" "${sos[@]}"

mkdir -p "$rootfs/home/app"
cu_base_passwd "$rootfs"
echo 'hosts: files dns' >"$rootfs/etc/nsswitch.conf"
mkdir -p "$rootfs/tmp" && chmod 1777 "$rootfs/tmp"

cp "$here/Dockerfile" "$work/Dockerfile"

cu_base_build "$image" "$work" --build-arg JAVA_FEATURE="$feature"

out="$(docker run --rm --label io.cloudunit.test=base-images "$image" java -version 2>&1)" || die "the image does not run java: $out"
version="${out%%$'\n'*}"
[[ "$version" == *"version \"$feature"* ]] || die "unexpected java -version output: $out"
echo "  ✔ $image: $version ($(cu_base_size "$image"))"
