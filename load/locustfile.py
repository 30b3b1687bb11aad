"""Locust scenarios for library, through the gateway (Locust 2.12, Debian's python3-locust).

User classes (pick with the class name on the command line):
  PingUser   - GET /api/ping: the seed's health check with no business logic
  BooksUser  - GET /api/books pages with a JWT: the seed's second test
  MixedUser  - a person: thinks 1-5 s between clicks, browses pages, searches, reads books,
               signs in again now and then, and (as admin) sometimes creates, updates and
               deletes one

Tokens: a pool of test users is signed up and signed in when the test starts. BooksUser shares
those sessions (as the seed shared one token), so ramping to thousands of users does not turn
into thousands of password hashes; so does MixedUser, which also signs in again now and then
(about one request in thirty), since a password hash costs the server far more than a read.
Every session is refreshed before its access token expires. With TOKEN set (as in the seed's
.env), every user sends that token instead and nothing is created, which works against any
remote host.

  locust -f load/locustfile.py --host http://localhost:8080 --headless -u 50 -r 10 -t 30s BooksUser

Environment:
  TOKEN                  use this access token; create no users
  LOAD_USERS             size of the test-user pool (default 20)
  LOAD_TIMEOUT           seconds after which a request counts as failed (default 60, as in Locust)
  LOAD_STOP_ON_FAILURE   a file name: on the first failed request, write what failed and how
                         many users were running to it (JSON) and stop the test
  LIBRARY_ADMIN_USERNAME / LIBRARY_ADMIN_PASSWORD
                         MixedUser's writes; without them MixedUser only reads
"""
import itertools
import json
import os
import random
import threading
import time
import uuid

import gevent
import gevent.pool
import locust.stats
from locust import FastHttpUser, between, events, task

TOKEN = os.environ.get("TOKEN")
POOL_SIZE = int(os.environ.get("LOAD_USERS", "20"))
TIMEOUT_SECONDS = float(os.environ.get("LOAD_TIMEOUT", "60"))  # Locust's own default
STOP_ON_FAILURE = os.environ.get("LOAD_STOP_ON_FAILURE")
PASSWORD = "load test password"
REFRESH_MARGIN_SECONDS = 60
SIGN_IN_ATTEMPTS = 60
SET_UP_CONCURRENCY = 2
RETRYABLE_SET_UP_STATUSES = (429, 502, 503, 504)
SEARCH_WORDS = ["silent", "river", "garden", "empire", "machine", "archive", "island", "letters", "tide"]
PAGES = 50
PAGE_SIZE = 20
LOAD_TAG = "load"  # marks the books MixedUser's admin writes create and delete again

# Locust 2.12 flushes its CSV files only every 10 s and not at exit: write through instead, and
# give the writer one more round after the last request (see let_the_csv_writer_catch_up).
locust.stats.CSV_STATS_FLUSH_INTERVAL_SEC = 0

_pool = []          # usernames of the test users
_sessions = []      # their signed-in sessions, shared by BooksUser and MixedUser
_next_user = itertools.count()
_admin = {}


class Session:
    """One signed-in user: an access token, refreshed through whichever client uses it first."""

    def __init__(self, tokens):
        self._lock = threading.Lock()
        self._keep(tokens)

    def _keep(self, tokens):
        self.access_token = tokens["access_token"]
        self.refresh_token = tokens.get("refresh_token")
        self.expires_at = time.time() + tokens.get("expires_in", float("inf"))

    def headers(self, client):
        if self.refresh_token and time.time() > self.expires_at - REFRESH_MARGIN_SECONDS:
            with self._lock:  # one refresh per session: a refresh token is single-use
                if time.time() > self.expires_at - REFRESH_MARGIN_SECONDS:
                    response = client.post("/api/auth/refresh", json={"refresh_token": self.refresh_token},
                                           name="/api/auth/refresh")
                    if response.status_code == 200:
                        self._keep(response.json())
        return {"Authorization": f"Bearer {self.access_token}"}


@events.init.add_listener
def create_user_pool(environment, **_):
    """Signs the pool of test users up and in, once per run, before the run's clock starts (only
    for user classes that send a token, and not when a TOKEN is given)."""
    if not any(getattr(user_class, "signed_in", False) for user_class in environment.user_classes):
        return
    if TOKEN:
        _sessions.append(Session({"access_token": TOKEN}))
        return
    import requests  # Locust depends on it; used here so set-up requests stay out of the statistics

    host = environment.host
    admin, password = os.environ.get("LIBRARY_ADMIN_USERNAME"), os.environ.get("LIBRARY_ADMIN_PASSWORD")
    if admin and password:  # one admin session for the whole run, shared by MixedUser's writes
        _admin["session"] = Session(_post_patiently(requests, host + "/api/auth/login",
                                                    {"username": admin, "password": password}, 200).json())
    run = uuid.uuid4().hex[:6]

    def sign_up_and_in(i):
        credentials = {"username": f"load-{run}-{i}", "password": PASSWORD}
        # 409: an earlier attempt that timed out at the gateway did create the account.
        _post_patiently(requests, host + "/api/auth/signup", credentials, 201, 409)
        session = Session(_post_patiently(requests, host + "/api/auth/login", credentials, 200).json())
        return credentials["username"], session

    # A few at a time: each costs two password hashes, and a cold or small server that gets them
    # all at once answers 504 before it has finished any.
    for username, session in gevent.pool.Pool(SET_UP_CONCURRENCY).imap_unordered(sign_up_and_in, range(POOL_SIZE)):
        _pool.append(username)
        _sessions.append(session)


def _post_patiently(requests, url, body, *expected):
    """POST during set-up, waiting out the gateway's sign-in limit (429 + Retry-After) and a
    server that is still busy (502-504)."""
    for _ in range(SIGN_IN_ATTEMPTS):
        response = requests.post(url, json=body, timeout=30)
        if response.status_code in expected:
            return response
        if response.status_code not in RETRYABLE_SET_UP_STATUSES:
            raise RuntimeError(f"{url} answered {response.status_code}: {response.text}")
        time.sleep(float(response.headers.get("Retry-After") or "1"))
    raise RuntimeError(f"{url} kept answering {response.status_code}")


_environment = None


@events.init.add_listener
def remember_environment(environment, **_):
    global _environment
    _environment = environment


@events.request.add_listener
def stop_on_first_failure(exception, name, **_):
    """With LOAD_STOP_ON_FAILURE: note the user count at the first failure and end the run there."""
    if not STOP_ON_FAILURE or exception is None or os.path.exists(STOP_ON_FAILURE):
        return
    runner = _environment.runner
    with open(STOP_ON_FAILURE, "w", encoding="utf-8") as out:
        json.dump({"users": runner.user_count, "request": name, "error": str(exception)[:300],
                   "time": time.time()}, out)
    gevent.spawn(runner.quit)


@events.quitting.add_listener
def let_the_csv_writer_catch_up(environment, **_):
    """The CSV writer runs once a second on its own; after the last request it must write once more."""
    if getattr(environment.parsed_options, "csv_prefix", None):
        gevent.sleep(locust.stats.CSV_STATS_INTERVAL_SEC + 0.5)


class _LibraryUser(FastHttpUser):
    abstract = True
    wait_time = between(0.5, 1.5)
    network_timeout = TIMEOUT_SECONDS
    connection_timeout = TIMEOUT_SECONDS


class PingUser(_LibraryUser):

    @task
    def ping(self):
        self.client.get("/api/ping")


class BooksUser(_LibraryUser):
    signed_in = True

    def on_start(self):
        self.session = _sessions[next(_next_user) % len(_sessions)]

    @task
    def list_books(self):
        self.client.get(f"/api/books?page={random.randrange(PAGES)}&size={PAGE_SIZE}",
                        headers=self.session.headers(self.client), name="/api/books?page=[n]&size=20")


class MixedUser(_LibraryUser):
    """A person using the API: thinks between clicks, mostly reads, now and then signs in again."""
    signed_in = True

    wait_time = between(1, 5)

    def on_start(self):
        self.session = _sessions[next(_next_user) % len(_sessions)]
        self.admin = _admin.get("session")
        self.pages = 1
        self.seen_ids = []

    @task(1)
    def log_in(self):
        """Signs in again as one of the pool (a new device, say) and goes on with that session."""
        if TOKEN:
            return
        username = _pool[random.randrange(len(_pool))]
        for _ in range(SIGN_IN_ATTEMPTS):
            with self.client.post("/api/auth/login", json={"username": username, "password": PASSWORD},
                                  name="/api/auth/login", catch_response=True) as response:
                if response.status_code == 200:
                    self.session = Session(response.json())
                    return
                if response.status_code != 429:
                    response.failure(f"login answered {response.status_code}")
                    return
                response.success()  # the sign-in limit at work: not a failure; wait as told, then again
                retry_after = float(response.headers.get("Retry-After") or "1")
            time.sleep(retry_after)  # outside the block, so the 429 is reported when it arrives

    def headers(self):
        return self.session.headers(self.client)

    @task(12)
    def browse(self):
        response = self.client.get(f"/api/books?page={random.randrange(self.pages)}&size={PAGE_SIZE}",
                                   headers=self.headers(), name="/api/books?page=[n]&size=20")
        if response.status_code == 200:
            page = response.json()
            self.pages = max(1, page["totalPages"])  # browse only the pages there are
            # Not the load test's own books: another user's admin may delete one before it is read (a right 404).
            self.seen_ids = [book["id"] for book in page["content"]
                             if LOAD_TAG not in book.get("tags", ())] or self.seen_ids

    @task(6)
    def search(self):
        self.client.get(f"/api/books?q={random.choice(SEARCH_WORDS)}", headers=self.headers(),
                        name="/api/books?q=[word]")

    @task(8)
    def read_one(self):
        if self.seen_ids:
            self.client.get(f"/api/books/{random.choice(self.seen_ids)}", headers=self.headers(),
                            name="/api/books/[id]")

    @task(2)
    def write(self):
        if not self.admin:
            return
        admin = self.admin.headers(self.client)
        book = {"title": "Load Test Book", "authors": ["Locust"], "isbn": _random_isbn13(), "publishedYear": 2020,
                "tags": [LOAD_TAG]}
        created = self.client.post("/api/books", json=book, headers=admin, name="/api/books (create)")
        if created.status_code != 201:
            return
        book_id = created.json()["id"]
        book["title"] = "Load Test Book, revised"
        self.client.put(f"/api/books/{book_id}", json=book, headers={**admin, "If-Match": '"1"'},
                        name="/api/books/[id] (update)")
        self.client.delete(f"/api/books/{book_id}", headers=admin, name="/api/books/[id] (delete)")


def _random_isbn13():
    """A valid ISBN-13 in the 979-1 range, which the seeded books never use."""
    digits = f"9791{random.randrange(10**8):08d}"
    check = (10 - sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits)) % 10) % 10
    return digits + str(check)
