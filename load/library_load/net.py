"""Loopback HTTP and ports: the helpers every load tool needs."""
import json
import os
import socket
import time
import urllib.error
import urllib.request
import uuid

# Statuses a busy or just-started stack answers before it can sign a user up: wait, then again.
RETRIED_STATUSES = (429, 500, 502, 503, 504)


def port_in_use(port, host="127.0.0.1"):
    with socket.socket() as probe:
        return probe.connect_ex((host, port)) == 0


def wait_for_port(port, seconds=30, error=RuntimeError):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if port_in_use(port):
            return
        time.sleep(0.1)
    raise error(f"nothing listens on port {port} after {seconds} s")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def parse_json(data):
    """A body as JSON; None when empty or not JSON (an error page of a proxy, say)."""
    try:
        return json.loads(data or b"null")
    except ValueError:
        return None


def http_json(method, url, body=None, token=None, timeout=30):
    """(status, parsed JSON body) of one request; an error status is an answer, not an exception.
    Connection failures raise OSError (urllib.error.URLError is one)."""
    request = urllib.request.Request(url, method=method, data=json.dumps(body).encode() if body else None,
                                     headers={"Content-Type": "application/json", "Accept": "application/json"})
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, parse_json(response.read())
    except urllib.error.HTTPError as error:
        return error.code, parse_json(error.read())


def sign_in(gateway, username_prefix, password=None, attempts=5, error=RuntimeError, request=http_json):
    """Signs a fresh user of the API up and in through the gateway; its access token. A busy stack
    may answer 429 or 5xx: each call is tried again, up to `attempts` times, waiting 1, 2, 4 ... s."""
    credentials = {"username": f"{username_prefix}-{uuid.uuid4().hex[:8]}", "password": password or uuid.uuid4().hex}
    body = None
    for path, expected in (("/api/auth/signup", (201, 409)), ("/api/auth/login", (200,))):
        for attempt in range(attempts):
            status, body = request("POST", gateway + path, credentials)
            if status in expected or status not in RETRIED_STATUSES:
                break
            if attempt + 1 < attempts:
                time.sleep(2 ** attempt)
        if status not in expected:
            raise error(f"{path} through {gateway} answered {status}: {body}")
    return body["access_token"]


def token_or_sign_in(gateway, username_prefix, **options):
    """TOKEN from the environment if set (as in the seed's experiment), else a fresh user's token."""
    return os.environ.get("TOKEN") or sign_in(gateway, username_prefix, **options)
