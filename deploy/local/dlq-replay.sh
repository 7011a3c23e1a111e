#!/usr/bin/env bash
# Dead-letter runbook tool: shows or replays the records case-service parked in chat.ingest.dlq
# (records it could not read, and sends it could neither store nor refuse; everything else is
# answered or retried, docs/events.md).
#   deploy/local/dlq-replay.sh show      print the parked records (key, value, reason), no changes
#   deploy/local/dlq-replay.sh replay    produce each parked record not yet replayed back to
#                                        chat.ingest (same key, so same partition and order)
# Replay once the cause is fixed (typically: a case-service that reads the newer record shape, or
# one without the bug that failed both storing and refusing).
# The consumer group dlq-replay remembers what was replayed, so running it twice replays nothing
# twice; case-service de-duplicates on (case, clientMsgId) anyway.
# DLQ=<topic> INGEST=<topic> override the topics (the module tests use test.chat.ingest[.dlq]).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

KAFKA_DIR="$STATE_DIR/kafka"
DLQ=${DLQ:-chat.ingest.dlq}
INGEST=${INGEST:-chat.ingest}
BOOTSTRAP=${BOOTSTRAP:-127.0.0.1:9092}
[[ -d $KAFKA_DIR/libs ]] || die "no Kafka tools in $KAFKA_DIR/libs: run deploy/local/infra.sh start first"

kafka_tool() {
  "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
    -Dlog4j2.configurationFile="$KAFKA_DIR/log4j2-tools.properties" -cp "$KAFKA_DIR/libs/*" "$@"
}

# The key and value are tab-separated; values are JSON (or whatever unreadable bytes arrived).
consume() { # consume <group-args...>
  kafka_tool org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server "$BOOTSTRAP" \
    --topic "$DLQ" --timeout-ms 15000 --property print.key=true --property key.separator=$'\t' "$@" \
    2>/dev/null || true
}

case ${1:-} in
  show)
    consume --from-beginning --property print.headers=true
    ;;
  replay)
    records=$(consume --group dlq-replay --consumer-property auto.offset.reset=earliest)
    if [[ -z $records ]]; then log "dlq-replay: nothing to replay in $DLQ"; exit 0; fi
    count=$(wc -l <<<"$records")
    kafka_tool org.apache.kafka.tools.ConsoleProducer --bootstrap-server "$BOOTSTRAP" --topic "$INGEST" \
      --property parse.key=true --property key.separator=$'\t' --producer-property acks=all <<<"$records"
    log "dlq-replay: $count record(s) produced from $DLQ back to $INGEST"
    ;;
  *)
    sed -n '2,12p' "$0" >&2; exit 2
    ;;
esac
