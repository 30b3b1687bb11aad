"""Reading what the load generators wrote: wrk's JSON line (load/wrk-report.lua), Locust's CSVs,
load/chaos_requests.py's request log; and a Locust ramp summed up."""
import csv
import json

WRK_FAILURES = ("connect_errors", "read_errors", "write_errors", "status_errors", "timeouts")
# "latency rose sharply" in the seed: report how many users were served within a second
P95_LIMIT_MS = 1000


def wrk_report(output):
    """wrk-report.lua's JSON (the last line wrk printed) in requests/s and milliseconds. Failures are
    socket errors, time-outs and answers other than 2xx/3xx."""
    report = json.loads(output.strip().splitlines()[-1])
    return {"requests_per_second": report["requests"] / (report["duration_us"] / 1e6),
            "p50_ms": report["p50_us"] / 1000, "p95_ms": report["p95_us"] / 1000, "p99_ms": report["p99_us"] / 1000,
            "requests": report["requests"], "failures": sum(report[key] for key in WRK_FAILURES)}


def locust_aggregated(path):
    """The "Aggregated" row of Locust's <prefix>_stats.csv, as Locust wrote it (strings)."""
    with open(path, newline="") as stats:
        return next(row for row in csv.DictReader(stats) if row["Name"] == "Aggregated")


def locust_history(path):
    """Locust's per-second aggregated history (<prefix>_stats_history.csv): (users, requests/s, p95 ms,
    failures counted so far)."""
    rows = []
    with open(path, newline="") as file:
        for row in csv.DictReader(file):
            # Rows before the first user and after the last one left describe no load.
            if row["Name"] == "Aggregated" and row["95%"] not in ("N/A", "") and int(row["User Count"]) > 0:
                rows.append((int(row["User Count"]), float(row["Requests/s"]), float(row["95%"]),
                             int(row["Total Failure Count"])))
    return rows


def ramp_summary(title, aggregated, failure, rows, p95_limit_ms=P95_LIMIT_MS):
    """One ramp in numbers: where it first failed, how far p95 stayed within the limit, its peak."""
    top_users = max((row[0] for row in rows), default=0)
    over_limit = next((index for index, row in enumerate(rows) if row[2] > p95_limit_ms), None)
    within = rows if over_limit is None else rows[:over_limit]
    return {"title": title, "history": rows,
            "first_failure_users": failure["users"] if failure else "",
            "failure_error": failure["error"] if failure else "",
            "top_users": top_users,
            "users_within_p95_limit": max((row[0] for row in within), default=0),
            "peak_requests_per_second": max((row[1] for row in rows), default=0.0),
            "p95_ms_at_top": next((row[2] for row in reversed(rows) if row[0] == top_users), 0.0),
            "requests": int(aggregated["Request Count"]), "failures": int(aggregated["Failure Count"])}


def chaos_requests(path):
    """load/chaos_requests.py's CSV: one dict per request (ended, name, status, ms, error)."""
    with open(path, newline="") as requests:
        return [{"ended": float(row["ended"]), "name": row["method"] + " " + row["name"], "status": int(row["status"]),
                 "ms": float(row["ms"]), "error": row["error"]} for row in csv.DictReader(requests)]
