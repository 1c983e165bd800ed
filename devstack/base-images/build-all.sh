#!/usr/bin/env bash
# CloudUnit — builds every base image offline, one per build stack, under the names in images.sh
# (CU_IMAGE_JAVA17, CU_IMAGE_JAVA25, CU_IMAGE_TOMCAT, CU_IMAGE_STATIC), and the deployer's network
# sandbox (CU_IMAGE_SANDBOX), and smoke-tests each one it builds.
#   build-all.sh [--force] [--check]
#     (none)   builds the missing images only, and ours an older recipe made (a JRE without its CDS
#              archive, ADR 31); present ones are just listed (fast)
#     --force  rebuilds every image
#     --check  builds nothing: smoke-tests the images that are present
# A smoke test runs the image hardened like an app (default user, which must be uid 10001;
# --cap-drop ALL, no-new-privileges, memory and pid limits, port on 127.0.0.1 only): java -Xshare:on
# -version for the JREs (their CDS archive maps), a Jakarta servlet WAR answering 200 at / for Tomcat, an index.html for static,
# for the sandbox: it keeps running read-only, publishes its port, and a stop kills it at once.
# Its containers are labelled io.cloudunit.test=base-images and always removed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
# shellcheck source-path=SCRIPTDIR source=../bin/lib.sh
source "$here/../bin/lib.sh"
# shellcheck source-path=SCRIPTDIR source=images.sh
source "$here/images.sh"

force=0 check=0
for arg in "$@"; do
  case "$arg" in
    --force) force=1 ;;
    --check) check=1 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown argument $arg" >&2; exit 2 ;;
  esac
done

run="$$-$RANDOM"
smoke_dir=""
# shellcheck disable=SC2317  # called by the trap
cleanup() {
  local -a ids
  mapfile -t ids < <(docker ps -aq --filter label=io.cloudunit.test=base-images --filter "name=cu-basetest-$run-" 2>/dev/null || true)
  (( ${#ids[@]} == 0 )) || docker rm -f "${ids[@]}" >/dev/null 2>&1 || true
  [[ -z "$smoke_dir" ]] || rm -rf "$smoke_dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

HARDENING=(--label io.cloudunit.test=base-images --cap-drop ALL --security-opt no-new-privileges
           --memory 256m --memory-swap 256m --pids-limit 256)

fail() { printf '  ✘ %s\n' "$*" >&2; return 1; }

smoke_user() { # image: the default user must be uid 10001 (app), never root
  local user; user=$(docker image inspect -f '{{.Config.User}}' "$1")
  case "$user" in
    10001|10001:10001|app|app:app) ;;
    *) fail "$1 runs as '${user:-root}' by default, not uid 10001 (app)" ;;
  esac
}

smoke_java() { # image feature
  local out
  # -Xshare:on fails unless the JVM maps the image's class data sharing archive
  out=$(docker run --rm --name "cu-basetest-$run-java$2" "${HARDENING[@]}" "$1" java -Xshare:on -version 2>&1) \
    || fail "$1: java -Xshare:on -version failed: $out" || return 1
  [[ "$out" == *"version \"$2"* ]] || fail "$1: expected Java $2, got: $out"
}

# smoke_http <name> <image> <src-dir> <dest-dir> <path> <marker> <content-type> [<path> ...]
# Creates a hardened container publishing 8080 on 127.0.0.1, copies src-dir/. into dest-dir,
# starts it and waits (60 s at most) until each path answers 200 with its marker in the body
# and a content type starting with the one given.
smoke_http() {
  local name="cu-basetest-$run-$1" image=$2 src=$3 dest=$4 port
  shift 4
  docker create --name "$name" "${HARDENING[@]}" -p 127.0.0.1::8080 "$image" >/dev/null || return 1
  docker cp "$src/." "$name:$dest" >/dev/null || fail "$image: cannot copy into $dest" || return 1
  docker start "$name" >/dev/null || return 1
  port=$(docker port "$name" 8080/tcp | sed -n 's/^127\.0\.0\.1:\([0-9]*\)$/\1/p' | head -n1)
  [[ -n "$port" ]] || fail "$image: port 8080 is not published on 127.0.0.1" || return 1
  while (( $# >= 3 )); do
    if ! CU_WAIT_VERB=answering cu_wait_for "smoke test" 60 smoke_answers "$port" "$1" "$2" "$3"; then
      docker logs --tail 30 "$name" 2>&1 | sed 's/^/  | /' >&2
      fail "$image: $1 did not answer 200 with '$2' ($3)"
      return 1
    fi
    shift 3
  done
  docker rm -f "$name" >/dev/null
}
# shellcheck disable=SC2317  # called by cu_wait_for
smoke_answers() { # port path marker content-type-prefix
  local body status
  body=$(curl -s --max-time 5 -w '\n%{http_code} %{content_type}' "http://127.0.0.1:$1$2") || return 1
  status=${body##*$'\n'}
  [[ "$status" == "200 $4"* && "$body" == *"$3"* ]]
}

smoke_tomcat() { # image: a Jakarta servlet WAR deployed as ROOT answers at /
  local war="$smoke_dir/tomcat" javac jar
  javac="$(dirname "$(cu_java17)")/javac"; jar="$(dirname "$(cu_java17)")/jar"
  [[ -x "$javac" ]] || fail "no javac next to $(cu_java17): install a JDK 17" || return 1
  mkdir -p "$war/src/smoke" "$war/root/WEB-INF/classes" "$war/webapps"
  # compiled against the servlet API of the image under test
  docker create --name "cu-basetest-$run-servlet-api" --label io.cloudunit.test=base-images "$1" >/dev/null \
    && docker cp "cu-basetest-$run-servlet-api:/usr/local/tomcat/lib/servlet-api.jar" "$war/" >/dev/null 2>&1
  docker rm -f "cu-basetest-$run-servlet-api" >/dev/null 2>&1 || true
  [[ -s "$war/servlet-api.jar" ]] || fail "$1 has no /usr/local/tomcat/lib/servlet-api.jar" || return 1
  cat >"$war/src/smoke/Hello.java" <<'JAVA'
package smoke;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

@WebServlet("")
public class Hello extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain");
        resp.getWriter().print("cloudunit-tomcat-smoke context='" + req.getContextPath() + "'");
    }
}
JAVA
  "$javac" --release 17 -cp "$war/servlet-api.jar" -d "$war/root/WEB-INF/classes" "$war/src/smoke/Hello.java" \
    && "$jar" -cf "$war/webapps/ROOT.war" -C "$war/root" . \
    || fail "could not make the smoke test WAR" || return 1
  smoke_http tomcat "$1" "$war/webapps" /usr/local/tomcat/webapps / "cloudunit-tomcat-smoke context=''" text/plain
}

smoke_static() { # image: index.html at / and a stylesheet with its content type
  local site="$smoke_dir/static"
  mkdir -p "$site"
  printf '<!doctype html><title>smoke</title><p>cloudunit-static-smoke</p>\n' >"$site/index.html"
  printf 'p { color: teal }\n' >"$site/style.css"
  smoke_http static "$1" "$site" /usr/share/nginx/html \
    / cloudunit-static-smoke text/html  /style.css 'color: teal' text/css
}

smoke_sandbox() { # image: stays up read-only with its port published; a stop does not wait for a timeout
  local name="cu-basetest-$run-sandbox" state started
  docker run -d --name "$name" "${HARDENING[@]}" --read-only -p 127.0.0.1::8080 "$1" >/dev/null || return 1
  docker port "$name" 8080/tcp | grep -q '^127\.0\.0\.1:' || fail "$1: port 8080 is not published on 127.0.0.1" || return 1
  state=$(docker inspect -f '{{.State.Status}}' "$name")
  [[ "$state" == running ]] || fail "$1 does not keep running (state $state)" || return 1
  started=$(cu_now_ms)
  docker stop -t 30 "$name" >/dev/null
  (( $(cu_now_ms) - started < 10000 )) || fail "$1 made docker stop wait for its timeout (no SIGKILL stop signal)" || return 1
  docker rm -f "$name" >/dev/null
}

smoke() { # stack image
  smoke_dir=${smoke_dir:-$(mktemp -d)}
  smoke_user "$2" || return 1
  case "$1" in
    java17) smoke_java "$2" 17 ;;
    java25) smoke_java "$2" 25 ;;
    tomcat) smoke_tomcat "$2" ;;
    static) smoke_static "$2" ;;
    sandbox) smoke_sandbox "$2" ;;
  esac
}

build() { # stack image
  case "$1" in
    java17) "$here/java/build.sh" --jdk 17 "$2" --force ;;
    java25) "$here/java/build.sh" --jdk 25 "$2" --force ;;
    tomcat) "$here/tomcat/build.sh" --jre "$CU_IMAGE_JAVA17" "$2" --force ;;
    static) "$here/static/build.sh" "$2" --force ;;
    sandbox) "$here/sandbox/build.sh" "$2" --force ;;
  esac
}

# An image of ours that an older recipe made is rebuilt: a JRE, or Tomcat on one, without the CDS archive.
outdated() { # stack image
  case "$1" in java17|java25|tomcat) ;; *) return 1 ;; esac
  [[ "$(label "$2" io.cloudunit.base)" == true && "$(label "$2" io.cloudunit.base.cds)" != true ]]
}
label() { docker image inspect -f "{{index .Config.Labels \"$2\"}}" "$1"; }

size() { docker image inspect -f '{{.Size}}' "$1" | awk '{printf "%.1f MB", $1/1000000}'; }

require_docker() {
  command -v docker >/dev/null || cu_die "docker client missing (apt-get install -y docker.io)"
  timeout 10 docker info >/dev/null 2>&1 || cu_die "no Docker engine answers: run ./cloudunit infra (or start dockerd) first"
}
require_docker

rc=0
for stack in "${CU_BASE_STACKS[@]}"; do
  image=$(cu_base_image_name "$stack")
  start=$(cu_now_ms)
  present=0; docker image inspect "$image" >/dev/null 2>&1 && present=1
  if (( present && ! force )) && ! outdated "$stack" "$image"; then
    if (( check )); then
      if smoke "$stack" "$image"; then cu_ok "image $stack" "$image" "present, smoke test passed, $(size "$image")"
      else rc=1; fi
    else
      cu_ok "image $stack" "$image" "present"
    fi
    continue
  fi
  if (( check )); then
    state=missing; (( present )) && state="made without the CDS archive: run without --check to rebuild it"
    printf '  ○ %-16s %-22s (%s)\n' "image $stack" "$image" "$state"; rc=1; continue
  fi
  build "$stack" "$image" | sed 's/^/  /' && built_rc=0 || built_rc=${PIPESTATUS[0]}
  if (( built_rc == 3 )); then   # the machine lacks what this image is made from (a JDK 25)
    cu_warn "$image not built: see above; the apps of this stack cannot be built here"; continue
  elif (( built_rc != 0 )); then
    cu_error "building $image failed"; rc=1; continue
  fi
  built=$(cu_elapsed "$start")
  if smoke "$stack" "$image"; then
    cu_ok "image $stack" "$image" "built in $built, smoke test passed, $(size "$image")"
  else
    cu_error "$image was built but failed its smoke test"; rc=1
  fi
done
exit $rc
