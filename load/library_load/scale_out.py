"""load/scale-out: throughput and p95 of book pages through the gateway as book-service is scaled out.

Against the cluster in the current kubeconfig (default):
  1. checks there is a cluster and a Library (refuses to run, saying why, otherwise);
  2. signs a fresh test user up and in through the gateway, and checks that the gateway's rate
     limit will not cap the test (it answers 429 at 50 requests/s per user by default);
  3. a baseline at the current replicas with load/bench's method: wrk -t2 at fixed concurrency,
     a warm-up that is thrown away, then the measured run;
  4. for each N of --replicas (default 1,2,3): `kubectl scale library/<name> --replicas=N` (the
     Library's scale subresource scales book-service), waits until N book-service pods are ready
     and every one of them serves requests of the warm-up load, then measures;
  5. puts the replicas back as they were, and prints a table of requests/s, p50, p95 and the share
     of requests each pod served, per N.
--gateway-replicas G also sets the gateway's replicas (spec.gateway.replicas) for the whole run.

--local runs the same measurement without a cluster: ./run --book-service-instances N for each N
of --instances (default 1,2), everything on this machine, and adds each process's CPU and memory.

--dry-run prints every command it would run (kubectl, wrk, ./run) and the HTTP calls it would
make, and runs none of them. The token is passed to wrk in the environment (load/wrk-token.lua),
never on a command line. See docs/scale-out.md.
"""
import argparse
import json
import os
import re
import resource
import shlex
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
from library_load.capacity import (LOCAL_INSTANCE_PORT_STEP, api_request_count, instance_name, instance_of_port,
                                   requests_per_core, scale_table, served_share, shares)
from library_load.net import port_in_use
from library_load.results import wrk_report
from library_load.stack import (STACK_READY_LINE, STACK_START_TIMEOUT_SECONDS, UNLIMITED_ENVIRONMENT, children,
                                stack_ports)
BOOK_PAGE = "/api/books?page=3&size=20"
WRK_TIMEOUT = "10s"
WRK_SCRIPT = LOAD / "wrk-token.lua"
BOOK_SERVICE_MANAGEMENT_PORT = 9082
METRICS_PATH = "/actuator/prometheus"
NAME = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
MAX_REPLICAS = 20
MAX_LOCAL_INSTANCES = 4
READY_TIMEOUT_SECONDS = 600
TRAFFIC_TIMEOUT_SECONDS = 180
RATE_LIMIT_PROBE_REQUESTS = 150
SIGN_IN_ATTEMPTS = 5
# Local mode: the gateway's abuse limits out of the way, as load/bench does (a capacity test), and
# its 5 s response time-out raised so that sign-ins (Argon2) on a busy machine do not end in 504.
LOCAL_STACK_ENVIRONMENT = {
    "LIBRARY_GATEWAY_RESPONSE_TIMEOUT": "30s",
    **UNLIMITED_ENVIRONMENT,
}
LOCAL_GATEWAY = "http://127.0.0.1:8080"
LOCAL_PORTS = tuple(stack_ports().values())


class Refusal(Exception):
    """The run cannot go on; the message says why and what to do."""


def main(argv=None):
    options = parse_arguments(argv)
    shell = Shell(options.dry_run)
    scale_out = LocalScaleOut(options, shell) if options.local else ClusterScaleOut(options, shell)
    try:
        scale_out.run()
    except Refusal as refusal:
        print(f"load/scale-out: {refusal}", file=sys.stderr)
        return 3
    except subprocess.CalledProcessError as error:
        print(f"load/scale-out: {shlex.join(error.cmd)} failed (exit {error.returncode}): "
              f"{(error.stderr or '').strip()}", file=sys.stderr)
        return 1
    finally:
        scale_out.close()
    return 0


def counts(text, name):
    try:
        values = [int(value) for value in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"{name} takes numbers separated by commas, not '{text}'")
    return values


def parse_arguments(argv):
    parser = argparse.ArgumentParser(prog="load/scale-out", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--namespace", default="library", help="the Library's namespace (default library)")
    parser.add_argument("--name", default="library", help="the Library's name (default library)")
    parser.add_argument("--context", help="kubeconfig context (default: the current one)")
    parser.add_argument("--url", help="the gateway's URL through the ingress (default: the Library's status.gatewayUrl)")
    parser.add_argument("--replicas", default="1,2,3", help="book-service replicas to measure, in order (default 1,2,3)")
    parser.add_argument("--gateway-replicas", type=int, help="set the gateway's replicas to this for the run")
    parser.add_argument("--local", action="store_true", help="measure ./run on this machine instead of a cluster")
    parser.add_argument("--instances", default="1,2", help="--local: book-service instances to measure (default 1,2)")
    parser.add_argument("--seed", type=int, default=1000, help="--local: books to create first (default 1000)")
    parser.add_argument("--data-dir", default=str(HOME / ".data" / "scale-out"),
                        help="--local: the stack's data directory (default .data/scale-out)")
    parser.add_argument("--connections", type=int, default=50, help="wrk connections (default 50, as load/bench)")
    parser.add_argument("--stack-warmup", type=int, default=120,
                        help="--local: seconds of load after each start, while the JIT compilers work (default 120)")
    parser.add_argument("--warmup", type=int, default=30, help="seconds of load before each measurement (default 30)")
    parser.add_argument("--duration", type=int, default=30, help="seconds measured per step (default 30)")
    parser.add_argument("--keep", action="store_true", help="leave the last replica count in place at the end")
    parser.add_argument("--dry-run", action="store_true", help="print every command, run none")
    options = parser.parse_args(argv)
    try:
        options.replicas = counts(options.replicas, "--replicas")
        options.instances = counts(options.instances, "--instances")
    except argparse.ArgumentTypeError as error:
        parser.error(str(error))
    if any(not 1 <= n <= MAX_REPLICAS for n in options.replicas):
        parser.error(f"--replicas must each be from 1 to {MAX_REPLICAS}")
    if any(not 1 <= n <= MAX_LOCAL_INSTANCES for n in options.instances):
        parser.error(f"--instances must each be from 1 to {MAX_LOCAL_INSTANCES} (what ./run starts)")
    if options.gateway_replicas is not None and not 1 <= options.gateway_replicas <= MAX_REPLICAS:
        parser.error(f"--gateway-replicas must be from 1 to {MAX_REPLICAS}")
    for flag in ("namespace", "name"):
        if not NAME.match(getattr(options, flag)):
            parser.error(f"--{flag} must be a Kubernetes name (lower-case letters, digits, '-'), "
                         f"not '{getattr(options, flag)}'")
    if options.url and not re.match(r"^https?://[^\s/]+", options.url):
        parser.error(f"--url must be an http:// or https:// URL, not '{options.url}'")
    for flag, minimum in (("connections", 1), ("duration", 1), ("warmup", 0), ("stack_warmup", 0), ("seed", 0)):
        if getattr(options, flag) < minimum:
            parser.error(f"--{flag.replace('_', '-')} must be at least {minimum}")
    if options.local and (options.url or options.context or options.gateway_replicas):
        parser.error("--local measures ./run on this machine: --url, --context and --gateway-replicas "
                     "belong to a cluster run")
    return options


# ---------------------------------------------------------------------------------------------- commands

class Shell:
    """Runs commands, printing each first; in a dry run only prints them."""

    def __init__(self, dry_run):
        self.dry_run = dry_run

    def say(self, text):
        print(text, flush=True)

    def http(self, description):
        """An HTTP call made from Python: printed in a dry run, so the plan is complete."""
        if self.dry_run:
            print(f"# http: {description}", flush=True)

    def run(self, command, placeholder="", check=True, env=None):
        print("$ " + shlex.join(command), flush=True)
        if self.dry_run:
            return placeholder
        result = subprocess.run(command, capture_output=True, text=True, env=env)
        if check and result.returncode != 0:
            raise subprocess.CalledProcessError(result.returncode, command, result.stdout, result.stderr)
        return result.stdout.strip()

    def background(self, command, env=None):
        print("$ " + shlex.join(command) + " &", flush=True)
        if self.dry_run:
            return None
        return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)


def wrk_command(connections, seconds, url):
    return ["wrk", "-t2", f"-c{connections}", "--timeout", WRK_TIMEOUT, f"-d{seconds}s", "-s", str(WRK_SCRIPT), url]


table = scale_table


def measure(shell, options, url, token):
    """load/bench's method: a measured wrk run at fixed concurrency (the warm-up is the caller's)."""
    env = {**os.environ, "TOKEN": token or ""}
    output = shell.run(wrk_command(options.connections, options.duration, url), env=env)
    if shell.dry_run:
        return None
    return wrk_report(output)


def http_json(method, url, body=None, token=None):
    try:
        return net.http_json(method, url, body, token)
    except (urllib.error.URLError, OSError) as error:
        raise Refusal(f"cannot reach the gateway at {url}: {error}")


def sign_in(shell, gateway):
    """A fresh user of the API and its access token (its password is generated and never printed)."""
    shell.http(f"POST {gateway}/api/auth/signup and /api/auth/login: a fresh test user, password generated in memory")
    if shell.dry_run:
        return None
    return net.sign_in(gateway, "scale-out", attempts=SIGN_IN_ATTEMPTS, error=Refusal, request=http_json)


def check_rate_limit(shell, gateway, token):
    shell.http(f"GET {gateway}{BOOK_PAGE} x{RATE_LIMIT_PROBE_REQUESTS}, at once: a 429 means the gateway's "
               "rate limit would cap the test")
    if shell.dry_run:
        return
    statuses = []
    threads = [threading.Thread(target=lambda: statuses.append(http_json("GET", gateway + BOOK_PAGE, token=token)[0]))
               for _ in range(RATE_LIMIT_PROBE_REQUESTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if 429 in statuses:
        raise Refusal("the gateway answered 429: its rate limit (50 requests/s per user by default) would cap "
                      "this test. Raise library.gateway.rate-limit.default-limit for the test (see "
                      "docs/scale-out.md, 'Before you start') and run again.")


# ---------------------------------------------------------------------------------------------- a cluster

class ClusterScaleOut:

    def __init__(self, options, shell):
        self.options = options
        self.shell = shell
        self.kubectl = ["kubectl"] + (["--context", options.context] if options.context else []) + \
            ["--namespace", options.namespace]
        self.library = f"library/{options.name}"
        self.selector = (f"app.kubernetes.io/name=book-service,app.kubernetes.io/instance={options.name}")
        self.initial = None
        self.initial_gateway = None
        self.warmup = None

    def run(self):
        options, shell = self.options, self.shell
        self.preflight()
        gateway = (options.url or self.gateway_url()).rstrip("/")
        url = gateway + BOOK_PAGE
        token = sign_in(shell, gateway)
        check_rate_limit(shell, gateway, token)
        self.initial = shell.run(self.kubectl + ["get", self.library, "--subresource=scale",
                                                 "-o", "jsonpath={.spec.replicas}"], placeholder="1")
        self.initial_gateway = shell.run(self.kubectl + ["get", self.library, "-o",
                                                         "jsonpath={.spec.gateway.replicas}"], placeholder="1")
        if options.gateway_replicas:
            self.set_gateway_replicas(options.gateway_replicas)
        rows = [self.step("baseline", None, url, token)]
        for replicas in options.replicas:
            rows.append(self.step(f"N={replicas}", replicas, url, token))
        print()
        print(table(f"load/scale-out: GET {BOOK_PAGE} through {gateway}, wrk -t2 -c{options.connections}, "
                    f"{options.warmup} s warm-up, {options.duration} s measured", rows, "share per pod")
              if rows[0]["result"] else "(dry run: no figures)")

    def preflight(self):
        shell = self.shell
        if not shell.dry_run and not shutil.which("kubectl"):
            raise Refusal("kubectl is not installed: it needs a cluster through kubectl (or use --local).")
        context = self.options.context
        try:
            if not context:
                context = shell.run(["kubectl", "config", "current-context"], placeholder="<current-context>")
            shell.run(self.kubectl + ["version", "--request-timeout=10s", "-o", "json"])
        except subprocess.CalledProcessError as error:
            reason = (error.stderr or "").strip().splitlines()
            raise Refusal("no cluster to scale: " + (reason[-1] if reason else f"{error.cmd[1]} failed") +
                          ". Point kubectl at a cluster (KUBECONFIG, --context) where the chart is installed "
                          "(docs/deploy-ec2-k3s.md), or measure this machine with --local.")
        try:
            shell.run(self.kubectl + ["get", self.library, "-o", "name"])
        except subprocess.CalledProcessError:
            raise Refusal(f"context {context} has no {self.library} in namespace {self.options.namespace}: "
                          "install the chart (helm install library helm/library) or pass --name/--namespace.")
        if not shell.dry_run and not shutil.which("wrk"):
            raise Refusal("wrk is not installed (apt-get install wrk).")

    def gateway_url(self):
        url = self.shell.run(self.kubectl + ["get", self.library, "-o", "jsonpath={.status.gatewayUrl}"],
                             placeholder="<status.gatewayUrl>")
        if not url:
            raise Refusal(f"{self.library} has no status.gatewayUrl (no ingress?): pass the gateway's URL with --url.")
        return url

    def set_gateway_replicas(self, replicas):
        patch = json.dumps({"spec": {"gateway": {"replicas": int(replicas)}}})
        self.shell.run(self.kubectl + ["patch", self.library, "--type", "merge", "-p", patch])
        self.wait_ready("app.kubernetes.io/name=gateway,app.kubernetes.io/instance=" + self.options.name, int(replicas))

    def step(self, label, replicas, url, token):
        options, shell = self.options, self.shell
        print(f"\n== {label}", flush=True)
        if replicas is not None:
            shell.run(self.kubectl + ["scale", self.library, f"--replicas={replicas}"])
        pods = self.wait_ready(self.selector, replicas)
        # Warm-up load that lasts until every pod has taken traffic (a new pod may wait up to the
        # gateway's connection lifetime for it), and at least --warmup seconds.
        started = time.time()
        self.warmup = shell.background(wrk_command(options.connections, options.warmup + TRAFFIC_TIMEOUT_SECONDS, url),
                                       env={**os.environ, "TOKEN": token or ""})
        self.wait_for_traffic(pods)
        if self.warmup:
            time.sleep(max(0.0, options.warmup - (time.time() - started)))
            self.warmup.terminate()
            self.warmup.wait()
        before = self.request_counts(pods)
        result = measure(shell, options, url, token)
        after = self.request_counts(pods)
        gateway_pods = shell.run(self.kubectl + ["get", "pods", "-l",
                                                 f"app.kubernetes.io/name=gateway,app.kubernetes.io/instance={options.name}",
                                                 "-o", "name"], placeholder="<gateway pods>")
        return {"step": label, "book_service": len(pods), "gateway": len(gateway_pods.split()),
                "result": result, "shares": shares(before, after) if result else {}}

    def wait_ready(self, selector, replicas):
        """Until exactly `replicas` pods match (none terminating) and all are ready; their names."""
        shell = self.shell
        command = self.kubectl + ["get", "pods", "-l", selector, "-o",
                                  "jsonpath={range .items[*]}{.metadata.name} {.metadata.deletionTimestamp} "
                                  "{.status.conditions[?(@.type==\"Ready\")].status}{\"\\n\"}{end}"]
        if shell.dry_run:
            shell.run(command)
            print(f"# repeat until {replicas or 'the current number of'} pods are Ready and none is terminating", flush=True)
            return [f"<pod-{i}>" for i in range(1, (replicas or 1) + 1)]
        deadline = time.time() + READY_TIMEOUT_SECONDS
        while True:
            lines = [line.split() for line in shell.run(command).splitlines() if line.strip()]
            ready = [fields[0] for fields in lines if len(fields) == 2 and fields[1] == "True"]
            if len(ready) == len(lines) and lines and (replicas is None or len(ready) == replicas):
                return ready
            if time.time() > deadline:
                raise Refusal(f"pods '{selector}' not ready after {READY_TIMEOUT_SECONDS} s: "
                              f"{' '.join(' '.join(fields) for fields in lines)}")
            time.sleep(3)

    def request_counts(self, pods):
        counts = {}
        for pod in pods:
            metrics = self.shell.run(self.kubectl + [
                "get", "--raw",
                f"/api/v1/namespaces/{self.options.namespace}/pods/{pod}:{BOOK_SERVICE_MANAGEMENT_PORT}/proxy{METRICS_PATH}"],
                placeholder="")
            counts[pod] = api_request_count(metrics)
        return counts

    def wait_for_traffic(self, pods):
        """Under the warm-up load, until every pod has served requests: a new pod is ready before the
        gateway's recycled connections reach it (see docs/scale-out.md)."""
        first = self.request_counts(pods)
        if self.shell.dry_run:
            print("# repeat until every pod's count has grown; then, after at least --warmup s, stop the warm-up wrk",
                  flush=True)
            return first
        deadline = time.time() + TRAFFIC_TIMEOUT_SECONDS
        while True:
            time.sleep(5)
            now = self.request_counts(pods)
            idle = [pod for pod in pods if now[pod] <= first[pod]]
            if not idle:
                return now
            if time.time() > deadline:
                raise Refusal(f"pods {', '.join(idle)} took no requests within {TRAFFIC_TIMEOUT_SECONDS} s of load")

    def close(self):
        if self.warmup and self.warmup.poll() is None:
            self.warmup.terminate()
        if self.options.keep or self.initial is None:
            return
        print("\nPutting the replicas back as they were ...", flush=True)
        try:
            self.shell.run(self.kubectl + ["scale", self.library, f"--replicas={self.initial or 1}"])
            if self.options.gateway_replicas and self.initial_gateway:
                patch = json.dumps({"spec": {"gateway": {"replicas": int(self.initial_gateway)}}})
                self.shell.run(self.kubectl + ["patch", self.library, "--type", "merge", "-p", patch])
        except subprocess.CalledProcessError as error:
            print(f"load/scale-out: could not restore the replicas: {error.stderr}", file=sys.stderr)


# ---------------------------------------------------------------------------------------------- this machine

class LocalScaleOut:
    """./run --book-service-instances N, for each N, with each process's CPU and memory."""

    def __init__(self, options, shell):
        self.options = options
        self.shell = shell
        self.stack = None

    def run(self):
        options, shell = self.options, self.shell
        if not shell.dry_run:
            if not shutil.which("wrk"):
                raise Refusal("wrk is not installed (apt-get install wrk).")
            busy = [str(port) for port in LOCAL_PORTS if port_in_use(port)]
            if busy:
                raise Refusal(f"ports in use: {', '.join(busy)}: another ./run is up. Stop it, or run this in a "
                              "network namespace of its own: unshare -n sh -c 'ip link set lo up && load/scale-out --local'")
        rows, resources = [], []
        for instances in options.instances:
            print(f"\n== {instances} book-service instance(s)", flush=True)
            self.start(instances)
            try:
                rows.append(self.step(instances, resources))
            finally:
                self.stop()
            if rows[-1]:  # each step's figures as soon as they exist: a later step may fail
                print(table("  so far:", rows[-1:], "share per instance"), flush=True)
                for row in resources:
                    if row[0] == instances:
                        print(f"  {row[1]}: {row[2]:.2f} cores, {row[3]:.0f} MiB, {row[4]:.0f} requests/s per core",
                              flush=True)
        if shell.dry_run:
            print("(dry run: no figures)")
            return
        print()
        print(table(f"load/scale-out --local: GET {BOOK_PAGE} through the gateway of ./run, wrk -t2 "
                    f"-c{options.connections} on the same machine, {options.stack_warmup} s stack warm-up, "
                    f"{options.warmup} s warm-up, {options.duration} s measured", rows, "share per instance"))
        print(f"CPU (cores busy while measured) and resident memory after, per process ({os.cpu_count()} CPUs):\n")
        print("| instances | process | CPU cores | RSS MiB | requests/s per core |")
        print("|---|---|---|---|---|")
        for instances, name, cores, rss, rate in resources:
            print(f"| {instances} | {name} | {cores:.2f} | {rss:.0f} | {rate:.0f} |")

    def start(self, instances):
        command = [str(HOME / "run"), "--data-dir", self.options.data_dir, "--book-service-instances", str(instances)]
        if self.options.seed:
            command += ["--seed", str(self.options.seed)]
        env = {**os.environ, **LOCAL_STACK_ENVIRONMENT}
        print("$ " + " ".join(f"{k}={v}" for k, v in LOCAL_STACK_ENVIRONMENT.items()) + " " + shlex.join(command) + " &",
              flush=True)
        if self.shell.dry_run:
            print(f"# wait for '{STACK_READY_LINE}'", flush=True)
            return
        log = Path(self.options.data_dir) / f"scale-out-{instances}.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        self.stack = subprocess.Popen(command, env=env, stdout=open(log, "w"), stderr=subprocess.STDOUT,
                                      start_new_session=True)
        deadline = time.time() + STACK_START_TIMEOUT_SECONDS
        while STACK_READY_LINE not in log.read_text(errors="replace"):
            if self.stack.poll() is not None or time.time() > deadline:
                raise Refusal(f"./run did not come up; see {log}")
            time.sleep(1)

    def step(self, instances, resources):
        options, shell = self.options, self.shell
        url = LOCAL_GATEWAY + BOOK_PAGE
        token = sign_in(shell, LOCAL_GATEWAY)
        env = {**os.environ, "TOKEN": token or ""}
        if options.stack_warmup:
            shell.run(wrk_command(options.connections, options.stack_warmup, url), env=env)
        if options.warmup:
            shell.run(wrk_command(options.connections, options.warmup, url), env=env)
        ports = {instance_name(i): 9082 + LOCAL_INSTANCE_PORT_STEP * (i - 1) for i in range(1, instances + 1)}
        for port in ports.values():
            shell.http(f"GET http://127.0.0.1:{port}{METRICS_PATH} before and after: requests served per instance")
        if shell.dry_run:
            measure(shell, options, url, token)
            return None
        processes = stack_processes(self.stack.pid)
        before, cpu_before = local_counts(ports), cpu_seconds(processes)
        children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        result = measure(shell, options, url, token)
        after, cpu_after = local_counts(ports), cpu_seconds(processes)
        children_after = resource.getrusage(resource.RUSAGE_CHILDREN)
        seconds = options.duration
        for pid, name in processes.items():
            cores = (cpu_after[pid] - cpu_before[pid]) / seconds
            rate = requests_per_core(result["requests_per_second"], served_share(name, before, after), cores)
            resources.append((instances, name, cores, rss_mib(pid), rate))
        wrk_cores = ((children_after.ru_utime + children_after.ru_stime)
                     - (children_before.ru_utime + children_before.ru_stime)) / seconds
        resources.append((instances, "wrk (load generator)", wrk_cores, 0, 0))
        print(f"  load average after the measured run (other work on this machine shows here): "
              f"{' '.join(f'{value:.1f}' for value in os.getloadavg())}", flush=True)
        return {"step": f"{instances} instance(s)", "book_service": instances, "gateway": 1,
                "result": result, "shares": shares(before, after)}

    def stop(self):
        if self.stack and self.stack.poll() is None:
            print("Stopping ./run ...", flush=True)
            self.stack.send_signal(signal.SIGTERM)
            try:
                self.stack.wait(90)
            except subprocess.TimeoutExpired:
                os.killpg(self.stack.pid, signal.SIGKILL)
                self.stack.wait()
        self.stack = None

    def close(self):
        self.stop()


def local_counts(ports):
    counts = {}
    for name, port in ports.items():
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{METRICS_PATH}", timeout=10) as response:
            counts[name] = api_request_count(response.read().decode())
    return counts


def stack_processes(launcher_pid):
    """The launcher (with the embedded MongoDB) and its children, named as the stack names them."""
    processes = {launcher_pid: "launcher + embedded MongoDB"}
    for pid, cmdline in children(launcher_pid).items():
        jar = next((part.decode() for part in cmdline if part.endswith(b".jar")), "")
        if jar:
            module = Path(jar).stem
            if module == "book-service":
                try:
                    environ = dict(item.split(b"=", 1) for item in Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
                                   if b"=" in item)
                except OSError:
                    continue
                module = instance_of_port(int(environ.get(b"SERVER_PORT", b"0")))
            processes[pid] = module
        elif b"redis" in cmdline[0]:
            processes[pid] = "redis-server"
    return processes


def cpu_seconds(processes):
    ticks = os.sysconf("SC_CLK_TCK")
    result = {}
    for pid in processes:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        result[pid] = (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
    return result


def rss_mib(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0
