#!/usr/bin/env python3
"""Login and refresh latency of auth-service at a fixed number of concurrent clients.

Standard library only. Each client is a thread with its own keep-alive connection and its own
user (created up front). 'login' posts credentials in a loop; 'refresh' walks a refresh-token
chain (each token is good once, so every request uses the token the previous one returned).
Prints throughput and p50/p90/p99 latency; exits non-zero if any request failed.

  python3 load/auth_latency.py --host http://localhost:8081 --clients 20 --seconds 30 --mode login
"""
import argparse
import http.client
import json
import statistics
import sys
import threading
import time
import urllib.parse
import uuid

from library_load.tables import nearest_rank  # load/ is on the path: python3 load/auth_latency.py


def request(conn, path, body):
    payload = json.dumps(body)
    started = time.perf_counter()
    conn.request("POST", path, payload, {"Content-Type": "application/json"})
    response = conn.getresponse()
    data = response.read()
    elapsed = time.perf_counter() - started
    return response.status, data, elapsed


def percentile(values, p):
    return nearest_rank(values, p)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="http://localhost:8081")
    parser.add_argument("--clients", type=int, default=1)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--warmup", type=float, default=5)
    parser.add_argument("--mode", choices=["login", "refresh"], default="login")
    args = parser.parse_args()
    target = urllib.parse.urlparse(args.host)

    def connect():
        return http.client.HTTPConnection(target.hostname, target.port or 80, timeout=30)

    run_id = uuid.uuid4().hex[:6]
    users = []
    setup = connect()
    for i in range(args.clients):
        username, password = f"bench-{run_id}-{i}", "benchmark password"
        status, _, _ = request(setup, "/api/auth/signup", {"username": username, "password": password})
        if status != 201:
            sys.exit(f"signup failed: {status}")
        users.append((username, password))

    latencies, errors = [], []
    lock = threading.Lock()
    measuring = threading.Event()
    stop = threading.Event()

    def client(username, password):
        conn = connect()
        status, data, _ = request(conn, "/api/auth/login", {"username": username, "password": password})
        refresh_token = json.loads(data)["refresh_token"]
        while not stop.is_set():
            if args.mode == "login":
                status, data, elapsed = request(conn, "/api/auth/login", {"username": username, "password": password})
            else:
                status, data, elapsed = request(conn, "/api/auth/refresh", {"refresh_token": refresh_token})
                if status == 200:
                    refresh_token = json.loads(data)["refresh_token"]
            if measuring.is_set():
                with lock:
                    (latencies if status == 200 else errors).append(elapsed if status == 200 else status)
            if status != 200 and args.mode == "refresh":
                break

    threads = [threading.Thread(target=client, args=user, daemon=True) for user in users]
    for thread in threads:
        thread.start()
    time.sleep(args.warmup)
    measuring.set()
    started = time.perf_counter()
    time.sleep(args.seconds)
    measuring.clear()
    elapsed = time.perf_counter() - started
    stop.set()
    for thread in threads:
        thread.join(timeout=30)

    ms = [value * 1000 for value in latencies]
    print(f"mode={args.mode} clients={args.clients} seconds={args.seconds:g} requests={len(ms)} "
          f"errors={len(errors)} throughput={len(ms) / elapsed:.1f}/s "
          f"p50={percentile(ms, 50):.1f}ms p90={percentile(ms, 90):.1f}ms p99={percentile(ms, 99):.1f}ms "
          f"mean={statistics.mean(ms):.1f}ms")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
