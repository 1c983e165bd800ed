#!/usr/bin/env bash
# CloudUnit devstack — the Docker engine (and the docker-compose tool the tests use).
#   docker.sh up | down | status | firewall
# Reuses any engine that `docker info` reaches. Otherwise (root only) installs Debian's
# docker.io when dockerd is missing and starts dockerd in the background; only a dockerd
# started here is ever stopped here.
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CU_DOCKERD_PATTERN=dockerd

cu_docker_ready() { timeout 10 docker info >/dev/null 2>&1; }

# Tenant networks (bridges named cu-<hash> by the deployer) may not open connections to the host itself:
# whatever listens on the host beyond 127.0.0.1 (an operator's 0.0.0.0, sshd, a database) stays out of reach
# of app containers. Replies to connections the host opened (router, health checks) pass. Docker's own
# chains already keep tenant networks apart (FORWARD); INPUT is not Docker's, so this chain is ours
# (ADR 21). CU_TENANT_HOST_ALLOW lists exceptions, e.g. "udp/53 tcp/53" for a DNS server on the host.
CU_TENANT_CHAIN=CLOUDUNIT-TENANTS
CU_TENANT_BRIDGES="cu-+"

cu_tenant_firewall_ok() {
  iptables -C INPUT -i "$CU_TENANT_BRIDGES" -j "$CU_TENANT_CHAIN" 2>/dev/null \
    && iptables -C "$CU_TENANT_CHAIN" -j REJECT --reject-with icmp-port-unreachable 2>/dev/null
}

cu_tenant_firewall() {
  if ! command -v iptables >/dev/null 2>&1; then
    cu_warn "iptables is missing: app containers can reach anything listening on the host beyond 127.0.0.1"
    return 0
  fi
  if ! cu_is_root; then
    cu_tenant_firewall_ok || cu_warn "the tenant firewall is not installed (needs root: sudo devstack/bin/docker.sh firewall);
    app containers can reach anything listening on the host beyond 127.0.0.1"
    return 0
  fi
  iptables -N "$CU_TENANT_CHAIN" 2>/dev/null || iptables -F "$CU_TENANT_CHAIN"
  iptables -A "$CU_TENANT_CHAIN" -m conntrack --ctstate ESTABLISHED,RELATED -j RETURN
  local rule
  for rule in ${CU_TENANT_HOST_ALLOW:-}; do
    iptables -A "$CU_TENANT_CHAIN" -p "${rule%%/*}" --dport "${rule##*/}" -j RETURN
  done
  iptables -A "$CU_TENANT_CHAIN" -p tcp -j REJECT --reject-with tcp-reset
  iptables -A "$CU_TENANT_CHAIN" -j REJECT --reject-with icmp-port-unreachable
  iptables -C INPUT -i "$CU_TENANT_BRIDGES" -j "$CU_TENANT_CHAIN" 2>/dev/null \
    || iptables -I INPUT 1 -i "$CU_TENANT_BRIDGES" -j "$CU_TENANT_CHAIN"
  cu_ok "tenant firewall" "INPUT -i $CU_TENANT_BRIDGES" "apps cannot connect to the host"
}

cu_docker_up() {
  cu_init_dirs
  local start pid
  start=$(cu_now_ms)
  if ! command -v docker-compose >/dev/null 2>&1; then
    if cu_is_root; then cu_apt_install docker-compose
    else cu_warn "docker-compose is missing (the tests use it): sudo apt-get install -y docker-compose"; fi
  fi
  if command -v docker >/dev/null 2>&1 && cu_docker_ready; then
    if pid=$(cu_owned_pid dockerd "$CU_DOCKERD_PATTERN"); then
      cu_ok "Docker" "unix socket" "already running, pid $pid"
    else
      cu_ok "Docker" "unix socket" "already running"
    fi
    cu_tenant_firewall
    return 0
  fi
  if ! cu_is_root; then
    cu_die "no Docker engine answers 'docker info' and starting one needs root.
    Either start it yourself (sudo systemctl start docker, or: sudo dockerd &) and make sure
    your user may use it (sudo usermod -aG docker \$USER, then log in again), or run
    './cloudunit infra' as root."
  fi
  if ! command -v dockerd >/dev/null 2>&1 || ! command -v docker >/dev/null 2>&1; then
    cu_apt_install docker.io
  fi
  # A dockerd that is still coming up (its own pid file) is waited for, not duplicated.
  local other=""
  if [[ -f /var/run/docker.pid ]]; then
    other=$(head -n1 /var/run/docker.pid 2>/dev/null || true)
    if [[ "$other" =~ ^[0-9]+$ ]] && kill -0 "$other" 2>/dev/null && [[ "$(cu_cmdline "$other")" == *dockerd* ]]; then
      cu_info "  … a dockerd (pid $other, not ours) is starting: waiting for it"
      CU_WAIT_PID=$other cu_wait_for "Docker" 60 cu_docker_ready \
        || cu_die "the running dockerd (pid $other) does not answer 'docker info'; check its log"
      cu_ok "Docker" "unix socket" "already running, pid $other"
      cu_tenant_firewall
      return 0
    fi
  fi
  # No TCP listener: dockerd only serves its unix socket. Each tenant gets its own bridge network:
  # Docker's default pools hold about 30 networks, a /24 per network from one /16 holds 256.
  cu_spawn dockerd "$CU_ROOT" dockerd --host=unix:///var/run/docker.sock \
    --default-address-pool "base=${CU_DOCKER_ADDRESS_POOL:-10.213.0.0/16},size=24"
  pid=$CU_SPAWNED_PID
  if ! CU_WAIT_PID=$pid cu_wait_for "Docker" 60 cu_docker_ready; then
    cu_log_tail dockerd 30
    cu_die "dockerd did not come up (log: .cloudunit/logs/dockerd.log). On hosts without
    cgroups or iptables (some containers), start dockerd where it is supported instead."
  fi
  cu_ok "Docker" "unix socket" "started, pid $pid, $(cu_elapsed "$start")"
  cu_tenant_firewall
}

cu_docker_down() {
  cu_stop_pid dockerd "$CU_DOCKERD_PATTERN" "Docker" 60 pid || true
}

cu_docker_status() {
  local pid
  if pid=$(cu_owned_pid dockerd "$CU_DOCKERD_PATTERN"); then
    cu_status_line "docker" running "$pid" "unix:///var/run/docker.sock" "started by cloudunit"
  elif command -v docker >/dev/null 2>&1 && cu_docker_ready; then
    pid=$(head -n1 /var/run/docker.pid 2>/dev/null || true)
    cu_status_line "docker" running "${pid:--}" "unix:///var/run/docker.sock" "external"
  else
    cu_status_line "docker" stopped - "unix:///var/run/docker.sock" ""
  fi
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  case "${1:-}" in
    up) cu_docker_up ;; down) cu_docker_down ;; status) cu_docker_status ;;
    firewall) cu_tenant_firewall ;;
    *) echo "usage: $0 up|down|status|firewall" >&2; exit 2 ;;
  esac
fi
