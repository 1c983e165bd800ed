# shellcheck shell=bash
# CloudUnit devstack — shared helpers. Source it; it defines functions and paths only.
#
# Conventions
#   .cloudunit/run/<name>.pid   a process WE started (setsid: pid == process group id)
#   .cloudunit/logs/<name>.log  its output
#   .cloudunit/data/<name>/     its state
# Nothing here ever stops a process that has no pid file, nor one whose command line no
# longer matches what we started (pid reuse).

[[ -n "${CU_LIB_LOADED:-}" ]] && return 0
CU_LIB_LOADED=1

CU_ROOT="${CU_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)}"
CU_DEVSTACK="$CU_ROOT/devstack"
CU_TARGET="$CU_DEVSTACK/target"
CU_STATE="$CU_ROOT/.cloudunit"
CU_RUN="$CU_STATE/run"
CU_LOGS="$CU_STATE/logs"
CU_DATA="$CU_STATE/data"

# Versions come from the parent pom; these are only read to find the unpacked artifacts.
cu_pom_property() {
  sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$CU_ROOT/pom.xml" | head -n1
}
CU_KAFKA_VERSION="${CU_KAFKA_VERSION:-$(cu_pom_property kafka.version)}"
CU_KEYCLOAK_VERSION="${CU_KEYCLOAK_VERSION:-$(cu_pom_property keycloak.version)}"
CU_KAFKA_LIBS="$CU_TARGET/kafka-libs"
CU_KC_HOME="$CU_TARGET/keycloak-$CU_KEYCLOAK_VERSION"

# Ports (DESIGN.md §7). Overridable from the environment.
CU_PG_PORT="${CU_PG_PORT:-5432}"
CU_KAFKA_PORT="${CU_KAFKA_PORT:-9092}"
CU_KAFKA_CONTROLLER_PORT="${CU_KAFKA_CONTROLLER_PORT:-9093}"
CU_KC_PORT="${CU_KC_PORT:-8180}"
CU_PG_VERSION="${CU_PG_VERSION:-15}"
CU_PG_CLUSTER="${CU_PG_CLUSTER:-main}"
# Base image names (CU_IMAGE_JAVA17, CU_IMAGE_JAVA25, CU_IMAGE_TOMCAT, CU_IMAGE_STATIC; CU_BASE_IMAGE
# = the JRE 17 one): set in one place, base-images/images.sh.
# shellcheck source-path=SCRIPTDIR source=../base-images/images.sh
source "$CU_DEVSTACK/base-images/images.sh"
# shellcheck disable=SC2034  # used by kafka.sh
CU_TOPICS=(cloudunit.tenants cloudunit.apps cloudunit.builds cloudunit.deployments cloudunit.instances)

cu_init_dirs() { mkdir -p "$CU_RUN" "$CU_LOGS" "$CU_DATA"; }

# ---------------------------------------------------------------- output
if [[ -t 1 ]]; then CU_TTY=1; else CU_TTY=0; fi
cu_info()  { printf '%s\n' "$*"; }
cu_warn()  { printf '  ! %s\n' "$*" >&2; }
cu_error() { printf '\n  ✘ %s\n' "$*" >&2; }
cu_die()   { cu_error "$*"; exit 1; }

cu_now_ms() { date +%s%3N; }
cu_elapsed() { # start_ms -> "1.4 s"
  local d=$(( $(cu_now_ms) - $1 ))
  printf '%d.%d s' $((d / 1000)) $(((d % 1000) / 100))
}
# cu_ok <component> <address> <detail>
cu_ok() { printf '  ✔ %-16s %-22s (%s)\n' "$1" "$2" "$3"; }

# cu_wait_for <label> <deadline-seconds> <check-cmd...>
# Polls check-cmd once a second until it succeeds or the deadline passes, showing a
# spinner with the elapsed seconds (a dot per second when not on a terminal).
# If CU_WAIT_PID is set and that process dies, gives up at once.
cu_wait_for() {
  local label=$1 deadline=$2; shift 2
  local start=$SECONDS spin='|/-\' i=0 rc=1 tick=0
  local interval=${CU_WAIT_INTERVAL:-1} per_second
  per_second=$(awk -v i="$interval" 'BEGIN { n = int(1 / i); print (n < 1 ? 1 : n) }')
  while :; do
    if "$@" >/dev/null 2>&1; then rc=0; break; fi
    if [[ -n "${CU_WAIT_PID:-}" ]] && ! kill -0 "$CU_WAIT_PID" 2>/dev/null; then rc=2; break; fi
    if (( SECONDS - start >= deadline )); then rc=3; break; fi
    if (( tick++ % per_second != 0 )); then sleep "$interval"; continue; fi
    if (( CU_TTY )); then
      printf '\r  %s %-16s %s %ds ' "${spin:i++%4:1}" "$label" "${CU_WAIT_VERB:-starting}" $((SECONDS - start))
    else
      (( i++ == 0 )) && printf '  … %-16s %s ' "$label" "${CU_WAIT_VERB:-starting}"
      printf '.'
    fi
    sleep "$interval"
  done
  if (( CU_TTY )); then printf '\r\033[K'; elif (( i > 0 )); then printf ' %ds\n' $((SECONDS - start)); fi
  case $rc in
    2) cu_error "$label: the process (pid $CU_WAIT_PID) exited while starting" ;;
    3) cu_error "$label: not ready after ${deadline}s" ;;
  esac
  return $rc
}

# ---------------------------------------------------------------- network probes
cu_port_open() { # host port
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}
cu_http_code() { # url -> prints status code (000 when nothing answers)
  curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$1" 2>/dev/null || true
}
cu_http_ok() { [[ "$(cu_http_code "$1")" == 200 ]]; }
cu_port_pid() { # port -> pid of the listening process, if visible
  ss -Hltnp "sport = :$1" 2>/dev/null | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -n1
}

# ---------------------------------------------------------------- processes we own
cu_pidfile() { printf '%s/%s.pid' "$CU_RUN" "$1"; }
cu_cmdline() { tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null; }

# cu_owned_pid <name> <pattern>: prints the pid recorded for <name> if that process is alive
# and its command line still contains <pattern>; otherwise removes a stale pid file.
cu_owned_pid() {
  local f pid
  f=$(cu_pidfile "$1")
  [[ -f "$f" ]] || return 1
  pid=$(head -n1 "$f")
  if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null && [[ "$(cu_cmdline "$pid")" == *"$2"* ]]; then
    printf '%s' "$pid"; return 0
  fi
  rm -f "$f"
  return 1
}

# cu_spawn <name> <cwd> <cmd...>: starts cmd in its own session (pid == pgid), output to
# .cloudunit/logs/<name>.log, records the pid. Sets CU_SPAWNED_PID.
cu_spawn() {
  local name=$1 dir=$2; shift 2
  local log="$CU_LOGS/$name.log"
  [[ -f "$log" ]] && mv -f "$log" "$log.1"
  printf '=== %s  %s\n' "$(date -Is)" "$*" >"$log"
  ( cd "$dir" && exec setsid "$@" >>"$log" 2>&1 </dev/null ) &
  CU_SPAWNED_PID=$!
  printf '%s\n' "$CU_SPAWNED_PID" >"$(cu_pidfile "$name")"
  cu_session_add "$name"
}

# Components started by this invocation, so `./cloudunit test` can stop exactly those.
cu_session_add() {
  [[ -n "${CU_SESSION_FILE:-}" ]] && printf '%s\n' "$1" >>"$CU_SESSION_FILE"
  return 0
}

# cu_stop_pid <name> <pattern> <label> [deadline] [group|pid]: TERM the process group we
# started (or only its leader: dockerd stops its own containerd and shims), wait, then KILL.
# Returns 1 when nothing of ours was running.
cu_stop_pid() {
  local name=$1 pattern=$2 label=$3 deadline=${4:-30} scope=${5:-group} pid start
  if ! pid=$(cu_owned_pid "$name" "$pattern"); then
    return 1
  fi
  start=$(cu_now_ms)
  # pid == pgid because cu_spawn used setsid; fall back to the single pid otherwise.
  local target=$pid
  if [[ $scope == group && "$(ps -o pgid= -p "$pid" 2>/dev/null | tr -d ' ')" == "$pid" ]]; then
    target="-$pid"
  fi
  kill -TERM -- "$target" 2>/dev/null || true
  if ! CU_WAIT_PID='' CU_WAIT_VERB=stopping CU_WAIT_INTERVAL=0.25 cu_wait_for "$label" "$deadline" cu_gone "$target" 2>/dev/null; then
    cu_warn "$label did not stop within ${deadline}s: sending KILL"
    kill -KILL -- "$target" 2>/dev/null || true
    CU_WAIT_PID='' CU_WAIT_VERB=stopping CU_WAIT_INTERVAL=0.25 cu_wait_for "$label" 10 cu_gone "$target" || true
  fi
  rm -f "$(cu_pidfile "$name")"
  printf '  ■ %-16s stopped (pid %s, %s)\n' "$label" "$pid" "$(cu_elapsed "$start")"
}
cu_gone() { ! kill -0 -- "$1" 2>/dev/null; }

cu_log_tail() { # name [lines]
  local f="$CU_LOGS/$1.log"
  [[ -f "$f" ]] || return 0
  printf '  --- last %d lines of %s ---\n' "${2:-30}" "${f#"$CU_ROOT"/}" >&2
  tail -n "${2:-30}" "$f" | sed 's/^/  | /' >&2
}

cu_is_root() { [[ $(id -u) -eq 0 ]]; }

cu_apt_install() { # packages...
  cu_is_root || cu_die "installing $* needs root: run 'sudo apt-get install -y $*' and retry"
  cu_info "  … installing Debian packages: $*"
  if ! { DEBIAN_FRONTEND=noninteractive apt-get update -q \
         && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@"; } >>"$CU_LOGS/apt.log" 2>&1; then
    tail -n 20 "$CU_LOGS/apt.log" >&2
    cu_die "apt-get install $* failed (log: .cloudunit/logs/apt.log)"
  fi
}

# ---------------------------------------------------------------- java + artifacts
cu_java17() {
  if [[ -x /usr/lib/jvm/java-17-openjdk-amd64/bin/java ]]; then
    printf '%s' /usr/lib/jvm/java-17-openjdk-amd64/bin/java
  elif [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
    printf '%s' "$JAVA_HOME/bin/java"
  else
    command -v java || cu_die "no java found: install a JDK 17 (apt-get install -y openjdk-17-jdk-headless)"
  fi
}

# The broker jars and the Keycloak distribution come from Maven Central via devstack/pom.xml.
cu_ensure_devstack_artifacts() {
  local need=0
  [[ -f "$CU_KAFKA_LIBS/kafka_2.13-$CU_KAFKA_VERSION.jar" ]] || need=1
  [[ -x "$CU_KC_HOME/bin/kc.sh" ]] || need=1
  if (( need == 0 )) && (( $(find "$CU_KAFKA_LIBS" -maxdepth 1 -name 'kafka-clients-*.jar' | wc -l) != 1 )); then
    # stale jars left by a version change: the broker would see two kafka-clients
    if cu_port_open 127.0.0.1 "$CU_KAFKA_PORT"; then
      cu_die "devstack/target/kafka-libs holds several kafka-clients versions; run './cloudunit down', then 'rm -rf devstack/target/kafka-libs' and retry"
    fi
    rm -rf "$CU_KAFKA_LIBS"; need=1
  fi
  (( need )) || return 0
  command -v mvn >/dev/null || cu_die "Maven is needed to fetch Kafka and Keycloak (apt-get install -y maven)"
  cu_info "  … fetching Kafka $CU_KAFKA_VERSION and Keycloak $CU_KEYCLOAK_VERSION from Maven Central (mvn -f devstack/pom.xml package)"
  local start; start=$(cu_now_ms)
  if ! (cd "$CU_ROOT" && mvn -B -q -f devstack/pom.xml package) >"$CU_LOGS/devstack-build.log" 2>&1; then
    tail -n 30 "$CU_LOGS/devstack-build.log" >&2
    cu_die "building devstack failed (full log: .cloudunit/logs/devstack-build.log); check Maven Central is reachable"
  fi
  cu_ok "artifacts" "devstack/target" "fetched, $(cu_elapsed "$start")"
}

# cu_status_line <component> <running|stopped> <pid> <address> <note>
cu_status_line() {
  local mark='○'; [[ $2 == running || $2 == present ]] && mark='●'
  printf '  %s %-18s %-8s pid %-8s %-34s %s\n' "$mark" "$1" "$2" "$3" "$4" "$5"
}

# ---------------------------------------------------------------- one launcher at a time
# A directory lock (not flock: a daemon we start would inherit the lock's descriptor).
CU_LOCK_DIR=""
cu_lock() {
  cu_init_dirs
  local d="$CU_RUN/launcher.lock" other
  if ! mkdir "$d" 2>/dev/null; then
    other=$(cat "$d/pid" 2>/dev/null || true)
    # A command started by the run that holds the lock (e2e tests restarting a service during ./cloudunit test)
    # works under that run's lock, and leaves it in place.
    if [[ -n "${CU_LOCK_OWNER:-}" && "$other" == "$CU_LOCK_OWNER" ]] && kill -0 "$other" 2>/dev/null; then
      return 0
    fi
    if [[ "$other" =~ ^[0-9]+$ ]] && kill -0 "$other" 2>/dev/null && [[ "$(cu_cmdline "$other")" == *cloudunit* ]]; then
      cu_die "another ./cloudunit command is running (pid $other: $(cu_cmdline "$other")). Wait for it, or stop it."
    fi
    rm -rf "$d"
    mkdir "$d" || cu_die "cannot create the lock $d"
  fi
  printf '%s\n' "$$" >"$d/pid"
  CU_LOCK_DIR=$d
  export CU_LOCK_OWNER=$$
}
cu_unlock() {
  if [[ -n "$CU_LOCK_DIR" && "$(cat "$CU_LOCK_DIR/pid" 2>/dev/null)" == "$$" ]]; then rm -rf "$CU_LOCK_DIR"; fi
  CU_LOCK_DIR=""
}
