"""load/chaos: what a client sees while a running ./run stack is rolled, killed and frozen.

Against a stack started with ./run (on this machine, loopback only), e.g.
  ./run --book-service-instances 2 --auth-service-instances 2 --seed 200 &
  load/chaos

  1. starts Locust (load/chaos_requests.py: load/locustfile.py's MixedUser, which reads, searches,
     signs in and, as the admin, writes) with a fixed number of users against the gateway, every
     request written to a CSV;
  2. after --settle seconds, performs each fault of --faults through ./run ctl, one after the
     other, --settle seconds apart:
       roll-SERVICE     ./run ctl rollout SERVICE (every instance, one at a time, preStop wait and
                        graceful shutdown as in a pod)
       kill-NAME        ./run ctl kill NAME (SIGKILL; ./run restarts it with backoff)
       freeze-redis     ./run ctl freeze redis 20 (SIGSTOP, SIGCONT 20 s later)
       restart-redis    ./run ctl restart redis (its data is gone: Redis is cache and counters only)
  3. stops Locust and reports, per fault (from its start to --settle seconds after it ended): the
     requests sent, the failed ones by status and error, p95 and p99 of response times, and the time
     to recover (from the fault's start to the last failure it caused); as a table
     (RESULTS/summary.md) and, when python3-matplotlib is installed, a timeline
     (RESULTS/timeline.png: requests and failures per second, faults shaded).

Results go to load/results/chaos-<time>/ (gitignored). Exit code 1 when --max-failures is given and
more requests than that failed: the CI smoke (e2e-tests' RollingRestartSmokeTest) uses 0.
"""
import argparse
import datetime
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter

from library_load import HOME as HOME_PATH
from library_load.results import chaos_requests
from library_load.tables import percentile

HOME = str(HOME_PATH)
DEFAULT_FAULTS = ("roll-book-service,roll-auth-service,roll-gateway,kill-book-service-2,freeze-redis,"
                  "restart-redis")
FREEZE_SECONDS = {"redis": 20}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="http://127.0.0.1:8080", help="the gateway (default %(default)s)")
    parser.add_argument("--data-dir", default=os.path.join(HOME, ".data"), help="the stack's data dir (./run ctl)")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--spawn-rate", type=float, default=5)
    parser.add_argument("--user-class", default="MixedUser")
    parser.add_argument("--settle", type=float, default=20, help="seconds before, between and after faults")
    parser.add_argument("--faults", default=DEFAULT_FAULTS, help="comma-separated (default %(default)s)")
    parser.add_argument("--out", help="results directory (default load/results/chaos-<time>)")
    parser.add_argument("--max-failures", type=int, help="exit 1 when more requests failed than this")
    parser.add_argument("--locust", default="locust")
    parser.add_argument("--report", metavar="DIR", help="only redo the table and chart of an earlier run's results")
    args = parser.parse_args()
    if args.report:
        report(args.report)
        return
    if not args.host.startswith(("http://127.0.0.1", "http://localhost", "http://[::1]")):
        sys.exit("load/chaos: loopback only (--host %s)" % args.host)

    out = args.out or os.path.join(HOME, "load", "results",
                                   "chaos-" + datetime.datetime.now().strftime("%Y%m%d-%H%M%S"))
    os.makedirs(out, exist_ok=True)
    requests_csv = os.path.join(out, "requests.csv")
    env = dict(os.environ, CHAOS_REQUESTS=requests_csv)
    admin_password = os.path.join(args.data_dir, "admin-password")
    if "LIBRARY_ADMIN_PASSWORD" not in env and os.path.exists(admin_password):
        with open(admin_password, encoding="utf-8") as secret:
            env["LIBRARY_ADMIN_PASSWORD"] = secret.read().strip()
        env.setdefault("LIBRARY_ADMIN_USERNAME", "admin")
    env.setdefault("LOAD_USERS", "5")
    faults = [fault for fault in args.faults.split(",") if fault]
    # Long enough for every fault: Locust is stopped after the last one has settled.
    budget = int(args.settle * (len(faults) + 2) + 600 * len(faults) + 120)
    with open(os.path.join(out, "locust.log"), "w") as log:
        locust = subprocess.Popen([args.locust, "-f", os.path.join(HOME, "load", "chaos_requests.py"), "--headless",
                                   "--host", args.host, "-u", str(args.users), "-r", str(args.spawn_rate),
                                   "-t", "%ds" % budget, "--only-summary", args.user_class],
                                  env=env, stdout=log, stderr=subprocess.STDOUT)
    windows = []
    try:
        wait_for_requests(requests_csv, locust)
        time.sleep(args.settle)
        for fault in faults:
            started = time.time()
            print("%s: %s ..." % (time.strftime("%H:%M:%S"), fault), flush=True)
            done = perform(fault, args.data_dir)
            ended = time.time()
            print("  %s in %.1f s" % ("done" if done else "FAILED", ended - started), flush=True)
            time.sleep(args.settle)
            windows.append((fault, started, ended, time.time(), done))
    finally:
        locust.send_signal(signal.SIGINT)
        try:
            locust.wait(timeout=60)
        except subprocess.TimeoutExpired:
            locust.kill()
    with open(os.path.join(out, "faults.json"), "w", encoding="utf-8") as faults_file:
        json.dump(windows, faults_file)
    report(out, args.max_failures)


def report(out, max_failures=None):
    """The table and the chart from a run's requests.csv and faults.json (also: --report DIR)."""
    with open(os.path.join(out, "faults.json"), encoding="utf-8") as faults_file:
        windows = [tuple(window) for window in json.load(faults_file)]
    rows = read_requests(os.path.join(out, "requests.csv"))
    table = summarize(rows, windows)
    with open(os.path.join(out, "summary.md"), "w", encoding="utf-8") as summary:
        summary.write(table)
    print(table)
    chart(rows, windows, os.path.join(out, "timeline.png"))
    print("Results: %s" % out)
    failed = sum(1 for row in rows if row["error"])
    if max_failures is not None and failed > max_failures:
        print("load/chaos: %d requests failed (at most %d allowed)" % (failed, max_failures))
        sys.exit(1)


def wait_for_requests(path, locust, timeout=300):
    """Locust signs its users up and in first: the faults start once requests are flowing."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if locust.poll() is not None:
            sys.exit("load/chaos: Locust ended before any request (see locust.log)")
        if os.path.exists(path) and sum(1 for _ in open(path)) > 20:
            return
        time.sleep(1)
    sys.exit("load/chaos: no requests within %d s" % timeout)


def perform(fault, data_dir):
    if fault.startswith("roll-"):
        command = ["rollout", fault[len("roll-"):]]
    elif fault.startswith("kill-"):
        command = ["kill", fault[len("kill-"):]]
    elif fault.startswith("freeze-"):
        name = fault[len("freeze-"):]
        command = ["freeze", name, str(FREEZE_SECONDS.get(name, 10))]
    elif fault.startswith("restart-"):
        command = ["restart", fault[len("restart-"):]]
    else:
        sys.exit("load/chaos: unknown fault %s" % fault)
    # The launcher itself, not ./run: a rebuild in the middle of a measurement would distort it.
    launcher = os.path.join(HOME, "local-stack", "target", "local-stack-exec.jar")
    run = subprocess.run(["java", "-Dlibrary.home=" + HOME, "-jar", launcher, "--data-dir", data_dir, "ctl"] + command,
                         capture_output=True, text=True)
    if run.returncode != 0:
        print("  ./run ctl %s: %s%s" % (" ".join(command), run.stdout, run.stderr), flush=True)
    return run.returncode == 0


def read_requests(path):
    return chaos_requests(path)


def fault_accounting(rows, window):
    """What one fault cost the clients: the requests that ended from its start until it had settled,
    those that failed by status and error, p95 and p99, and the time from its start to the last
    failure it caused (0 when none failed)."""
    _fault, started, _ended, settled, _done = window
    inside = [row for row in rows if started <= row["ended"] < settled]
    failures = [row for row in inside if row["error"]]
    kinds = Counter(("%d " % row["status"] if row["status"] else "") + row["error"].split(":")[0]
                    for row in failures)
    return {"sent": len(inside), "failed": len(failures), "kinds": kinds.most_common(),
            "p95_ms": percentile([r["ms"] for r in inside], 0.95), "p99_ms": percentile([r["ms"] for r in inside], 0.99),
            "recovered_s": max((row["ended"] for row in failures), default=started) - started}


def summarize(rows, windows):
    """The Markdown table of a chaos run: one row per fault, then all requests."""
    lines = ["| fault | took s | sent | failed | failed by status / error | p95 ms | p99 ms | recovered after s |",
             "|---|---|---|---|---|---|---|---|"]
    for window in windows:
        fault, started, ended, _settled, done = window
        cost = fault_accounting(rows, window)
        lines.append("| %s%s | %.0f | %d | %d | %s | %.0f | %.0f | %.1f |" % (
            fault, "" if done else " (ctl failed)", ended - started, cost["sent"], cost["failed"],
            ", ".join("%s x%d" % (kind, count) for kind, count in cost["kinds"]) or "-",
            cost["p95_ms"], cost["p99_ms"], cost["recovered_s"]))
    total_failed = sum(1 for row in rows if row["error"])
    lines.append("")
    lines.append("All requests: %d sent, %d failed; p95 %.0f ms, p99 %.0f ms." % (
        len(rows), total_failed, percentile([r["ms"] for r in rows], 0.95), percentile([r["ms"] for r in rows], 0.99)))
    return "\n".join(lines) + "\n"


def chart(rows, windows, path):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("(no timeline: python3-matplotlib is not installed)")
        return
    if not rows:
        return
    start = min(row["ended"] for row in rows)
    seconds = int(max(row["ended"] for row in rows) - start) + 1
    sent, failed = [0] * seconds, [0] * seconds
    for row in rows:
        second = int(row["ended"] - start)
        sent[second] += 1
        failed[second] += 1 if row["error"] else 0
    figure, axes = plt.subplots(figsize=(12, 4))
    axes.plot(range(seconds), sent, label="requests/s", linewidth=0.8)
    axes.bar(range(seconds), failed, color="red", label="failed/s", width=1.0)
    for fault, started, ended, _settled, _done in windows:
        axes.axvspan(started - start, max(ended - start, started - start + 1), color="orange", alpha=0.25)
        axes.text(started - start, max(sent) * 0.95, fault, rotation=90, fontsize=7, va="top")
    axes.set_xlabel("seconds")
    axes.set_ylabel("requests per second")
    axes.legend(loc="upper right")
    axes.set_title("load/chaos: requests and failures per second, faults shaded")
    figure.tight_layout()
    figure.savefig(path, dpi=100)
