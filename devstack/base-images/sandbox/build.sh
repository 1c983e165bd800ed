#!/usr/bin/env bash
# CloudUnit — offline image of the network sandbox every instance joins (deployer, ADR 33).
#   build.sh [image-name] [--force]        default image: cloudunit/sandbox:1
# The host's /bin/sleep with the libraries it needs, on scratch, as uid 10001: it only has to stay alive,
# holding the instance's network namespace and published port. Builds only when the image is missing
# unless --force.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
# shellcheck source-path=SCRIPTDIR source=../common.sh
source "$here/../common.sh"
image="cloudunit/sandbox:1"
force=0
for arg in "$@"; do
  case "$arg" in
    --force) force=1 ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    -*) echo "unknown option $arg" >&2; exit 2 ;;
    *) image="$arg" ;;
  esac
done

cu_base_require_docker
cu_base_present "$image" "$force" && exit 0

sleep_bin="$(readlink -f /bin/sleep)"
[[ -x "$sleep_bin" ]] || die "no /bin/sleep on this host (coreutils)"
cu_base_workdir sandbox
rootfs="$work/rootfs"
mkdir -p "$rootfs/bin"
cp "$sleep_bin" "$rootfs/bin/sleep"
cu_base_copy_libs "$rootfs" "$rootfs/bin/sleep"
cu_base_passwd "$rootfs"
cp "$here/Dockerfile" "$work/Dockerfile"

cu_base_build "$image" "$work"
echo "  ✔ $image: the host's sleep ($(cu_base_size "$image"))"
