#!/usr/bin/env bash
# Copies monitoring/'s Prometheus and Grafana files into the chart (helm/library/files/monitoring/):
# Helm's .Files cannot read outside the chart. ChartCopyTest fails while the copy differs.
set -euo pipefail
cd "$(dirname "$0")/.."
copy=helm/library/files/monitoring
rm -rf "$copy"
mkdir -p "$copy/prometheus" "$copy/grafana"
cp monitoring/prometheus/prometheus.yml "$copy/prometheus/"
cp -r monitoring/prometheus/rules "$copy/prometheus/"
cp -r monitoring/grafana/provisioning monitoring/grafana/dashboards "$copy/grafana/"
echo "copied into $copy"
