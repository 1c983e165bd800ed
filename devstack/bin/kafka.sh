#!/usr/bin/env bash
# CloudUnit devstack — Apache Kafka (KRaft, combined broker + controller, node.id 1)
# on 127.0.0.1:9092 (controller 127.0.0.1:9093), from the Maven Central jars in
# devstack/target/kafka-libs. Data in .cloudunit/data/kafka.
#   kafka.sh up | down | status
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CU_KAFKA_DIR="$CU_DATA/kafka"
CU_KAFKA_PROPS="$CU_KAFKA_DIR/server.properties"
CU_KAFKA_LOG_DIR="$CU_KAFKA_DIR/logs"
# What our broker's command line always contains (unique to this checkout).
CU_KAFKA_PATTERN="kafka.Kafka $CU_KAFKA_PROPS"
CU_KAFKA_TOPICS_CREATED=""

cu_kafka_java() { # args... : a JVM on the broker's class path
  "$(cu_java17)" -cp "$CU_KAFKA_LIBS/*" "$@"
}

cu_kafka_write_config() {
  mkdir -p "$CU_KAFKA_LOG_DIR"
  sed -e "s#@BROKER_PORT@#$CU_KAFKA_PORT#g" \
      -e "s#@CONTROLLER_PORT@#$CU_KAFKA_CONTROLLER_PORT#g" \
      -e "s#@LOG_DIR@#$CU_KAFKA_LOG_DIR#g" \
      "$CU_DEVSTACK/kafka/server.properties" >"$CU_KAFKA_PROPS.tmp"
  mv -f "$CU_KAFKA_PROPS.tmp" "$CU_KAFKA_PROPS"
}

cu_kafka_format_if_needed() {
  [[ -f "$CU_KAFKA_LOG_DIR/meta.properties" ]] && return 0
  local cluster_id
  if [[ -s "$CU_KAFKA_DIR/cluster.id" ]]; then
    cluster_id=$(<"$CU_KAFKA_DIR/cluster.id")
  else
    cluster_id=$(cu_kafka_java -Xmx128m kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n1)
    [[ "$cluster_id" =~ ^[A-Za-z0-9_-]{22}$ ]] || cu_die "could not generate a Kafka cluster id (got '$cluster_id')"
    printf '%s\n' "$cluster_id" >"$CU_KAFKA_DIR/cluster.id"
  fi
  cu_info "  … formatting the Kafka log dir (cluster id $cluster_id)"
  if ! cu_kafka_java -Xms64m -Xmx256m kafka.tools.StorageTool format \
        --cluster-id "$cluster_id" --config "$CU_KAFKA_PROPS" --standalone \
        >>"$CU_LOGS/kafka-format.log" 2>&1; then
    tail -n 20 "$CU_LOGS/kafka-format.log" >&2
    cu_die "kafka-storage format failed (log: .cloudunit/logs/kafka-format.log). To start over: ./cloudunit down; rm -rf .cloudunit/data/kafka"
  fi
}

cu_kafka_ensure_topics() {
  local topics=() t out
  for t in "${CU_TOPICS[@]}"; do topics+=("$t" "$t.dlq"); done
  if ! out=$(cu_kafka_java -Xmx128m -Dlog4j2.configurationFile="$CU_DEVSTACK/kafka/log4j2-tools.properties" \
               "$CU_DEVSTACK/kafka/EnsureTopics.java" "127.0.0.1:$CU_KAFKA_PORT" 3 "${1:-60}" "${topics[@]}" 2>&1); then
    printf '%s\n' "$out" | tail -n 20 >&2
    return 1
  fi
  CU_KAFKA_TOPICS_CREATED=$(printf '%s\n' "$out" | sed -n 's/^created: *//p')
}

cu_kafka_up() {
  cu_init_dirs
  local start pid note
  start=$(cu_now_ms)
  if cu_port_open 127.0.0.1 "$CU_KAFKA_PORT"; then
    cu_ensure_devstack_artifacts   # the topic tool runs on the broker jars
    cu_kafka_ensure_topics 30 || cu_die "something listens on 127.0.0.1:$CU_KAFKA_PORT but does not answer as a Kafka broker ($(cu_port_pid "$CU_KAFKA_PORT" | sed 's/^/pid /'))"
    note="already running"
    pid=$(cu_owned_pid kafka "$CU_KAFKA_PATTERN") && note="already running, pid $pid"
    [[ -n "$CU_KAFKA_TOPICS_CREATED" ]] && note="$note; created topics: $CU_KAFKA_TOPICS_CREATED"
    cu_ok "Kafka" "127.0.0.1:$CU_KAFKA_PORT" "$note"
    return 0
  fi
  if cu_port_open 127.0.0.1 "$CU_KAFKA_CONTROLLER_PORT"; then
    cu_die "port 127.0.0.1:$CU_KAFKA_CONTROLLER_PORT (Kafka controller) is taken by another process ($(cu_port_pid "$CU_KAFKA_CONTROLLER_PORT" | sed 's/^/pid /')); free it or set CU_KAFKA_CONTROLLER_PORT"
  fi
  cu_ensure_devstack_artifacts
  mkdir -p "$CU_KAFKA_DIR"
  cu_kafka_write_config
  cu_kafka_format_if_needed
  cu_spawn kafka "$CU_KAFKA_DIR" "$(cu_java17)" -Xms128m -Xmx384m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$CU_DEVSTACK/kafka/log4j2.properties" \
    -Dkafka.logs.dir="$CU_KAFKA_DIR" \
    -cp "$CU_KAFKA_LIBS/*" kafka.Kafka "$CU_KAFKA_PROPS"
  pid=$CU_SPAWNED_PID
  if ! CU_WAIT_PID=$pid cu_wait_for "Kafka" 90 cu_port_open 127.0.0.1 "$CU_KAFKA_PORT"; then
    cu_log_tail kafka 30
    cu_die "Kafka did not open 127.0.0.1:$CU_KAFKA_PORT (log: .cloudunit/logs/kafka.log)"
  fi
  if ! cu_kafka_ensure_topics 60; then
    cu_log_tail kafka 30
    cu_die "Kafka listens but did not answer a topic listing, or topic creation failed (log: .cloudunit/logs/kafka.log)"
  fi
  note="started, pid $pid, $(cu_elapsed "$start")"
  [[ -n "$CU_KAFKA_TOPICS_CREATED" ]] && note="$note; created topics: $CU_KAFKA_TOPICS_CREATED"
  cu_ok "Kafka" "127.0.0.1:$CU_KAFKA_PORT" "$note"
}

cu_kafka_down() {
  cu_stop_pid kafka "$CU_KAFKA_PATTERN" "Kafka" 45 || true
}

cu_kafka_status() {
  local pid
  if pid=$(cu_owned_pid kafka "$CU_KAFKA_PATTERN"); then
    cu_status_line kafka running "$pid" "127.0.0.1:$CU_KAFKA_PORT (+$CU_KAFKA_CONTROLLER_PORT)" "started by cloudunit"
  elif cu_port_open 127.0.0.1 "$CU_KAFKA_PORT"; then
    pid=$(cu_port_pid "$CU_KAFKA_PORT")
    cu_status_line kafka running "${pid:--}" "127.0.0.1:$CU_KAFKA_PORT" "external"
  else
    cu_status_line kafka stopped - "127.0.0.1:$CU_KAFKA_PORT" ""
  fi
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  case "${1:-}" in
    up) cu_kafka_up ;; down) cu_kafka_down ;; status) cu_kafka_status ;;
    *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
  esac
fi
