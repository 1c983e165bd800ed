#!/usr/bin/env bash
# CloudUnit devstack — Keycloak (the Maven Central distribution, devstack/target/keycloak-*)
# in dev mode on 127.0.0.1:8180, realm "cloudunit" imported from devstack/keycloak.
#   keycloak.sh up | down | status | token <user> [password]
# The issuer is pinned (--hostname) so every token says iss=http://localhost:8180/realms/cloudunit
# whichever URL was used to get it.
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CU_KC_REALM=cloudunit
CU_KC_URL="http://localhost:$CU_KC_PORT"
CU_KC_ISSUER="$CU_KC_URL/realms/$CU_KC_REALM"
CU_KC_WELL_KNOWN="http://127.0.0.1:$CU_KC_PORT/realms/$CU_KC_REALM/.well-known/openid-configuration"
CU_KC_PATTERN="$CU_KC_HOME"   # kc.sh and its java both carry the home path

cu_kc_java_home() {
  local t=/usr/lib/jvm/temurin-25-jdk-amd64
  if [[ -x "$t/bin/java" ]]; then printf '%s' "$t"; else dirname "$(dirname "$(readlink -f "$(cu_java17)")")"; fi
}
cu_kc_realm_ready() { cu_http_ok "$CU_KC_WELL_KNOWN"; }

# cu_kc_token <user> [password] [client]: prints an access token (password grant).
cu_kc_token() {
  curl -fsS --max-time 10 "$CU_KC_URL/realms/$CU_KC_REALM/protocol/openid-connect/token" \
    -d grant_type=password -d "client_id=${3:-cloudunit-cli}" -d "username=$1" -d "password=${2:-$1}" \
    | jq -er .access_token
}
cu_jwt_payload() { # token -> decoded JSON payload
  local p; p=$(printf '%s' "$1" | cut -d. -f2 | tr '_-' '/+')
  case $(( ${#p} % 4 )) in 2) p="$p==" ;; 3) p="$p=" ;; esac
  printf '%s' "$p" | base64 -d
}
# Checks iss, aud and preferred_username of a password grant; prints the problem if any.
cu_kc_verify_user() { # user [expected realm role]
  local token claims
  token=$(cu_kc_token "$1") || { echo "password grant for $1 refused"; return 1; }
  claims=$(cu_jwt_payload "$token") || { echo "token for $1 is not a JWT"; return 1; }
  jq -e --arg iss "$CU_KC_ISSUER" --arg u "$1" --arg role "${2:-}" '
      .iss == $iss
      and (.aud | if type == "array" then index("cloudunit-api") != null else . == "cloudunit-api" end)
      and .preferred_username == $u
      and ($role == "" or ((.realm_access.roles // []) | index($role) != null))' >/dev/null <<<"$claims" \
    || { echo "token for $1 lacks iss=$CU_KC_ISSUER / aud cloudunit-api / preferred_username${2:+ / realm role $2}: $(jq -c '{iss,aud,preferred_username,realm_access}' <<<"$claims")"; return 1; }
}

cu_kc_management_port() {
  local p
  for p in 9000 9190 9191 9192 9193; do
    cu_port_open 127.0.0.1 "$p" || { printf '%s' "$p"; return 0; }
  done
  cu_die "no free port for Keycloak's management interface (tried 9000, 9190-9193)"
}

# --import-realm skips a realm that exists. So that an edited realm file takes effect, the dev
# database is dropped when the file changed since the last import (user ids are fixed in the
# file, so `sub` stays the same; changes made in the admin console are lost).
cu_kc_prepare_import() {
  local src="$CU_DEVSTACK/keycloak/cloudunit-realm.json" dir="$CU_KC_HOME/data/import" sum old
  mkdir -p "$dir"
  cp -f "$src" "$dir/cloudunit-realm.json"
  sum=$(sha256sum "$src" | cut -d' ' -f1)
  old=$(cat "$dir/.realm.sha256" 2>/dev/null || true)
  if [[ -d "$CU_KC_HOME/data/h2" && -n "$old" && "$old" != "$sum" ]]; then
    cu_info "  … realm file changed since the last import: resetting Keycloak's dev database to re-import it"
    rm -rf "$CU_KC_HOME/data/h2"
  fi
  printf '%s\n' "$sum" >"$dir/.realm.sha256"
}

cu_kc_up() {
  cu_init_dirs
  local start pid="" note problem
  start=$(cu_now_ms)
  if cu_kc_realm_ready; then
    note="already running"
    pid=$(cu_owned_pid keycloak "$CU_KC_PATTERN") && note="already running, pid $pid"
    problem=$(cu_kc_verify_user alice) || cu_die "Keycloak on :$CU_KC_PORT answers but: $problem"
    if [[ -n "$pid" && "$(cat "$CU_KC_HOME/data/import/.realm.sha256" 2>/dev/null)" != "$(sha256sum "$CU_DEVSTACK/keycloak/cloudunit-realm.json" | cut -d' ' -f1)" ]]; then
      cu_warn "devstack/keycloak/cloudunit-realm.json changed since Keycloak imported it: './cloudunit down && ./cloudunit infra' re-imports it"
    fi
    cu_ok "Keycloak" "127.0.0.1:$CU_KC_PORT" "$note"
    return 0
  fi
  if cu_port_open 127.0.0.1 "$CU_KC_PORT"; then
    if pid=$(cu_owned_pid keycloak "$CU_KC_PATTERN"); then
      # ours, still starting (e.g. an interrupted ./cloudunit infra): wait for it
      CU_WAIT_PID=$pid cu_wait_for "Keycloak" 240 cu_kc_realm_ready \
        || { cu_log_tail keycloak 30; cu_die "Keycloak (pid $pid) never served realm $CU_KC_REALM"; }
    else
      cu_die "127.0.0.1:$CU_KC_PORT is taken by another process ($(cu_port_pid "$CU_KC_PORT" | sed 's/^/pid /')) that does not serve realm '$CU_KC_REALM'.
    Stop it, or import devstack/keycloak/cloudunit-realm.json into it."
    fi
  else
    cu_ensure_devstack_artifacts
    cu_kc_prepare_import
    local mgmt; mgmt=$(cu_kc_management_port)
    # KC_BOOTSTRAP_ADMIN_*: creates the master-realm admin (admin console) on the first start only.
    cu_spawn keycloak "$CU_KC_HOME" env \
      JAVA_HOME="$(cu_kc_java_home)" \
      JAVA_OPTS_KC_HEAP="-Xms64m -Xmx512m" \
      KC_BOOTSTRAP_ADMIN_USERNAME="${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}" \
      KC_BOOTSTRAP_ADMIN_PASSWORD="${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin}" \
      "$CU_KC_HOME/bin/kc.sh" start-dev \
        --http-host=127.0.0.1 --http-port="$CU_KC_PORT" \
        --hostname="$CU_KC_URL" \
        --http-management-port="$mgmt" \
        --health-enabled=true \
        --import-realm \
        --log-console-color=false
    pid=$CU_SPAWNED_PID
    if ! CU_WAIT_PID=$pid cu_wait_for "Keycloak" 240 cu_kc_realm_ready; then
      cu_log_tail keycloak 30
      cu_die "Keycloak did not serve $CU_KC_WELL_KNOWN (log: .cloudunit/logs/keycloak.log)"
    fi
    note="started, pid $pid, $(cu_elapsed "$start")"
    [[ $mgmt == 9000 ]] || note="$note, management port $mgmt"
  fi
  local u
  for u in alice bob carol "admin platform-admin"; do
    # shellcheck disable=SC2086
    problem=$(cu_kc_verify_user $u) || cu_die "realm check failed: $problem
    The realm is imported only when it does not exist yet. To re-import devstack/keycloak/cloudunit-realm.json:
    ./cloudunit down && rm -rf ${CU_KC_HOME#"$CU_ROOT"/}/data/h2 && ./cloudunit infra"
  done
  cu_ok "Keycloak" "127.0.0.1:$CU_KC_PORT" "${note:-started}; alice/bob/carol/admin tokens verified"
}

cu_kc_down() {
  cu_stop_pid keycloak "$CU_KC_PATTERN" "Keycloak" 45 || true
}

cu_kc_status() {
  local pid
  if pid=$(cu_owned_pid keycloak "$CU_KC_PATTERN"); then
    cu_status_line keycloak running "$pid" "127.0.0.1:$CU_KC_PORT" "started by cloudunit$(cu_kc_realm_ready || echo ', realm not served yet')"
  elif cu_kc_realm_ready; then
    pid=$(cu_port_pid "$CU_KC_PORT")
    cu_status_line keycloak running "${pid:--}" "127.0.0.1:$CU_KC_PORT" "external"
  else
    cu_status_line keycloak stopped - "127.0.0.1:$CU_KC_PORT" ""
  fi
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  case "${1:-}" in
    up) cu_kc_up ;; down) cu_kc_down ;; status) cu_kc_status ;;
    token) shift; cu_kc_token "$@" ;;
    *) echo "usage: $0 up|down|status|token <user> [password]" >&2; exit 2 ;;
  esac
fi
