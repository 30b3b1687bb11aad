#!/usr/bin/env python3
"""Writes the provisioned Grafana dashboards (dashboards/*.json) from the panel lists below.

The JSON files are what Grafana loads and what the tests check (Grafana's schema, PromQL parsing,
live data); this script only keeps five dashboards consistent (data source, variables, layout).
Edit here, run `python3 monitoring/grafana/generate_dashboards.py`, commit both.

Services are selected by Micrometer's `application` tag, pods by `namespace`/`pod` (added by
Kubernetes discovery, or by the local Prometheus configuration), so every query works in the
cluster and locally.
"""
import json
from pathlib import Path

DS = {"type": "prometheus", "uid": "prometheus"}
OUT = Path(__file__).resolve().parent / "dashboards"
RATE = "$__rate_interval"

# Micrometer-instrumented pods of the selected namespace, service and pod.
APP = 'namespace=~"$namespace", application=~"$service", pod=~"$pod"'
HTTP = APP + ', uri!~"/actuator.*"'
GW = 'namespace=~"$namespace", application="gateway", pod=~"$pod"'


def variable(name, label, query, all_value=".*"):
    return {
        "name": name, "label": label, "type": "query", "datasource": DS, "query": query,
        "refresh": 2, "sort": 1, "multi": True, "includeAll": True, "allValue": all_value,
        "current": {"text": "All", "value": "$__all"}, "options": [], "hide": 0,
    }


def app_variables():
    return [
        variable("namespace", "Namespace", "label_values(jvm_info, namespace)"),
        variable("service", "Service", 'label_values(jvm_info{namespace=~"$namespace"}, application)'),
        variable("pod", "Pod", 'label_values(jvm_info{namespace=~"$namespace", application=~"$service"}, pod)'),
    ]


def target(expr, legend, ref, instant=False):
    t = {"datasource": DS, "expr": expr, "legendFormat": legend, "refId": ref, "range": not instant,
         "instant": instant}
    return t


def panel(title, description, targets, unit="short", kind="timeseries", w=12, h=8, **extra):
    refs = "ABCDEFGH"
    p = {
        "type": kind, "title": title, "description": description, "datasource": DS,
        "targets": [target(expr, legend, refs[i], instant=kind in ("table", "stat", "bargauge"))
                    for i, (expr, legend) in enumerate(targets)],
        "fieldConfig": {"defaults": {"unit": unit}, "overrides": []},
        "options": {},
        "gridPos": {"w": w, "h": h, "x": 0, "y": 0},
    }
    if kind == "timeseries":
        p["options"] = {"legend": {"displayMode": "table", "placement": "bottom", "calcs": ["mean", "max"]},
                        "tooltip": {"mode": "multi", "sort": "desc"}}
    if kind == "table":
        p["options"] = {"showHeader": True, "sortBy": [{"displayName": "Value", "desc": True}]}
        p["transformations"] = [{"id": "merge", "options": {}}]
    for key, value in extra.items():
        p[key] = value
    return p


def layout(panels):
    x = y = 0
    row_height = 0
    for i, p in enumerate(panels, start=1):
        p["id"] = i
        w, h = p["gridPos"]["w"], p["gridPos"]["h"]
        if x + w > 24:
            x, y = 0, y + row_height
            row_height = 0
        p["gridPos"].update({"x": x, "y": y})
        x += w
        row_height = max(row_height, h)
    return panels


def dashboard(uid, title, description, panels, variables, tags, annotations=()):
    return {
        "uid": uid, "title": title, "description": description, "tags": ["library"] + tags,
        "editable": False, "graphTooltip": 1, "schemaVersion": 41, "version": 1,
        "time": {"from": "now-1h", "to": "now"}, "refresh": "30s", "timezone": "browser",
        "templating": {"list": variables},
        "annotations": {"list": [
            {"builtIn": 1, "datasource": {"type": "grafana", "uid": "-- Grafana --"}, "enable": True,
             "hide": True, "iconColor": "rgba(0, 211, 255, 1)", "name": "Annotations & Alerts",
             "type": "dashboard"},
            *annotations]},
        "links": [{"title": "Library dashboards", "type": "dashboards", "tags": ["library"], "asDropdown": True,
                   "icon": "external link", "includeVars": True, "keepTime": True, "targetBlank": False,
                   "tooltip": "", "url": ""}],
        "panels": layout(panels),
    }


def quantiles(by, selector, metric="http_server_requests_seconds_bucket", legend="{{application}}"):
    return [(f"histogram_quantile({q}, sum by ({by}, le) (rate({metric}{{{selector}}}[{RATE}])))",
             f"p{int(q * 100)} {legend}") for q in (0.5, 0.95, 0.99)]


def error_ratio(by, selector, metric="http_server_requests_seconds_count", status='status=~"5.."'):
    total = f"sum by ({by}) (rate({metric}{{{selector}}}[{RATE}]))"
    errors = f"sum by ({by}) (rate({metric}{{{selector}, {status}}}[{RATE}]))"
    return f"({errors} or {total} * 0) / {total}"


def api():
    services = 'namespace=~"$namespace", application=~"$service", application!="gateway", pod=~"$pod", uri!~"/actuator.*"'
    routes = 'namespace=~"$namespace", pod=~"$pod"'
    panels = [
        panel("Request rate per service", "Requests per second answered by each service (actuator calls excluded).",
              [(f"sum by (application) (rate(http_server_requests_seconds_count{{{HTTP}}}[{RATE}]))", "{{application}}")],
              unit="reqps", w=8),
        panel("Error ratio per service (5xx)", "Share of requests answered with a 5xx; the SLO allows 0.1%.",
              [(error_ratio("application", HTTP), "{{application}}")], unit="percentunit", w=8),
        panel("Latency p50 / p95 / p99 per service", "From the request histograms; objective p95 < 500 ms.",
              quantiles("application", HTTP), unit="s", w=8),
        panel("Request rate per route", "auth-service and book-service per URI template; the gateway per route.",
              [(f"sum by (application, uri) (rate(http_server_requests_seconds_count{{{services}}}[{RATE}]))",
                "{{application}} {{uri}}"),
               (f"sum by (routeId) (rate(spring_cloud_gateway_requests_seconds_count{{{routes}}}[{RATE}]))",
                "gateway → {{routeId}}")], unit="reqps"),
        panel("Error ratio per route (5xx)", "Share of 5xx per route.",
              [(error_ratio("application, uri", services), "{{application}} {{uri}}"),
               (error_ratio("routeId", routes, metric="spring_cloud_gateway_requests_seconds_count",
                            status='httpStatusCode=~"5.."'), "gateway → {{routeId}}")], unit="percentunit"),
        panel("Latency p50 / p95 / p99 per route", "Per URI template of the services.",
              quantiles("application, uri", services, legend="{{application}} {{uri}}"), unit="s"),
        panel("Gateway latency per route p50 / p95 / p99", "Time the gateway spent on each route, downstream call included.",
              quantiles("routeId", routes, metric="spring_cloud_gateway_requests_seconds_bucket",
                        legend="gateway → {{routeId}}"), unit="s"),
        panel("Status codes", "Responses per second by service and HTTP status.",
              [(f"sum by (application, status) (rate(http_server_requests_seconds_count{{{HTTP}}}[{RATE}]))",
                "{{application}} {{status}}")], unit="reqps"),
        panel("Slowest routes (p95 over the time range)", "The ten routes with the highest p95 latency.",
              [(f"topk(10, histogram_quantile(0.95, sum by (application, uri, le) "
                f"(rate(http_server_requests_seconds_bucket{{{HTTP}}}[$__range]))))", "{{application}} {{uri}}")],
              unit="s", kind="table"),
        panel("Rate limiting at the gateway", "Decisions per second by policy and outcome: limited = answered 429; "
              "fail_open = let through because Redis could not be asked.",
              [(f"sum by (policy, outcome) (rate(library_gateway_ratelimit_total{{{routes}}}[{RATE}]))",
                "{{policy}} {{outcome}}")], unit="reqps"),
        panel("Circuit breakers (1 = in that state)", "The gateway's circuit to each service; open means calls are "
              "refused at once with 503 until the wait in open state ends.",
              [(f"max by (name, state) (resilience4j_circuitbreaker_state{{{routes}, state=~\"closed|open|half_open|forced_open\"}})",
                "{{name}} {{state}}")], unit="short"),
        panel("Circuit breaker refusals and failure rate", "Calls refused by an open circuit per second, and the "
              "failure rate (%) each breaker decides on (-1 = not enough calls yet).",
              [(f"sum by (name) (rate(resilience4j_circuitbreaker_not_permitted_calls_total{{{routes}}}[{RATE}]))",
                "refused {{name}}"),
               (f"max by (name) (resilience4j_circuitbreaker_failure_rate{{{routes}}})", "failure % {{name}}")],
              unit="short"),
        panel("Cache hit ratio", "book-service's Redis read cache: hits over all lookups.",
              [(f"sum by (cache) (rate(cache_gets_total{{{APP}, result=\"hit\"}}[{RATE}])) "
                f"/ sum by (cache) (rate(cache_gets_total{{{APP}}}[{RATE}]))", "{{cache}}")], unit="percentunit", w=8),
        panel("Cache lookups and writes", "Hits, misses and puts per second.",
              [(f"sum by (cache, result) (rate(cache_gets_total{{{APP}}}[{RATE}]))", "{{cache}} {{result}}"),
               (f"sum by (cache) (rate(cache_puts_total{{{APP}}}[{RATE}]))", "{{cache}} put")], unit="ops", w=8),
        panel("MongoDB command latency p95", "Per service and command, from the driver's histograms.",
              [(f"histogram_quantile(0.95, sum by (application, command, le) "
                f"(rate(mongodb_driver_commands_seconds_bucket{{{APP}}}[{RATE}])))", "{{application}} {{command}}")],
              unit="s", w=8),
        panel("MongoDB commands per second", "Per service and command.",
              [(f"sum by (application, command) (rate(mongodb_driver_commands_seconds_count{{{APP}}}[{RATE}]))",
                "{{application}} {{command}}")], unit="ops", w=8),
        panel("Logins by outcome", "auth-service: success, bad_credentials, throttled (too many failures).",
              [(f"sum by (outcome) (rate(library_auth_logins_total{{{APP}}}[{RATE}]))", "{{outcome}}")],
              unit="ops", w=8),
        panel("Tokens issued and refresh-token reuse", "Reuse of a rotated refresh token revokes its family: "
              "a stolen token, or a client bug.",
              [(f"sum (rate(library_auth_tokens_issued_total{{{APP}}}[{RATE}]))", "tokens issued"),
               (f"sum (rate(library_auth_refresh_reuse_detected_total{{{APP}}}[{RATE}]))", "refresh reuse detected")],
              unit="ops", w=8),
        panel("Redis fail-open and cache errors", "Requests served without Redis: cache errors (book-service), "
              "rate limits not applied (gateway), logins not throttled (auth-service). Non-zero means Redis is away.",
              [(f"sum by (application) (rate(library_cache_errors_total{{{APP}}}[{RATE}]))", "cache errors {{application}}"),
               (f"sum by (policy) (rate(library_gateway_ratelimit_total{{{routes}, outcome=\"fail_open\"}}[{RATE}]))",
                "rate limit fail-open {{policy}}"),
               (f"sum (rate(library_auth_login_throttle_unavailable_total{{{APP}}}[{RATE}]))",
                "login throttle unavailable")], unit="ops", w=24),
    ]
    return dashboard("library-api", "Library / API", "Requests, errors and latency per service and route; "
                     "the gateway's protections; cache, MongoDB and logins.", panels, app_variables(), ["api"])


def jvm():
    panels = [
        panel("Heap used", "Per pod, all heap pools.",
              [(f"sum by (application, pod) (jvm_memory_used_bytes{{{APP}, area=\"heap\"}})", "{{pod}}")], unit="bytes"),
        panel("Heap max and committed", "What the JVM may use (-Xmx) and what it holds from the OS.",
              [(f"sum by (pod) (jvm_memory_max_bytes{{{APP}, area=\"heap\"}})", "max {{pod}}"),
               (f"sum by (pod) (jvm_memory_committed_bytes{{{APP}, area=\"heap\"}})", "committed {{pod}}")],
              unit="bytes"),
        panel("Non-heap used", "Metaspace, code cache, compressed class space.",
              [(f"sum by (pod, id) (jvm_memory_used_bytes{{{APP}, area=\"nonheap\"}})", "{{pod}} {{id}}")],
              unit="bytes"),
        panel("GC pause time per second", "Share of wall-clock time spent in collection pauses.",
              [(f"sum by (pod, gc) (rate(jvm_gc_pause_seconds_sum{{{APP}}}[{RATE}]))", "{{pod}} {{gc}}")],
              unit="percentunit"),
        panel("GC pauses: count and longest", "Pauses per second, and the longest recent pause.",
              [(f"sum by (pod) (rate(jvm_gc_pause_seconds_count{{{APP}}}[{RATE}]))", "pauses/s {{pod}}"),
               (f"max by (pod) (jvm_gc_pause_seconds_max{{{APP}}})", "longest {{pod}}")], unit="short"),
        panel("Threads", "Live and daemon threads per pod.",
              [(f"sum by (pod) (jvm_threads_live_threads{{{APP}}})", "live {{pod}}"),
               (f"sum by (pod) (jvm_threads_daemon_threads{{{APP}}})", "daemon {{pod}}")], unit="short"),
        panel("Thread states", "Per pod and state (many BLOCKED or WAITING threads point at contention).",
              [(f"sum by (pod, state) (jvm_threads_states_threads{{{APP}}})", "{{pod}} {{state}}")], unit="short"),
        panel("CPU", "Process CPU (share of all cores the JVM sees) and the whole system's.",
              [(f"max by (pod) (process_cpu_usage{{{APP}}})", "process {{pod}}"),
               (f"max by (pod) (system_cpu_usage{{{APP}}})", "system {{pod}}")], unit="percentunit"),
        panel("Allocation rate", "Bytes allocated per second in the young generation.",
              [(f"sum by (pod) (rate(jvm_gc_memory_allocated_bytes_total{{{APP}}}[{RATE}]))", "{{pod}}")],
              unit="Bps"),
        panel("Uptime", "Since the JVM started; a restart shows as a drop.",
              [(f"max by (pod) (process_uptime_seconds{{{APP}}})", "{{pod}}")], unit="s", kind="stat"),
        panel("Open files", "File descriptors in use against the limit.",
              [(f"max by (pod) (process_files_open_files{{{APP}}})", "open {{pod}}"),
               (f"max by (pod) (process_files_max_files{{{APP}}})", "max {{pod}}")], unit="short"),
        panel("Classes loaded", "Classes currently loaded per pod.",
              [(f"max by (pod) (jvm_classes_loaded_classes{{{APP}}})", "{{pod}}")], unit="short"),
    ]
    return dashboard("library-jvm", "Library / JVM", "Memory, garbage collection, threads and CPU of each "
                     "service's JVM, per pod.", panels, app_variables(), ["jvm"])


def containers():
    sel = 'namespace=~"$namespace", container=~"$service", pod=~"$pod", container!=""'
    pod_sel = 'namespace=~"$namespace", pod=~"$pod"'
    variables = [
        variable("namespace", "Namespace", "label_values(container_cpu_usage_seconds_total, namespace)"),
        variable("service", "Service (container)",
                 'label_values(container_cpu_usage_seconds_total{namespace=~"$namespace"}, container)'),
        variable("pod", "Pod",
                 'label_values(container_cpu_usage_seconds_total{namespace=~"$namespace", container=~"$service"}, pod)'),
    ]
    panels = [
        panel("CPU usage against request and limit", "Cores used per container; the request (scheduling share) "
              "and the limit (CFS quota), where set.",
              [(f"sum by (pod, container) (rate(container_cpu_usage_seconds_total{{{sel}}}[{RATE}]))",
                "used {{pod}} {{container}}"),
               (f"sum by (pod, container) (container_spec_cpu_shares{{{sel}}}) / 1024", "request {{pod}} {{container}}"),
               (f"sum by (pod, container) (container_spec_cpu_quota{{{sel}}}) "
                f"/ sum by (pod, container) (container_spec_cpu_period{{{sel}}})", "limit {{pod}} {{container}}")],
              unit="short"),
        panel("CPU throttling", "Share of CFS periods in which the container hit its CPU limit.",
              [(f"sum by (pod, container) (rate(container_cpu_cfs_throttled_periods_total{{{sel}}}[{RATE}])) "
                f"/ sum by (pod, container) (rate(container_cpu_cfs_periods_total{{{sel}}}[{RATE}]))",
                "{{pod}} {{container}}")], unit="percentunit"),
        panel("Memory working set against limit", "What the kernel counts against the limit (OOM-kill at the limit).",
              [(f"max by (pod, container) (container_memory_working_set_bytes{{{sel}}})", "used {{pod}} {{container}}"),
               (f"max by (pod, container) (container_spec_memory_limit_bytes{{{sel}}}) > 0",
                "limit {{pod}} {{container}}")], unit="bytes"),
        panel("Memory working set / limit", "1 = the limit; containers without a limit are left out.",
              [(f"max by (pod, container) (container_memory_working_set_bytes{{{sel}}}) "
                f"/ (max by (pod, container) (container_spec_memory_limit_bytes{{{sel}}}) > 0)", "{{pod}} {{container}}")],
              unit="percentunit"),
        panel("Network received", "Per pod (containers of a pod share its network).",
              [(f"sum by (pod) (rate(container_network_receive_bytes_total{{{pod_sel}}}[{RATE}]))", "{{pod}}")],
              unit="Bps"),
        panel("Network sent", "Per pod.",
              [(f"sum by (pod) (rate(container_network_transmit_bytes_total{{{pod_sel}}}[{RATE}]))", "{{pod}}")],
              unit="Bps"),
        panel("Container restarts (last hour)", "Starts of each container within the hour before each point.",
              [(f"max by (pod, container) (changes(container_start_time_seconds{{{sel}}}[1h]))", "{{pod}} {{container}}")],
              unit="short"),
        panel("Memory by kind", "RSS and page cache per container.",
              [(f"max by (pod, container) (container_memory_rss{{{sel}}})", "rss {{pod}} {{container}}"),
               (f"max by (pod, container) (container_memory_cache{{{sel}}})", "cache {{pod}} {{container}}")],
              unit="bytes"),
    ]
    return dashboard("library-containers", "Library / Containers", "cAdvisor through each kubelet: CPU against "
                     "request and limit, throttling, memory against limit, network, restarts.", panels, variables,
                     ["containers"])


def node():
    n = 'instance=~"$instance"'
    fs = n + ', fstype!~"tmpfs|overlay|squashfs|ramfs", mountpoint!~"/run.*"'
    variables = [variable("instance", "Node", "label_values(node_uname_info, instance)")]
    panels = [
        panel("CPU busy by mode", "Share of all cores per mode (idle left out).",
              [(f"sum by (instance, mode) (rate(node_cpu_seconds_total{{{n}, mode!=\"idle\"}}[{RATE}])) "
                f"/ on (instance) group_left count by (instance) (node_cpu_seconds_total{{{n}, mode=\"idle\"}})",
                "{{instance}} {{mode}}")], unit="percentunit"),
        panel("Load average", "1, 5 and 15 minutes; compare with the number of cores.",
              [(f"max by (instance) (node_load1{{{n}}})", "load1 {{instance}}"),
               (f"max by (instance) (node_load5{{{n}}})", "load5 {{instance}}"),
               (f"max by (instance) (node_load15{{{n}}})", "load15 {{instance}}"),
               (f"count by (instance) (node_cpu_seconds_total{{{n}, mode=\"idle\"}})", "cores {{instance}}")],
              unit="short"),
        panel("Memory", "Total, available (what can be used without swapping) and used.",
              [(f"max by (instance) (node_memory_MemTotal_bytes{{{n}}})", "total {{instance}}"),
               (f"max by (instance) (node_memory_MemAvailable_bytes{{{n}}})", "available {{instance}}"),
               (f"max by (instance) (node_memory_MemTotal_bytes{{{n}}} - node_memory_MemAvailable_bytes{{{n}}})",
                "used {{instance}}")], unit="bytes"),
        panel("Disk space used", "Per filesystem.",
              [(f"1 - max by (instance, mountpoint) (node_filesystem_avail_bytes{{{fs}}}) "
                f"/ max by (instance, mountpoint) (node_filesystem_size_bytes{{{fs}}})", "{{instance}} {{mountpoint}}")],
              unit="percentunit"),
        panel("Disk IO throughput", "Bytes read and written per second per device.",
              [(f"sum by (instance, device) (rate(node_disk_read_bytes_total{{{n}}}[{RATE}]))", "read {{instance}} {{device}}"),
               (f"sum by (instance, device) (rate(node_disk_written_bytes_total{{{n}}}[{RATE}]))",
                "written {{instance}} {{device}}")], unit="Bps"),
        panel("Disk busy", "Share of time each device had IO in flight.",
              [(f"sum by (instance, device) (rate(node_disk_io_time_seconds_total{{{n}}}[{RATE}]))",
                "{{instance}} {{device}}")], unit="percentunit"),
        panel("Network received", "Per interface (loopback left out).",
              [(f"sum by (instance, device) (rate(node_network_receive_bytes_total{{{n}, device!=\"lo\"}}[{RATE}]))",
                "{{instance}} {{device}}")], unit="Bps"),
        panel("Network sent", "Per interface (loopback left out).",
              [(f"sum by (instance, device) (rate(node_network_transmit_bytes_total{{{n}, device!=\"lo\"}}[{RATE}]))",
                "{{instance}} {{device}}")], unit="Bps"),
        panel("Uptime", "Since the node booted.",
              [(f"max by (instance) (time() - node_boot_time_seconds{{{n}}})", "{{instance}}")], unit="s", kind="stat"),
    ]
    return dashboard("library-node", "Library / Node", "node-exporter on each node: CPU, load, memory, disk "
                     "space and IO, network.", panels, variables, ["node"])


def load_test():
    ns = 'namespace=~"$namespace"'
    gw = ns + ', application="gateway", uri!~"/actuator.*"'
    variables = [variable("namespace", "Namespace", "label_values(jvm_info, namespace)")]
    annotations = [
        {"name": "Load runs", "enable": True, "iconColor": "orange", "hide": False,
         "datasource": {"type": "grafana", "uid": "-- Grafana --"},
         "target": {"type": "tags", "tags": ["load-test"], "matchAny": True, "limit": 100}},
    ]
    panels = [
        panel("Gateway throughput", "Requests per second at the edge, by status.",
              [(f"sum by (status) (rate(http_server_requests_seconds_count{{{gw}}}[{RATE}]))", "{{status}}")],
              unit="reqps"),
        panel("Gateway latency p50 / p95 / p99", "Everything the client waited for, at the edge.",
              quantiles("application", gw, legend="gateway"), unit="s"),
        panel("Throughput per route", "What the load reached behind the gateway.",
              [(f"sum by (routeId) (rate(spring_cloud_gateway_requests_seconds_count{{{ns}}}[{RATE}]))", "{{routeId}}")],
              unit="reqps", w=8),
        panel("Rejected at the edge", "429 (rate limited) and 5xx per second.",
              [(f"sum (rate(http_server_requests_seconds_count{{{gw}, status=\"429\"}}[{RATE}])) "
                f"or vector(0) * sum (rate(http_server_requests_seconds_count{{{gw}}}[{RATE}]))", "429"),
               (f"sum (rate(http_server_requests_seconds_count{{{gw}, status=~\"5..\"}}[{RATE}])) "
                f"or vector(0) * sum (rate(http_server_requests_seconds_count{{{gw}}}[{RATE}]))", "5xx")],
              unit="reqps", w=8),
        panel("Replicas answering", "Scraped instances per service: watch a scale-out arrive.",
              [(f"count by (app) (up{{{ns}, job=\"library-pods\"}} == 1)", "{{app}}")], unit="short", w=8),
        panel("CPU per pod", "Process CPU of each service pod during the run.",
              [(f"max by (application, pod) (process_cpu_usage{{{ns}}})", "{{application}} {{pod}}")],
              unit="percentunit"),
        panel("Pod starts", "JVM starts in the last two minutes per pod: new replicas of a scale-out, or restarts.",
              [(f"sum by (application, pod) (changes(process_start_time_seconds{{{ns}, job=\"library-pods\"}}[2m]))",
                "{{application}} {{pod}}")], unit="short", w=12),
        panel("Heap used per pod", "Heap of each service pod during the run.",
              [(f"sum by (application, pod) (jvm_memory_used_bytes{{{ns}, area=\"heap\"}})", "{{application}} {{pod}}")],
              unit="bytes"),
    ]
    return dashboard("library-load-test", "Library / Load test", "The gateway under load: throughput, latency, "
                     "rejections, and replicas as they scale out. Annotations tagged load-test mark load runs "
                     "(see docs/operations.md).", panels, variables, ["load-test"], annotations)


if __name__ == "__main__":
    OUT.mkdir(exist_ok=True)
    for name, build in [("api", api), ("jvm", jvm), ("containers", containers), ("node", node),
                        ("load-test", load_test)]:
        (OUT / f"{name}.json").write_text(json.dumps(build(), indent=2) + "\n")
        print(f"dashboards/{name}.json")
