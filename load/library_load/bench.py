"""load/bench: library's load tests in one command, on this machine.

Default mode: starts the local stack (./run, with the gateway's rate limits raised out of the way),
seeds books, starts a stock Spring Cloud Gateway (load/stock-gateway: one route to the same
book-service, no filters) on a spare port, loads both gateways for --stack-warmup seconds while the
JIT compilers work, and measures at fixed concurrency with wrk, each target after its own short warm-up:
  1. ping through the gateway            5. books through the stock gateway
  2. ping straight to book-service       6. books through a plain nginx reverse proxy
  3. books through the gateway, cache on 7. books through the gateway, cache off (stack restarted)
  4. books straight to book-service
then a Locust ramp of mixed, user-shaped load through the gateway. It prints a Markdown table with
requests/s, p50/p95/p99, failures, the ratios of issue #15's goals (cached page and ping, gateway /
direct; our gateway / the stock one; cached page / ping, direct), gateway/nginx and cache on/off,
and per service the start-up time (ready) and the resident memory after the load.

--seed-comparison repeats the seed's experiment instead: the stack pinned to one CPU (Locust on
another), Locust users ramped until the first failed request or --max-users, for the health check
(PingUser) and for book pages (BooksUser).

Each run writes load/results/<timestamp>/: the table (table.md, results.csv), wrk's and Locust's
raw output, Locust's CSV and HTML reports, and a PNG chart of throughput and p95 against users.

With --host the stack is not started: the gateway at that URL is measured (seed it yourself);
--book-url adds the direct and nginx targets. The cache-off target needs the local stack.
Run by a user who can apt-get (root or sudo), it installs what is missing: wrk, nginx,
python3-locust, python3-matplotlib (all Debian packages).
"""
import argparse
import csv
import datetime
import importlib.util
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from library_load import HOME, LOAD
from library_load import net
from library_load.net import free_port, port_in_use
from library_load.results import P95_LIMIT_MS, locust_aggregated, locust_history, ramp_summary, wrk_report
from library_load.stack import (STACK_READY_LINE, STACK_START_TIMEOUT_SECONDS, UNLIMITED_ENVIRONMENT, children,
                                port_offset, resident_mib, stack_ports)
from library_load.tables import figure, milliseconds, ratio_table

PORT_OFFSET = port_offset()
STACK_PORTS = stack_ports(PORT_OFFSET)
GATEWAY_URL = f"http://127.0.0.1:{STACK_PORTS['gateway']}"
BOOK_SERVICE_URL = f"http://127.0.0.1:{STACK_PORTS['book-service']}"
CREDENTIAL_LINES = ("  Admin ", "Log in: ")
STACK_STOP_TIMEOUT_SECONDS = 90
# The bench measures capacity, not the gateway's abuse limits: they go out of the way (see docs/performance.md).
STACK_LOAD_ENVIRONMENT = {
    **UNLIMITED_ENVIRONMENT,
    # The seed comparison ramps to --max-users connections; the 1024 served at once would queue the rest.
    "LIBRARY_GATEWAY_EDGE_MAX_CONNECTIONS": "8192",
    "LIBRARY_AUTH_LOGIN_THROTTLE_MAX_FAILURES_PER_CLIENT": "1000000",
}
PACKAGES = {"wrk": "wrk", "nginx": "nginx", "locust": "python3-locust"}
STOCK_GATEWAY_JAR = LOAD / "stock-gateway" / "target" / "stock-gateway.jar"
PING = "/api/ping"
BOOK_PAGE = "/api/books?page=3&size=20"
WRK_TIMEOUT = "10s"
SIGN_UP_ATTEMPTS = 3
SEED_T2_MICRO = {"ping": "1000 users held", "books": "failures from about 500 users"}
# ./run prints one line per service: "  book-service  http://...   (actuator ..., ready in 7.9 s)".
READY_LINE = re.compile(r"^\s+(\S+)\s+http://\S+\s+\(actuator .*ready in ([0-9.]+) s\)")


def main():
    options = parse_arguments()
    ensure_tools()
    results = HOME / "load" / "results" / datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    results.mkdir(parents=True)
    print(f"Results: {relative(results)}")
    bench = SeedComparison(options, results) if options.seed_comparison else SideBySide(options, results)
    try:
        table = bench.run()
    except (BenchError, subprocess.CalledProcessError) as error:
        print(f"\nload/bench: {error}", file=sys.stderr)
        sys.exit(1)
    finally:
        bench.close()
    (results / "table.md").write_text(table)
    print("\n" + table)
    print(f"Written to {relative(results)}/")


def parse_arguments():
    parser = argparse.ArgumentParser(prog="load/bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", help="measure the gateway at this URL instead of starting the local stack")
    parser.add_argument("--book-url", help="with --host: book-service's own URL, for the direct and nginx targets")
    parser.add_argument("--seed", type=int, default=1000, help="books to create first (local stack; default 1000, 0 for none)")
    parser.add_argument("--connections", type=int, default=50, help="wrk connections per target (default 50)")
    parser.add_argument("--stack-warmup", type=int, help="seconds of load through the gateway after each start of "
                        "the stack, while the JIT compilers work (default 120; 180 with --seed-comparison)")
    parser.add_argument("--warmup", type=int, default=20, help="seconds of load before each measurement (default 20)")
    parser.add_argument("--duration", type=int, default=30, help="seconds measured per target (default 30)")
    parser.add_argument("--users", type=int, default=300, help="Locust mixed-load users at the end of the ramp (default 300)")
    parser.add_argument("--seed-comparison", action="store_true", help="repeat the seed's experiment (see above) instead")
    parser.add_argument("--max-users", type=int, default=2000, help="--seed-comparison: ramp up to this many users (default 2000)")
    parser.add_argument("--ramp-rate", type=float, default=10, help="users started per second in a ramp (default 10)")
    parser.add_argument("--hold", type=int, default=30, help="seconds a ramp stays at its top (default 30)")
    parser.add_argument("--data-dir", default=str(HOME / ".data" / "bench"),
                        help="the local stack's data directory (default .data/bench, kept between runs)")
    options = parser.parse_args()
    if options.book_url and not options.host:
        parser.error("--book-url goes with --host")
    if options.stack_warmup is None:
        options.stack_warmup = 180 if options.seed_comparison else 120
    for name in ("seed", "connections", "stack_warmup", "warmup", "duration", "users", "max_users", "hold"):
        may_be_zero = name in ("seed", "stack_warmup", "warmup", "hold")
        if getattr(options, name) < (0 if may_be_zero else 1):
            parser.error(f"--{name.replace('_', '-')} must be {'zero or more' if may_be_zero else 'at least 1'}")
    if options.ramp_rate <= 0:
        parser.error("--ramp-rate must be a positive number")
    return options


class BenchError(Exception):
    pass


# ---------------------------------------------------------------------------------------------- tools

def ensure_tools():
    """Installs the Debian packages the bench needs when they are missing (and apt-get can)."""
    missing = [package for command, package in PACKAGES.items() if not shutil.which(command)]
    if importlib.util.find_spec("matplotlib") is None:
        missing.append("python3-matplotlib")
    if not missing:
        return
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    if sudo and not shutil.which("sudo"):
        sys.exit(f"load/bench needs: {' '.join(missing)}. Install them with apt-get, as root.")
    print(f"Installing {' '.join(missing)} (apt-get) ...")
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing]):
        if subprocess.run(sudo + command, env=environment, stdout=subprocess.DEVNULL).returncode != 0:
            sys.exit(f"load/bench: could not install {' '.join(missing)}; install them and run again.")
    if "python3-matplotlib" in missing:  # installed while this interpreter ran: start again to import it
        os.execv(sys.executable, [sys.executable, *sys.argv])


def wait_for_port(port, seconds=30):
    net.wait_for_port(port, seconds, BenchError)


def relative(path):
    path = Path(path)
    return path.relative_to(HOME) if path.is_relative_to(HOME) else path


def machine_description():
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "unknown CPU")
    memory_kib = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal"))
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    os_name = next((line.split("=", 1)[1].strip('"') for line in Path("/etc/os-release").read_text().splitlines()
                    if line.startswith("PRETTY_NAME=")), platform.system())
    return (f"{os.cpu_count()} vCPU ({cpu}), {memory_kib / 1024 / 1024:.0f} GiB, {os_name}, "
            f"kernel {platform.release()}, {java}")


# ---------------------------------------------------------------------------------------------- stack

class LocalStack:
    """./run in the background: started with extra environment (and optionally pinned), stopped with Ctrl-C."""

    def __init__(self, data_dir, results, seed):
        self.data_dir = Path(data_dir)
        self.results = results
        self.seed = seed
        self.process = None
        self.ready_seconds = {}

    def start(self, label, extra_environment=None, cpus=None):
        busy = [f"{name} ({port})" for name, port in STACK_PORTS.items() if port_in_use(port)]
        if busy:
            raise BenchError(f"ports in use: {', '.join(busy)}. Stop ./run (or whatever holds them), "
                             "or measure a running stack with --host.")
        command = [str(HOME / "run"), "--data-dir", str(self.data_dir)] + (["--seed", str(self.seed)] if self.seed else [])
        if cpus is not None:
            command = ["taskset", "-c", cpus] + command
        log = self.results / f"stack-{label}.log"
        print(f"Starting the local stack ({label}; log: {relative(log)}) ...")
        self.process = subprocess.Popen(command, env={**os.environ, **STACK_LOAD_ENVIRONMENT, **(extra_environment or {})},
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                        start_new_session=True)
        ready = threading.Event()
        threading.Thread(target=self._copy_output, args=(log, ready), daemon=True).start()
        deadline = time.time() + STACK_START_TIMEOUT_SECONDS
        while not ready.wait(1):
            if self.process.poll() is not None:
                raise BenchError(f"the local stack exited during start-up (code {self.process.returncode}); see {relative(log)}")
            if time.time() > deadline:
                raise BenchError(f"the local stack was not up after {STACK_START_TIMEOUT_SECONDS} s; see {relative(log)}")

    def _copy_output(self, log, ready):
        with open(log, "w", encoding="utf-8") as out:
            for line in self.process.stdout:  # text mode: the seeder's \r progress arrives as lines
                if line.startswith(CREDENTIAL_LINES):  # results may be shared: keep the password out
                    line = next(p for p in CREDENTIAL_LINES if line.startswith(p)).strip() + " (redacted)\n"
                out.write(line)
                out.flush()
                ready_line = READY_LINE.match(line)
                if ready_line:
                    self.ready_seconds[ready_line.group(1)] = float(ready_line.group(2))
                if line.startswith("Seeding books:") and sys.stdout.isatty():
                    print(f"\r  {line.strip()}", end="", flush=True)
                elif line.startswith(("Seeded:", "library is up")):
                    print(f"\r  {line.strip()}", flush=True)
                if line.startswith(STACK_READY_LINE):
                    ready.set()

    def service_pids(self):
        """The services' processes (children of the launcher), by name."""
        pids = {}
        for pid, arguments in children(self.process.pid).items():
            jar = next((a.decode() for a in arguments if a.endswith(b".jar")), None)
            if jar:
                pids[Path(jar).stem] = pid
        return pids

    def admin(self):
        username = os.environ.get("LIBRARY_ADMIN_USERNAME", "admin")
        password = os.environ.get("LIBRARY_ADMIN_PASSWORD") or (self.data_dir / "admin-password").read_text().strip()
        return username, password

    def stop(self):
        if not self.process or self.process.poll() is not None:
            return
        print("Stopping the local stack ...")
        self.process.send_signal(signal.SIGTERM)  # like Ctrl-C: the launcher stops every service
        try:
            self.process.wait(STACK_STOP_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


class Nginx:
    """Debian's nginx as a plain reverse proxy in front of book-service, on a loopback port."""

    CONFIG = """
worker_processes auto;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 4096; }}
http {{
  access_log {dir}/access.log combined buffer=64k flush=5s;
  client_body_temp_path {dir}/temp/body;
  proxy_temp_path {dir}/temp/proxy;
  fastcgi_temp_path {dir}/temp/fastcgi;
  uwsgi_temp_path {dir}/temp/uwsgi;
  scgi_temp_path {dir}/temp/scgi;
  upstream book_service {{
    server {upstream};
    keepalive 64;
  }}
  server {{
    listen 127.0.0.1:{port};
    location / {{
      proxy_pass http://book_service;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_buffers 16 16k;
      proxy_max_temp_file_size 0;
    }}
  }}
}}
"""

    def __init__(self, results, upstream_url):
        self.dir = results / "nginx"
        self.upstream = re.sub(r"^https?://", "", upstream_url).rstrip("/")
        self.port = free_port()
        self.process = None

    def start(self):
        (self.dir / "temp").mkdir(parents=True)
        config = self.dir / "nginx.conf"
        config.write_text(self.CONFIG.format(dir=self.dir, upstream=self.upstream, port=self.port))
        self.process = subprocess.Popen(["nginx", "-p", str(self.dir), "-c", str(config), "-g", "daemon off;"],
                                        stdout=subprocess.DEVNULL, stderr=open(self.dir / "stderr.log", "w"))
        wait_for_port(self.port)
        return f"http://127.0.0.1:{self.port}"

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)  # graceful shutdown
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()


class StockGateway:
    """load/stock-gateway's jar: a stock Spring Cloud Gateway with one route to book-service, on a
    spare port, with the JVM options of the product's gateway when they can be read."""

    def __init__(self, results, book_service_url, java_command):
        self.results = results
        self.book_service = book_service_url
        self.java_command = java_command
        self.port = free_port()
        self.process = None
        self.ready_seconds = None

    def start(self):
        if not STOCK_GATEWAY_JAR.is_file():
            print("Building load/stock-gateway ...")
            subprocess.run([str(HOME / "mvnw"), "-q", "-B", "-DskipTests", "-pl", "load/stock-gateway", "-am", "package"],
                           cwd=HOME, check=True)
        url = f"http://127.0.0.1:{self.port}"
        log = self.results / "stock-gateway.log"
        print(f"Starting the stock gateway on :{self.port} (log: {relative(log)}) ...")
        started = time.time()
        self.process = subprocess.Popen(self.java_command + ["-jar", str(STOCK_GATEWAY_JAR)],
                                        env={**os.environ, "SERVER_PORT": str(self.port), "BOOK_SERVICE_URI": self.book_service},
                                        stdout=open(log, "w"), stderr=subprocess.STDOUT, start_new_session=True)
        while time.time() < started + STACK_START_TIMEOUT_SECONDS:
            if self.process.poll() is not None:
                raise BenchError(f"the stock gateway exited during start-up; see {relative(log)}")
            try:  # ready: it routes a request (any answer from book-service will do)
                urllib.request.urlopen(url + PING, timeout=2).close()
                self.ready_seconds = time.time() - started
                return url
            except urllib.error.HTTPError:
                self.ready_seconds = time.time() - started
                return url
            except OSError:
                time.sleep(0.1)
        raise BenchError(f"the stock gateway did not answer within {STACK_START_TIMEOUT_SECONDS} s; see {relative(log)}")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def java_command_of(pid):
    """The java binary and JVM options a process was started with (everything before -jar)."""
    arguments = [a.decode() for a in Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0") if a]
    if "-jar" not in arguments:
        return ["java"]
    # Not its class-data sharing archive: that file belongs to the gateway's jar.
    return [a for a in arguments[:arguments.index("-jar")] if "SharedArchive" not in a]


# ---------------------------------------------------------------------------------------------- load generators

def sign_in(gateway):
    """TOKEN if set (as in the seed), else a fresh user of the API and its access token."""
    # A just-started auth-service on busy cores may miss the gateway's time-out: signing up is tried again.
    return net.token_or_sign_in(gateway, "bench", password="bench password", attempts=SIGN_UP_ATTEMPTS,
                                error=BenchError)


def wrk_command(token, connections, threads=2, cpus=None):
    command = ["wrk", f"-t{threads}", f"-c{connections}", "--timeout", WRK_TIMEOUT]
    if token:
        command += ["-H", f"Authorization: Bearer {token}"]
    return (["taskset", "-c", cpus] if cpus is not None else []) + command


def redacted(command):
    """A command line as written into results, which may be shared: the bearer token left out."""
    return [re.sub(r"^(Authorization: Bearer ).+", r"\1(redacted)", part) for part in command]


def warm_up(url, token, options, cpus=None):
    """Load that is thrown away: the JVMs compile their hot paths in the first minute or so."""
    if options.warmup:
        print(f"  warm-up {options.warmup} s (wrk) ...", flush=True)
        subprocess.run(wrk_command(token, options.connections, cpus=cpus) + [f"-d{options.warmup}s", url],
                       stdout=subprocess.DEVNULL, check=True)


def warm_up_stack(gateway, options, cpus=None, stock_gateway=None):
    """After a start: ping and book pages through the gateway at once (and book pages through the
    stock gateway, if one runs), so all the JVMs compile their hot paths before anything is
    measured (on two shared cores that takes minutes)."""
    if not options.stack_warmup:
        return
    print(f"Warming up the stack: {options.stack_warmup} s of ping and book pages through the gateway"
          f"{' and book pages through the stock gateway' if stock_gateway else ''} (wrk) ...", flush=True)
    token = sign_in(gateway)
    half = max(1, options.connections // 2)
    loads = [(gateway + PING, None), (gateway + BOOK_PAGE, token)]
    if stock_gateway:
        loads.append((stock_gateway + BOOK_PAGE, token))
    runs = [subprocess.Popen(wrk_command(url_token, half, threads=1, cpus=cpus) + [f"-d{options.stack_warmup}s", url],
                             stdout=subprocess.DEVNULL)
            for url, url_token in loads]
    for run in runs:
        if run.wait() != 0:
            raise BenchError("wrk failed during the warm-up")


def wrk(results, slug, url, token, options):
    """wrk at fixed concurrency: a warm-up (discarded), then the measured run."""
    warm_up(url, token, options)
    command = wrk_command(token, options.connections)
    print(f"  measuring {options.duration} s ...", flush=True)
    run = subprocess.run(command + [f"-d{options.duration}s", "-s", str(LOAD / "wrk-report.lua"), url],
                         capture_output=True, text=True, check=True)
    (results / f"wrk-{slug}.txt").write_text(" ".join(redacted(command)) + f" -d{options.duration}s {url}\n\n" + run.stdout)
    return wrk_report(run.stdout)


def locust(results, prefix, user_class, host, users, spawn_rate, run_time, environment=None, cpus=None,
           stop_on_failure=False):
    """One headless Locust run; returns the aggregated statistics and, if it stopped on a failure, that failure."""
    first_failure = results / f"{prefix}_first_failure.json"
    command = ["locust", "-f", str(LOAD / "locustfile.py"), "--headless", "--host", host, "-u", str(users),
               "-r", str(spawn_rate), "-t", f"{run_time}s", "--csv", str(results / prefix), "--csv-full-history",
               "--html", str(results / f"{prefix}.html"), "--only-summary", "--exit-code-on-error", "0", user_class]
    if cpus is not None:
        command = ["taskset", "-c", cpus] + command
    env = {**os.environ, **(environment or {})}
    if stop_on_failure:
        env["LOAD_STOP_ON_FAILURE"] = str(first_failure)
    print(f"  Locust {user_class}: up to {users} users, {spawn_rate:g} more per second, at most {run_time} s ...", flush=True)
    tcp_counters_reset()
    with open(results / f"{prefix}.log", "w", encoding="utf-8") as log:
        subprocess.run(command, env=env, stdout=log, stderr=subprocess.STDOUT, check=True)
    (results / f"{prefix}_tcp.txt").write_text(tcp_counters())
    aggregated = locust_aggregated(results / f"{prefix}_stats.csv")
    failure = json.loads(first_failure.read_text()) if first_failure.exists() else None
    return aggregated, failure


def tcp_counters_reset():
    if shutil.which("nstat"):
        subprocess.run(["nstat", "-n"], check=False)


def tcp_counters():
    """The kernel's TCP counters that moved since the reset: listen-queue overflows and SYN
    retransmissions explain client time-outs that no server log shows."""
    if not shutil.which("nstat"):
        return "nstat (iproute2) not installed\n"
    return subprocess.run(["nstat"], capture_output=True, text=True).stdout


def history(results, prefix):
    return locust_history(results / f"{prefix}_stats_history.csv")


def chart(path, title, panels):
    """Throughput and p95 latency against users, one panel per Locust run."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(len(panels), 1, figsize=(9, 4 * len(panels)), squeeze=False)
    for axis, (name, rows) in zip(axes[:, 0], panels):
        users = [row[0] for row in rows]
        axis.plot(users, [row[1] for row in rows], ".-", color="tab:blue", markersize=3, linewidth=0.5)
        axis.set_xlabel("users")
        axis.set_ylabel("requests/s", color="tab:blue")
        latency = axis.twinx()
        latency.plot(users, [row[2] for row in rows], ".-", color="tab:red", markersize=3, linewidth=0.5)
        latency.set_ylabel("p95 (ms)", color="tab:red")
        failed = next((row[0] for row in rows if row[3] > 0), None)
        if failed is not None:
            axis.axvline(failed, color="black", linestyle="--", linewidth=1, label=f"first failure ({failed} users)")
            axis.legend(loc="upper left")
        axis.set_title(name)
    figure.suptitle(title)
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)


def print_service(name, service):
    print(f"  {name}: ready in {figure(service['ready_s'], '{:.1f} s')}, "
          f"resident memory {figure(service['rss_mib'], '{:.0f} MiB')}", flush=True)


# ---------------------------------------------------------------------------------------------- tables

def side_by_side_table(options, rows, mixed, services, started, machine):
    """The default mode's Markdown: one row per wrk target, the ratios, the services, the Locust ramp."""
    names = {"ping-gateway": ("`GET /api/ping`", "gateway"),
             "ping-direct": ("`GET /api/ping`", "book-service direct"),
             "books-gateway": (f"`GET {BOOK_PAGE}`", "gateway, cache on"),
             "books-direct": (f"`GET {BOOK_PAGE}`", "book-service direct"),
             "books-stock-gateway": (f"`GET {BOOK_PAGE}`", "stock Spring Cloud Gateway -> book-service"),
             "books-gateway-cache-off": (f"`GET {BOOK_PAGE}`", "gateway, cache off"),
             "books-nginx": (f"`GET {BOOK_PAGE}`", "nginx -> book-service")}
    lines = [f"# load/bench {started:%Y-%m-%d %H:%M}", "",
             f"Machine: {machine}.",
             f"Target: {options.host or 'the local stack (./run, everything on this machine)'}; "
             f"wrk -t2 -c{options.connections}; after each start of the stack {options.stack_warmup} s of load "
             f"through the gateway, then per target {options.warmup} s warm-up and {options.duration} s measured; failures are socket errors, {WRK_TIMEOUT} time-outs and answers other than 2xx/3xx.", "",
             "| request | path | requests/s | p50 | p95 | p99 | failures |",
             "|---|---|---|---|---|---|---|"]
    for slug in names:
        if slug in rows:
            row = rows[slug]
            request, path = names[slug]
            lines.append(f"| {request} | {path} | {row['requests_per_second']:.1f} | {milliseconds(row['p50_ms'])} | "
                         f"{milliseconds(row['p95_ms'])} | {milliseconds(row['p99_ms'])} | "
                         f"{row['failures']} of {row['requests']} |")
    lines += [""] + ratio_table(rows) + [""]
    if services:
        lines += ["| service | ready | resident memory after load |", "|---|---|---|"]
        lines += [f"| {name} | {figure(service['ready_s'], '{:.1f} s')} | {figure(service['rss_mib'], '{:.0f} MiB')} |"
                  for name, service in services.items()]
        lines += ["", "Ready: JVM launch to readiness UP as ./run printed it (auth-service and book-service start "
                  "side by side, then the gateway; goal <= 8 s); the stock gateway: launch to its first routed "
                  "answer, while the stack idled. Resident memory: VmRSS after the wrk targets and the Locust "
                  "ramp (the stock gateway: after its own target; goal <= 256 MiB).", ""]
    lines += [
              f"Locust MixedUser through the gateway, ramped to {options.users} users at {options.ramp_rate:g}/s "
              f"and held {options.hold} s (log in, pages, search, by id, admin writes): "
              f"{int(mixed['Request Count'])} requests, {int(mixed['Failure Count'])} failed, "
              f"{float(mixed['Requests/s']):.1f} requests/s on average, p50 {mixed['50%']} ms, "
              f"p95 {mixed['95%']} ms, p99 {mixed['99%']} ms (chart: locust-mixed.png, report: locust-mixed.html).", ""]
    return "\n".join(lines)


def seed_comparison_table(options, outcomes, started, machine, where, client_timeout):
    """--seed-comparison's Markdown: one row per ramp, beside the seed's t2.micro figures."""
    lines = [f"# load/bench --seed-comparison {started:%Y-%m-%d %H:%M}", "",
             f"Machine: {machine}.",
             f"Target: {where}. After {options.stack_warmup} s of load on the started stack and {options.warmup} s "
             f"before each test (wrk), Locust users (each waiting 0.5-1.5 s between requests) are started at "
             f"{options.ramp_rate:g}/s up to {options.max_users}, then held {options.hold} s; the run stops at "
             f"the first failed request (an error answer, or no answer within Locust's "
             f"{client_timeout} s client time-out). Kernel TCP counters per test: "
             f"locust-*_tcp.txt.", "",
             f"| test | seed (t2.micro, 1 vCPU) | this run: first failure | users while p95 <= {P95_LIMIT_MS} ms | "
             "peak requests/s | p95 at the top | requests | failures |",
             "|---|---|---|---|---|---|---|---|"]
    for key, outcome in outcomes.items():
        first_failure = (f"at {outcome['first_failure_users']} users ({outcome['failure_error']})"
                         if outcome["first_failure_users"] else f"none: {outcome['top_users']} users held")
        lines.append(f"| {outcome['title']} | {SEED_T2_MICRO[key]} | {first_failure} | "
                     f"{outcome['users_within_p95_limit']} | {outcome['peak_requests_per_second']:.0f} | "
                     f"{milliseconds(outcome['p95_ms_at_top'])} | {outcome['requests']} | {outcome['failures']} |")
    lines += ["", "Chart: seed-comparison.png; reports: locust-ping.html, locust-books.html.", ""]
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------- the two modes

class SideBySide:
    """Seven targets at fixed concurrency with wrk, then a Locust ramp of mixed load through the gateway."""

    def __init__(self, options, results):
        self.options = options
        self.results = results
        self.stack = None if options.host else LocalStack(options.data_dir, results, options.seed)
        self.nginx = None
        self.stock = None
        self.services = {}  # name -> {"ready_s": ..., "rss_mib": ...}

    def run(self):
        options = self.options
        started = datetime.datetime.now()
        gateway = (options.host or GATEWAY_URL).rstrip("/")
        book_service = (options.book_url or ("" if options.host else BOOK_SERVICE_URL)).rstrip("/")
        stock = None
        if self.stack:
            self.stack.start("cache-on")
        if book_service:
            pids = self.stack.service_pids() if self.stack else {}
            self.stock = StockGateway(self.results, book_service,
                                      java_command_of(pids["gateway"]) if "gateway" in pids else ["java"])
            stock = self.stock.start()
        warm_up_stack(gateway, options, stock_gateway=stock)
        rows = {}
        targets = [("ping-gateway", "1. ping through the gateway", gateway + PING, False)]
        if book_service:
            targets += [("ping-direct", "2. ping direct to book-service", book_service + PING, False)]
        targets += [("books-gateway", "3. books through the gateway, cache on", gateway + BOOK_PAGE, True)]
        if book_service:
            self.nginx = Nginx(self.results, book_service)
            nginx = self.nginx.start()
            targets += [("books-direct", "4. books direct to book-service", book_service + BOOK_PAGE, True),
                        ("books-stock-gateway", "5. books through the stock gateway", stock + BOOK_PAGE, True),
                        ("books-nginx", "6. books through nginx to book-service", nginx + BOOK_PAGE, True)]
        for slug, title, url, authenticated in targets:
            print(f"{title}: {url}")
            rows[slug] = wrk(self.results, slug, url, sign_in(gateway) if authenticated else None, options)
            if slug == "books-stock-gateway":  # measured: its memory after its load, then out of the way
                self.services["stock gateway"] = {"ready_s": self.stock.ready_seconds,
                                                  "rss_mib": resident_mib(self.stock.process.pid)}
                print_service("stock gateway", self.services["stock gateway"])
                self.stock.stop()
        if self.nginx:
            self.nginx.stop()

        mixed_environment = {}
        if self.stack:
            username, password = self.stack.admin()
            mixed_environment = {"LIBRARY_ADMIN_USERNAME": username, "LIBRARY_ADMIN_PASSWORD": password}
        print("Mixed user-shaped load through the gateway:")
        ramp_seconds = int(options.users / options.ramp_rate) + options.hold
        mixed, _ = locust(self.results, "locust-mixed", "MixedUser", gateway, options.users, options.ramp_rate,
                          ramp_seconds, mixed_environment)
        chart(self.results / "locust-mixed.png", "Mixed load through the gateway (Locust)",
              [(f"MixedUser, ramp to {options.users} users", history(self.results, "locust-mixed"))])

        if self.stack:
            for name, pid in self.stack.service_pids().items():  # after the wrk targets and Locust
                self.services[name] = {"ready_s": self.stack.ready_seconds.get(name), "rss_mib": resident_mib(pid)}
                print_service(name, self.services[name])
            self.stack.stop()
            self.stack.start("cache-off", {"LIBRARY_CACHE_ENABLED": "false"})
            warm_up_stack(gateway, options)
            title = "7. books through the gateway, cache off"
            print(f"{title}: {gateway + BOOK_PAGE}")
            rows["books-gateway-cache-off"] = wrk(self.results, "books-gateway-cache-off", gateway + BOOK_PAGE,
                                                  sign_in(gateway), options)
        self._write_csv(rows)
        return side_by_side_table(options, rows, mixed, self.services, started, machine_description())

    def _write_csv(self, rows):
        with open(self.results / "results.csv", "w", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(["target", "requests_per_second", "p50_ms", "p95_ms", "p99_ms", "requests", "failures"])
            for slug, row in rows.items():
                writer.writerow([slug, f"{row['requests_per_second']:.1f}", f"{row['p50_ms']:.1f}",
                                 f"{row['p95_ms']:.1f}", f"{row['p99_ms']:.1f}", row["requests"], row["failures"]])
        with open(self.results / "services.csv", "w", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(["service", "ready_s", "rss_mib_after_load"])
            for name, service in self.services.items():
                writer.writerow([name, figure(service["ready_s"], "{:.1f}"), figure(service["rss_mib"], "{:.0f}")])

    def close(self):
        if self.nginx:
            self.nginx.stop()
        if self.stock:
            self.stock.stop()
        if self.stack:
            self.stack.stop()


class SeedComparison:
    """The seed's experiment: one CPU for the system, users ramped until the first failure."""

    def __init__(self, options, results):
        self.options = options
        self.results = results
        self.stack = None if options.host else LocalStack(options.data_dir, results, options.seed)
        pinned = not options.host and (os.cpu_count() or 1) >= 2
        self.stack_cpus, self.locust_cpus = ("0", "1") if pinned else (None, None)

    def run(self):
        options = self.options
        started = datetime.datetime.now()
        gateway = (options.host or GATEWAY_URL).rstrip("/")
        if self.stack:
            self.stack.start("one-cpu", cpus=self.stack_cpus)
        warm_up_stack(gateway, options, self.locust_cpus)
        ramp_seconds = int(options.max_users / options.ramp_rate) + options.hold
        outcomes = {}
        for key, user_class, title, path in (("ping", "PingUser", "Health check (GET /api/ping)", PING),
                                             ("books", "BooksUser", "Book pages (GET /api/books, JWT)", BOOK_PAGE)):
            print(f"{title} through the gateway:")
            warm_up(gateway + path, sign_in(gateway) if key == "books" else None, options, self.locust_cpus)
            aggregated, failure = locust(self.results, f"locust-{key}", user_class, gateway, options.max_users,
                                         options.ramp_rate, ramp_seconds, cpus=self.locust_cpus, stop_on_failure=True)
            outcomes[key] = ramp_summary(title, aggregated, failure, history(self.results, f"locust-{key}"))
        chart(self.results / "seed-comparison.png", "Seed comparison: users ramped until the first failure",
              [(outcome["title"], outcome["history"]) for outcome in outcomes.values()])
        self._write_csv(outcomes)
        where = ("the local stack (./run) pinned to CPU 0 with taskset, Locust on CPU 1" if self.stack_cpus
                 else options.host or "the local stack, not pinned (fewer than 2 CPUs)")
        return seed_comparison_table(options, outcomes, started, machine_description(), where,
                                     os.environ.get("LOAD_TIMEOUT", "60"))

    def _write_csv(self, outcomes):
        columns = ["first_failure_users", "top_users", "users_within_p95_limit", "peak_requests_per_second",
                   "p95_ms_at_top", "requests", "failures"]
        with open(self.results / "results.csv", "w", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(["test"] + columns)
            for key, outcome in outcomes.items():
                writer.writerow([key] + [outcome[column] for column in columns])

    def close(self):
        if self.stack:
            self.stack.stop()
