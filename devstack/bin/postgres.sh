#!/usr/bin/env bash
# CloudUnit devstack — PostgreSQL 15 on 127.0.0.1:5432 (Debian cluster "15 main").
#   postgres.sh up | down | status
# Reuses whatever answers pg_isready on 127.0.0.1:5432. Otherwise starts the Debian cluster
# (creating it, and installing postgresql-15, when missing) and records that WE started it,
# so `down` stops it only then. Ensures role cloudunit/cloudunit (LOGIN CREATEDB) and the
# databases cloudunit and cloudunit_test (the services' test profile) owned by it.
# The services create their own schemas (Flyway).
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CU_PG_BIN="/usr/lib/postgresql/$CU_PG_VERSION/bin"
CU_PG_OWNED="$CU_RUN/postgres.owned"
CU_PG_CONF_DIR="/etc/postgresql/$CU_PG_VERSION/$CU_PG_CLUSTER"

cu_pg_ready() { "$CU_PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$CU_PG_PORT" -t 2; }
cu_pg_cluster_exists() {
  pg_lsclusters -h 2>/dev/null | awk -v v="$CU_PG_VERSION" -v c="$CU_PG_CLUSTER" '$1==v && $2==c {f=1} END {exit !f}'
}
cu_pg_cluster_online() {
  pg_lsclusters -h 2>/dev/null | awk -v v="$CU_PG_VERSION" -v c="$CU_PG_CLUSTER" '$1==v && $2==c && $4 ~ /^online/ {f=1} END {exit !f}'
}
cu_pg_cluster_pid() {
  head -n1 "/var/run/postgresql/$CU_PG_VERSION-$CU_PG_CLUSTER.pid" 2>/dev/null || true
}

# psql as the postgres superuser over the local socket of the cluster on $CU_PG_PORT.
# shellcheck disable=SC2120  # extra psql arguments are optional
cu_pg_superuser_psql() {
  (cd /tmp && runuser -u postgres -- "$CU_PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 \
     -h /var/run/postgresql -p "$CU_PG_PORT" -d postgres "$@")
}
cu_pg_app_login() {
  PGPASSWORD=cloudunit PGCONNECT_TIMEOUT=5 "$CU_PG_BIN/psql" -X -q -At -h 127.0.0.1 -p "$CU_PG_PORT" \
    -U cloudunit -d cloudunit -c 'select 1' >/dev/null 2>&1
}

# Databases owned by role cloudunit: the platform's, and the one the services' %test profile
# uses (docs/adr/0003). The role has CREATEDB, so it creates the second one itself.
CU_PG_DATABASES=(cloudunit cloudunit_test)

cu_pg_app_psql() { # sql
  PGPASSWORD=cloudunit PGCONNECT_TIMEOUT=5 "$CU_PG_BIN/psql" -X -q -At -v ON_ERROR_STOP=1 \
    -h 127.0.0.1 -p "$CU_PG_PORT" -U cloudunit -d cloudunit -c "$1"
}
cu_pg_ensure_databases() {
  local db
  for db in "${CU_PG_DATABASES[@]}"; do
    if [[ "$(cu_pg_app_psql "select count(*) from pg_database where datname = '$db'")" != 1 ]]; then
      cu_pg_app_psql "CREATE DATABASE $db" >>"$CU_LOGS/postgres-setup.log" 2>&1 \
        || cu_die "could not create database $db as role cloudunit (log: .cloudunit/logs/postgres-setup.log)"
    fi
  done
}

cu_pg_ensure_role_and_db() {
  if cu_pg_app_login; then cu_pg_ensure_databases; return 0; fi
  cu_is_root || cu_die "PostgreSQL on 127.0.0.1:$CU_PG_PORT does not accept cloudunit/cloudunit. As its superuser run:
      CREATE ROLE cloudunit LOGIN CREATEDB PASSWORD 'cloudunit';
      CREATE DATABASE cloudunit OWNER cloudunit;"
  if ! cu_pg_superuser_psql >>"$CU_LOGS/postgres-setup.log" 2>&1 <<'SQL'
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'cloudunit') THEN
    CREATE ROLE cloudunit LOGIN CREATEDB PASSWORD 'cloudunit';
  ELSE
    ALTER ROLE cloudunit LOGIN CREATEDB PASSWORD 'cloudunit';
  END IF;
END
$$;
SELECT 'CREATE DATABASE cloudunit OWNER cloudunit'
 WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_database WHERE datname = 'cloudunit')\gexec
ALTER DATABASE cloudunit OWNER TO cloudunit;
SQL
  then
    tail -n 10 "$CU_LOGS/postgres-setup.log" >&2
    cu_die "could not create role/database cloudunit as user postgres (is the server on :$CU_PG_PORT the Debian cluster $CU_PG_VERSION/$CU_PG_CLUSTER? log: .cloudunit/logs/postgres-setup.log)"
  fi
  cu_pg_app_login || cu_die "role cloudunit exists but cannot log in over TCP: check pg_hba.conf allows 'host all all 127.0.0.1/32 scram-sha-256'"
  cu_pg_ensure_databases
}

cu_pg_up() {
  cu_init_dirs
  local start; start=$(cu_now_ms)
  if [[ -x "$CU_PG_BIN/pg_isready" ]] && cu_pg_ready; then
    cu_pg_ensure_role_and_db
    local note="already running"; [[ -f "$CU_PG_OWNED" ]] && note="already running, started by cloudunit"
    cu_ok "PostgreSQL" "127.0.0.1:$CU_PG_PORT" "$note"
    return 0
  fi
  cu_is_root || cu_die "nothing answers on 127.0.0.1:$CU_PG_PORT and starting PostgreSQL needs root:
    sudo pg_ctlcluster $CU_PG_VERSION $CU_PG_CLUSTER start   (or run ./cloudunit infra as root)"
  if [[ ! -x "$CU_PG_BIN/postgres" ]] || ! command -v pg_ctlcluster >/dev/null 2>&1; then
    cu_apt_install "postgresql-$CU_PG_VERSION"
  fi
  if ! cu_pg_cluster_exists; then
    cu_info "  … creating cluster $CU_PG_VERSION/$CU_PG_CLUSTER"
    pg_createcluster "$CU_PG_VERSION" "$CU_PG_CLUSTER" --port "$CU_PG_PORT" >>"$CU_LOGS/postgres-setup.log" 2>&1 \
      || cu_die "pg_createcluster $CU_PG_VERSION $CU_PG_CLUSTER failed (log: .cloudunit/logs/postgres-setup.log)"
  fi
  local action=start
  if cu_pg_cluster_online; then
    if cu_pg_ready; then
      action=restart   # just started by the package install: restart it with our settings
    else
      cu_die "cluster $CU_PG_VERSION/$CU_PG_CLUSTER is online but does not answer on 127.0.0.1:$CU_PG_PORT; check port/listen_addresses in $CU_PG_CONF_DIR (pg_lsclusters)"
    fi
  fi
  # Loopback only, and enough connections for four services plus their tests.
  mkdir -p "$CU_PG_CONF_DIR/conf.d"
  cat >"$CU_PG_CONF_DIR/conf.d/cloudunit.conf" <<EOF
# written by CloudUnit devstack (./cloudunit infra)
listen_addresses = '127.0.0.1'
port = $CU_PG_PORT
max_connections = 200
EOF
  if ! pg_ctlcluster "$CU_PG_VERSION" "$CU_PG_CLUSTER" "$action" >>"$CU_LOGS/postgres-setup.log" 2>&1; then
    tail -n 20 "$CU_LOGS/postgres-setup.log" >&2
    tail -n 20 "/var/log/postgresql/postgresql-$CU_PG_VERSION-$CU_PG_CLUSTER.log" >&2 2>/dev/null || true
    cu_die "pg_ctlcluster $CU_PG_VERSION $CU_PG_CLUSTER $action failed (is port $CU_PG_PORT taken? ss -ltnp 'sport = :$CU_PG_PORT')"
  fi
  printf '%s %s\n' "$CU_PG_VERSION" "$CU_PG_CLUSTER" >"$CU_PG_OWNED"
  cu_session_add postgres
  cu_wait_for "PostgreSQL" 60 cu_pg_ready || cu_die "PostgreSQL did not accept connections (log: /var/log/postgresql/postgresql-$CU_PG_VERSION-$CU_PG_CLUSTER.log)"
  cu_pg_ensure_role_and_db
  cu_ok "PostgreSQL" "127.0.0.1:$CU_PG_PORT" "started, pid $(cu_pg_cluster_pid), $(cu_elapsed "$start")"
}

cu_pg_down() {
  [[ -f "$CU_PG_OWNED" ]] || return 0
  local start; start=$(cu_now_ms)
  if cu_pg_cluster_online; then
    pg_ctlcluster "$CU_PG_VERSION" "$CU_PG_CLUSTER" stop -m fast >>"$CU_LOGS/postgres-setup.log" 2>&1 \
      || cu_warn "pg_ctlcluster $CU_PG_VERSION $CU_PG_CLUSTER stop failed; see /var/log/postgresql/"
    printf '  ■ %-16s stopped (cluster %s/%s, %s)\n' "PostgreSQL" "$CU_PG_VERSION" "$CU_PG_CLUSTER" "$(cu_elapsed "$start")"
  fi
  rm -f "$CU_PG_OWNED"
}

cu_pg_status() {
  local pid
  if [[ -x "$CU_PG_BIN/pg_isready" ]] && cu_pg_ready; then
    pid=$(cu_port_pid "$CU_PG_PORT"); [[ -n "$pid" ]] || pid=$(cu_pg_cluster_pid)
    local note=external; [[ -f "$CU_PG_OWNED" ]] && note="started by cloudunit"
    cu_status_line postgres running "${pid:--}" "127.0.0.1:$CU_PG_PORT" "$note"
  else
    cu_status_line postgres stopped - "127.0.0.1:$CU_PG_PORT" ""
  fi
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  case "${1:-}" in
    up) cu_pg_up ;; down) cu_pg_down ;; status) cu_pg_status ;;
    *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
  esac
fi
