#!/bin/bash
# Creates the event topics and their dead-letter topics before any service starts. The broker does not
# create topics on first use, so a misspelt topic name fails loudly instead of quietly starting a new stream.
# Partitions and retention match deploy/kubernetes/base/kafka/topics.yaml (reasons there).
set -euo pipefail

bootstrap="${KAFKA_BOOTSTRAP:?KAFKA_BOOTSTRAP must be set (docker-compose.yml sets it)}"
day_ms=86400000

create() {  # name partitions retention-days
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$bootstrap" --create --if-not-exists \
    --topic "$1" --partitions "$2" --replication-factor 1 --config "retention.ms=$(( $3 * day_ms ))"
}

create screening-events     12 180
create session-events       12 30
create alert-events         12 30
create notification-events  12 30
create screening-events.dlq 1 30
create session-events.dlq   1 30
create alert-events.dlq     1 30
create notification-events.dlq 1 30
