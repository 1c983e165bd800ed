#!/usr/bin/env bash
# CloudUnit — offline base image for the `static` stack (stands in for a small public static
# server image such as nginxinc/nginx-unprivileged where no registry is reachable).
#   build.sh [image-name] [--force]        default image: cloudunit/static:1
# lighttpd from Debian (fetched with `apt-get download`, nothing installed on the host) on
# scratch with the libraries it needs: serves /usr/share/nginx/html on $PORT (8080) as uid 10001,
# event-driven with keep-alive, one access log line per request on stderr, content types from
# lighttpd.conf next to this file. No shell in the image. Builds only when the image is missing
# unless --force.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
# shellcheck source-path=SCRIPTDIR source=../common.sh
source "$here/../common.sh"
image="cloudunit/static:1"
force=0
for arg in "$@"; do
  case "$arg" in
    --force) force=1 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    -*) echo "unknown option $arg" >&2; exit 2 ;;
    *) image="$arg" ;;
  esac
done

cu_base_require_docker
cu_base_present "$image" "$force" && exit 0

deb="$(cu_base_deb lighttpd)"
cu_base_workdir static
rootfs="$work/rootfs"
dpkg-deb -x "$deb" "$work/deb"
mkdir -p "$rootfs/usr/sbin" "$rootfs/usr/lib/lighttpd" "$rootfs/etc/lighttpd" \
  "$rootfs/usr/share/nginx/html" "$rootfs/tmp"
cp "$work/deb/usr/sbin/lighttpd" "$rootfs/usr/sbin/"
cp "$work/deb/usr/lib/lighttpd/mod_accesslog.so" "$rootfs/usr/lib/lighttpd/"
cu_base_copy_libs "$rootfs" "$rootfs/usr/sbin/lighttpd" "$rootfs/usr/sbin/lighttpd" "$rootfs/usr/lib/lighttpd/mod_accesslog.so"
chmod 1777 "$rootfs/tmp"
cu_base_passwd "$rootfs"
cp "$here/lighttpd.conf" "$rootfs/etc/lighttpd/lighttpd.conf"
rm -rf "$work/deb"  # not part of the build context
PORT=8080 "$rootfs/usr/sbin/lighttpd" -tt -f "$rootfs/etc/lighttpd/lighttpd.conf" -m "$rootfs/usr/lib/lighttpd" >/dev/null \
  || die "lighttpd rejects lighttpd.conf"
cp "$here/Dockerfile" "$work/Dockerfile"

cu_base_build "$image" "$work"
echo "  ✔ $image: $(basename "$deb" .deb | sed 's/_amd64$//; s/_/ /') ($(cu_base_size "$image"))"
