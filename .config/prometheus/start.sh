#!/bin/sh
# Loads the demo history (written by scripts/demo-openmetrics.ts into .config/prometheus/history.om) once, then
# starts Prometheus. Without the file Prometheus starts empty and only its own metrics accumulate.
set -eu
if [ -f /etc/prometheus/history.om ] && [ ! -f /prometheus/.history-loaded ]; then
  promtool tsdb create-blocks-from openmetrics /etc/prometheus/history.om /prometheus
  touch /prometheus/.history-loaded
fi
exec prometheus --config.file=/etc/prometheus/prometheus.yml --storage.tsdb.path=/prometheus \
  --storage.tsdb.retention.time=1y --web.listen-address=0.0.0.0:9090
