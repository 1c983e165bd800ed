# shellcheck shell=bash
# CloudUnit — helpers shared by the base image build scripts (source it after setting `here`).
# cu_base_* names; nothing here starts a container or touches an image it was not given.

# shellcheck disable=SC2154  # here: the sourcing script's directory
CU_BASE_TARGET="$(cd "$here/../.." && pwd -P)/target"
CU_BASE_DOWNLOADS="$CU_BASE_TARGET/downloads"

die() { printf '  ✘ %s\n' "$*" >&2; exit 1; }

cu_base_require_docker() {
  command -v docker >/dev/null || die "docker client missing (apt-get install -y docker.io)"
  timeout 10 docker info >/dev/null 2>&1 || die "no Docker engine answers: run ./cloudunit infra (or start dockerd) first"
}

# cu_base_present <image> <force>: true (and says so) when the image exists and no rebuild is asked.
cu_base_present() {
  if (( ! $2 )) && docker image inspect "$1" >/dev/null 2>&1; then
    echo "image $1 already present (use --force to rebuild)"
    return 0
  fi
  return 1
}

# cu_base_workdir <stack>: a fresh build context under devstack/target, removed on exit.
cu_base_workdir() {
  mkdir -p "$CU_BASE_TARGET"
  work="$(mktemp -d "$CU_BASE_TARGET/base-image-$1.XXXXXX")"
  # shellcheck disable=SC2064  # expand now: the trap must remove this very directory
  trap "rm -rf '$work'" EXIT
}

# cu_base_build <image> <context> [docker build args...]: legacy builder (no BuildKit here).
# The image the name pointed at before (--force) is removed when nothing uses it any more.
cu_base_build() {
  local image=$1 context=$2 old new; shift 2
  old=$(docker image inspect -f '{{.Id}}' "$image" 2>/dev/null || true)
  echo "  … docker build -t $image ($(du -sh "$context" | cut -f1) context, legacy builder)"
  DOCKER_BUILDKIT=0 docker build --quiet "$@" -t "$image" "$context" >"$context/build.log" 2>&1 \
    || { cat "$context/build.log" >&2; die "docker build of $image failed"; }
  new=$(docker image inspect -f '{{.Id}}' "$image")
  if [[ -n "$old" && "$old" != "$new" && -z "$(docker image inspect -f '{{join .RepoTags ""}}' "$old" 2>/dev/null)" ]]; then
    docker rmi "$old" >/dev/null 2>&1 || true   # no -f: kept while a container or image uses it
  fi
}

cu_base_size() { # image -> "79 MB"
  docker image inspect -f '{{.Size}}' "$1" | awk '{printf "%.1f MB", $1/1000000}'
}

# cu_base_passwd <rootfs>: root, app (10001) and nobody, no login shells.
cu_base_passwd() {
  mkdir -p "$1/etc"
  cat >"$1/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
app:x:10001:10001:CloudUnit app:/home/app:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
PASSWD
  cat >"$1/etc/group" <<'GROUP'
root:x:0:
app:x:10001:
nogroup:x:65534:
GROUP
}

# cu_base_copy_libs <rootfs> <main-elf> [elf...]: copies into rootfs every shared library the
# given ELF files need (as ldd resolves them on this host; the host's glibc), plus the dynamic
# loader named by main-elf's PT_INTERP. Libraries already inside rootfs are left alone.
cu_base_copy_libs() {
  local rootfs=$1 main=$2 lib loader missing=0
  local -a libs
  mapfile -t libs < <(for elf in "${@:2}"; do
    ldd "$elf" 2>/dev/null | awk '
      $2 == "=>" && $3 ~ /^\// { print $3 }
      $1 ~ /^\// { print $1 }' || true
  done | sort -u)
  for lib in "${libs[@]}"; do
    case "$lib" in "$rootfs"/*) continue ;; esac
    [[ -e "$lib" ]] || { echo "  ! missing $lib" >&2; missing=1; continue; }
    cp -L --parents "$lib" "$rootfs/"
  done
  (( missing == 0 )) || die "some shared libraries were not found"
  loader="$(readelf -l "$main" 2>/dev/null | sed -n 's/.*interpreter: \(.*\)]/\1/p' || true)"
  loader="${loader:-/lib64/ld-linux-x86-64.so.2}"
  [[ -e "$rootfs$loader" ]] || cp -L --parents "$loader" "$rootfs/"
}

# cu_base_deb <package>: prints the path of the package's .deb, fetched once with
# `apt-get download` into devstack/target/downloads (nothing is installed on the host; later
# builds need no network).
cu_base_deb() {
  local pkg=$1 deb log="$CU_BASE_DOWNLOADS/apt.log"
  deb=$(find "$CU_BASE_DOWNLOADS" -maxdepth 1 -name "${pkg}_*.deb" 2>/dev/null | sort | tail -n1)
  if [[ -z "$deb" ]]; then
    command -v apt-get >/dev/null || die "no apt-get: put a $pkg .deb into $CU_BASE_DOWNLOADS"
    mkdir -p "$CU_BASE_DOWNLOADS"
    echo "  … apt-get download $pkg" >&2
    if ! (cd "$CU_BASE_DOWNLOADS" && apt-get download -q "$pkg") >>"$log" 2>&1; then
      # a fresh machine may have no package lists yet
      [[ $(id -u) -eq 0 ]] || { tail -n 5 "$log" >&2; die "apt-get download $pkg failed (run apt-get update as root)"; }
      { apt-get update -q && (cd "$CU_BASE_DOWNLOADS" && apt-get download -q "$pkg"); } >>"$log" 2>&1 \
        || { tail -n 20 "$log" >&2; die "apt-get download $pkg failed"; }
    fi
    deb=$(find "$CU_BASE_DOWNLOADS" -maxdepth 1 -name "${pkg}_*.deb" | sort | tail -n1)
  fi
  [[ -n "$deb" ]] || die "no $pkg .deb in $CU_BASE_DOWNLOADS"
  printf '%s' "$deb"
}
