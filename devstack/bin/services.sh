#!/usr/bin/env bash
# CloudUnit devstack — the four Quarkus services, started from their packaged jars.
#   services.sh up | down | status
# Each runs as `java $JAVA_OPTS -jar <svc>/target/quarkus-app/quarkus-run.jar`, JAVA_OPTS read
# from <svc>/jvm.options (one line) when present, working directory .cloudunit/data/<svc>.
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# name:port, in start order (dependencies first).
CU_SERVICES=(tenant-service:8082 build-service:8083 deployer-service:8084 api-gateway:8080)
CU_SERVICE_DEFAULT_JAVA_OPTS="-Xms32m -Xmx192m -XX:+UseSerialGC"
CU_SERVICE_DEADLINE="${CU_SERVICE_DEADLINE:-120}"

cu_svc_jar() { printf '%s/%s/target/quarkus-app/quarkus-run.jar' "$CU_ROOT" "$1"; }
cu_svc_ready() { cu_http_ok "http://127.0.0.1:$1/q/health/ready"; }
cu_svc_java_opts() {
  local f="$CU_ROOT/$1/jvm.options" line
  if [[ -f "$f" ]]; then
    line=$(grep -v '^[[:space:]]*#' "$f" | grep -m1 -v '^[[:space:]]*$' || true)
    [[ -n "$line" ]] && { printf '%s' "$line"; return 0; }
  fi
  printf '%s' "$CU_SERVICE_DEFAULT_JAVA_OPTS"
}

# Modules present in this checkout (a missing one is skipped with a warning).
cu_svc_present() {
  local entry name
  CU_SVC_PRESENT=()
  for entry in "${CU_SERVICES[@]}"; do
    name=${entry%%:*}
    if [[ -f "$CU_ROOT/$name/pom.xml" ]]; then CU_SVC_PRESENT+=("$entry")
    else cu_warn "$name: no module directory ($name/pom.xml) in this checkout — skipped"; fi
  done
}

cu_svc_build_if_needed() {
  local entry name missing=()
  for entry in "${CU_SVC_PRESENT[@]}"; do
    name=${entry%%:*}
    [[ -f "$(cu_svc_jar "$name")" ]] || missing+=("$name")
  done
  (( ${#missing[@]} )) || return 0
  command -v mvn >/dev/null || cu_die "Maven is needed to build ${missing[*]} (apt-get install -y maven)"
  local modules; modules=$(IFS=,; echo "${missing[*]}")
  cu_info "  … building ${missing[*]} (mvn -B -q -DskipTests package -pl $modules -am; the first build downloads dependencies and can take several minutes)"
  local start; start=$(cu_now_ms)
  if ! (cd "$CU_ROOT" && mvn -B -q -DskipTests package -pl "$modules" -am) >"$CU_LOGS/services-build.log" 2>&1; then
    tail -n 40 "$CU_LOGS/services-build.log" >&2
    cu_die "the build failed (full log: .cloudunit/logs/services-build.log). Fix it, or build yourself: mvn -DskipTests package"
  fi
  for name in "${missing[@]}"; do
    [[ -f "$(cu_svc_jar "$name")" ]] || cu_die "$name built but $(cu_svc_jar "$name") is missing: is quarkus-maven-plugin's build goal bound in $name/pom.xml?"
  done
  cu_ok "build" "${missing[*]}" "$(cu_elapsed "$start")"
}

# tenant-service encrypts config vars with a key it never has a default for outside dev/test. The launcher
# makes one on the first start and keeps it beside the service's data: a new key would make every stored
# value unreadable. A key already in the environment wins.
cu_svc_config_key() { # data dir
  local file="$1/config-encryption-key"
  if [[ -z "${CLOUDUNIT_TENANT_CONFIG_ENCRYPTION_KEYS_K1:-}" ]]; then
    if [[ ! -s "$file" ]]; then
      (umask 077; head -c 32 /dev/urandom | base64 >"$file")
    fi
    export CLOUDUNIT_TENANT_CONFIG_ENCRYPTION_KEYS_K1; CLOUDUNIT_TENANT_CONFIG_ENCRYPTION_KEYS_K1=$(<"$file")
    export CLOUDUNIT_TENANT_CONFIG_ENCRYPTION_ACTIVE_KEY=k1
  fi
}

# deployer-service seals each release's config snapshot with a key of its own (ADR 0022), made and kept the same way.
cu_svc_deployer_key() { # data dir
  local file="$1/config-encryption-key"
  if [[ -z "${CLOUDUNIT_DEPLOYER_CONFIG_ENCRYPTION_KEYS_K1:-}" ]]; then
    if [[ ! -s "$file" ]]; then
      (umask 077; head -c 32 /dev/urandom | base64 >"$file")
    fi
    export CLOUDUNIT_DEPLOYER_CONFIG_ENCRYPTION_KEYS_K1; CLOUDUNIT_DEPLOYER_CONFIG_ENCRYPTION_KEYS_K1=$(<"$file")
    export CLOUDUNIT_DEPLOYER_CONFIG_ENCRYPTION_ACTIVE_KEY=k1
  fi
}

# build-service builds FROM the base images under the names images.sh gives them (CU_IMAGE_*); a
# CLOUDUNIT_BUILD_BASE_IMAGES_* already in the environment wins.
cu_svc_base_images() {
  export CLOUDUNIT_BUILD_BASE_IMAGES_JAVA17="${CLOUDUNIT_BUILD_BASE_IMAGES_JAVA17:-$CU_IMAGE_JAVA17}"
  export CLOUDUNIT_BUILD_BASE_IMAGES_JAVA25="${CLOUDUNIT_BUILD_BASE_IMAGES_JAVA25:-$CU_IMAGE_JAVA25}"
  export CLOUDUNIT_BUILD_BASE_IMAGES_TOMCAT="${CLOUDUNIT_BUILD_BASE_IMAGES_TOMCAT:-$CU_IMAGE_TOMCAT}"
  export CLOUDUNIT_BUILD_BASE_IMAGES_STATIC="${CLOUDUNIT_BUILD_BASE_IMAGES_STATIC:-$CU_IMAGE_STATIC}"
}

cu_svc_start_one() { # name port
  local name=$1 port=$2 start pid jar opts note
  start=$(cu_now_ms)
  jar=$(cu_svc_jar "$name")
  if cu_svc_ready "$port"; then
    note="already running"
    pid=$(cu_owned_pid "$name" "$jar") && note="already running, pid $pid"
    cu_ok "$name" "127.0.0.1:$port" "$note"
    return 0
  fi
  if pid=$(cu_owned_pid "$name" "$jar"); then
    cu_info "  … $name (pid $pid) is running but not ready: waiting for it"
  elif cu_port_open 127.0.0.1 "$port"; then
    cu_die "$name: port 127.0.0.1:$port is taken by another process ($(cu_port_pid "$port" | sed 's/^/pid /')) that is not a ready $name; stop it and retry"
  else
    opts=$(cu_svc_java_opts "$name")
    mkdir -p "$CU_DATA/$name"
    [[ "$name" == tenant-service ]] && cu_svc_config_key "$CU_DATA/$name"
    [[ "$name" == build-service ]] && cu_svc_base_images
    [[ "$name" == deployer-service ]] && cu_svc_deployer_key "$CU_DATA/$name" \
      && export CLOUDUNIT_DEPLOYER_CONTAINER_SANDBOX_IMAGE="${CLOUDUNIT_DEPLOYER_CONTAINER_SANDBOX_IMAGE:-$CU_IMAGE_SANDBOX}"
    local -a java_opts
    read -r -a java_opts <<<"$opts"
    cu_spawn "$name" "$CU_DATA/$name" "$(cu_java17)" "${java_opts[@]}" -jar "$jar"
    pid=$CU_SPAWNED_PID
  fi
  if ! CU_WAIT_PID=$pid cu_wait_for "$name" "$CU_SERVICE_DEADLINE" cu_svc_ready "$port"; then
    cu_log_tail "$name" 30
    cu_die "$name did not answer http://127.0.0.1:$port/q/health/ready with 200 (log: .cloudunit/logs/$name.log; status now: $(cu_http_code "http://127.0.0.1:$port/q/health/ready"))"
  fi
  cu_ok "$name" "127.0.0.1:$port" "started, pid $pid, $(cu_elapsed "$start")"
}

cu_services_up() {
  cu_init_dirs
  cu_svc_present
  (( ${#CU_SVC_PRESENT[@]} )) || { cu_warn "no service module in this checkout: nothing to start"; return 0; }
  cu_svc_build_if_needed
  local entry
  for entry in "${CU_SVC_PRESENT[@]}"; do
    cu_svc_start_one "${entry%%:*}" "${entry##*:}"
  done
}

cu_services_down() {
  local i entry name
  for (( i=${#CU_SERVICES[@]}-1; i>=0; i-- )); do
    entry=${CU_SERVICES[i]}; name=${entry%%:*}
    cu_stop_pid "$name" "$(cu_svc_jar "$name")" "$name" 30 || true
  done
}

# Stops only the services in the given list (names), in reverse start order.
cu_services_down_only() {
  local i entry name want
  for (( i=${#CU_SERVICES[@]}-1; i>=0; i-- )); do
    entry=${CU_SERVICES[i]}; name=${entry%%:*}
    for want in "$@"; do
      if [[ $want == "$name" ]]; then cu_stop_pid "$name" "$(cu_svc_jar "$name")" "$name" 30 || true; fi
    done
  done
}

# Restarts the named services one by one: the running one (ours, by its pid file) is stopped, then it is
# started again from its jar; one that is not running (e.g. killed) is just started.
cu_services_restart() {
  (( $# )) || cu_die "usage: ./cloudunit restart <service>... (tenant-service build-service deployer-service api-gateway)"
  cu_init_dirs
  local want entry found
  for want in "$@"; do
    found=
    for entry in "${CU_SERVICES[@]}"; do
      [[ ${entry%%:*} == "$want" ]] && found=$entry
    done
    [[ -n $found ]] || cu_die "unknown service '$want' (one of: tenant-service build-service deployer-service api-gateway)"
    cu_stop_pid "$want" "$(cu_svc_jar "$want")" "$want" 30 || true
    cu_svc_start_one "$want" "${found##*:}"
  done
}

cu_services_status() {
  local entry name port pid
  for entry in "${CU_SERVICES[@]}"; do
    name=${entry%%:*}; port=${entry##*:}
    if pid=$(cu_owned_pid "$name" "$(cu_svc_jar "$name")"); then
      cu_status_line "$name" running "$pid" "127.0.0.1:$port" "started by cloudunit$(cu_svc_ready "$port" || echo ', not ready')"
    elif cu_svc_ready "$port"; then
      pid=$(cu_port_pid "$port")
      cu_status_line "$name" running "${pid:--}" "127.0.0.1:$port" "external"
    elif [[ -f "$CU_ROOT/$name/pom.xml" ]]; then
      cu_status_line "$name" stopped - "127.0.0.1:$port" ""
    else
      cu_status_line "$name" stopped - "127.0.0.1:$port" "(no module yet)"
    fi
  done
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  case "${1:-}" in
    up) cu_services_up ;; down) cu_services_down ;; status) cu_services_status ;;
    *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
  esac
fi
