"""Locust scenarios for library, through the gateway (Locust 2.12, Debian's python3-locust).

User classes (pick with the class name on the command line):
  PingUser   - GET /api/ping: the seed's health check with no business logic
  BooksUser  - GET /api/books pages with a JWT: the seed's second test
  MixedUser  - log in, browse pages, search, read books, and (as admin) now and then create,
               update and delete one

Tokens: each user logs in as one of a pool of test users created when the test starts, and
refreshes its token before it expires. With TOKEN set (as in the seed's .env), every user sends
that token instead and nothing is created, which works against any remote host.

  locust -f load/locustfile.py --host http://localhost:8080 --headless -u 50 -r 10 -t 30s BooksUser

Environment: TOKEN, LOAD_USERS (pool size, default 20), LIBRARY_ADMIN_USERNAME and
LIBRARY_ADMIN_PASSWORD (MixedUser's writes; without them MixedUser only reads).
"""
import itertools
import os
import random
import threading
import time
import uuid

from locust import HttpUser, between, events, task

TOKEN = os.environ.get("TOKEN")
POOL_SIZE = int(os.environ.get("LOAD_USERS", "20"))
PASSWORD = "load test password"
REFRESH_MARGIN_SECONDS = 60
SEARCH_WORDS = ["silent", "river", "garden", "empire", "machine", "archive", "island", "letters", "tide"]

_pool = []
_next_user = itertools.count()
_lock = threading.Lock()
_admin = {}


@events.test_start.add_listener
def create_user_pool(environment, **_):
    """Signs up the pool of test users once per run (skipped when a TOKEN is given)."""
    if TOKEN:
        return
    import requests  # Locust depends on it

    admin, password = os.environ.get("LIBRARY_ADMIN_USERNAME"), os.environ.get("LIBRARY_ADMIN_PASSWORD")
    if admin and password:  # one admin session for the whole run, shared by MixedUser's writes
        _admin["token"] = _post_patiently(requests, environment.host + "/api/auth/login",
                                          {"username": admin, "password": password}, expected=(200,)).json()["access_token"]
    run = uuid.uuid4().hex[:6]
    for i in range(POOL_SIZE):
        username = f"load-{run}-{i}"
        _post_patiently(requests, environment.host + "/api/auth/signup",
                        {"username": username, "password": PASSWORD}, expected=(201,))
        _pool.append(username)


def _post_patiently(requests, url, body, expected):
    """POST, waiting out the gateway's sign-in rate limit (429 + Retry-After)."""
    for _ in range(60):
        response = requests.post(url, json=body, timeout=30)
        if response.status_code in expected:
            return response
        if response.status_code != 429:
            raise RuntimeError(f"{url} answered {response.status_code}: {response.text}")
        time.sleep(float(response.headers.get("Retry-After", "1")))
    raise RuntimeError(f"{url} stayed rate-limited")


class _SignedInUser(HttpUser):
    abstract = True
    wait_time = between(0.5, 1.5)

    def on_start(self):
        self.access_token = TOKEN
        self.refresh_token = None
        self.expires_at = float("inf")
        if not TOKEN:
            with _lock:
                username = _pool[next(_next_user) % len(_pool)]
            self._login(username, PASSWORD)

    def _login(self, username, password):
        for _ in range(60):
            with self.client.post("/api/auth/login", json={"username": username, "password": password},
                                  name="/api/auth/login", catch_response=True) as response:
                if response.status_code == 429:  # sign-in limit: wait, do not count it as a failure
                    response.success()
                    time.sleep(float(response.headers.get("Retry-After", "1")))
                    continue
                if response.status_code != 200:
                    response.failure(f"login answered {response.status_code}")
                    return
                self._keep(response.json())
                return

    def _keep(self, tokens):
        self.access_token = tokens["access_token"]
        self.refresh_token = tokens["refresh_token"]
        self.expires_at = time.time() + tokens["expires_in"]

    def headers(self):
        if self.refresh_token and time.time() > self.expires_at - REFRESH_MARGIN_SECONDS:
            response = self.client.post("/api/auth/refresh", json={"refresh_token": self.refresh_token},
                                        name="/api/auth/refresh")
            if response.status_code == 200:
                self._keep(response.json())
        return {"Authorization": f"Bearer {self.access_token}"}


class PingUser(HttpUser):
    wait_time = between(0.5, 1.5)

    @task
    def ping(self):
        self.client.get("/api/ping")


class BooksUser(_SignedInUser):

    @task
    def list_books(self):
        self.client.get(f"/api/books?page={random.randint(0, 49)}&size=20", headers=self.headers(),
                        name="/api/books?page=[n]&size=20")


class MixedUser(_SignedInUser):

    def on_start(self):
        super().on_start()
        self.admin_token = _admin.get("token")
        self.seen_ids = []

    @task(6)
    def browse(self):
        response = self.client.get(f"/api/books?page={random.randint(0, 49)}&size=20", headers=self.headers(),
                                   name="/api/books?page=[n]&size=20")
        if response.status_code == 200:
            self.seen_ids = [book["id"] for book in response.json()["content"]] or self.seen_ids

    @task(3)
    def search(self):
        self.client.get(f"/api/books?q={random.choice(SEARCH_WORDS)}", headers=self.headers(),
                        name="/api/books?q=[word]")

    @task(4)
    def read_one(self):
        if self.seen_ids:
            self.client.get(f"/api/books/{random.choice(self.seen_ids)}", headers=self.headers(),
                            name="/api/books/[id]")

    @task(1)
    def write(self):
        if not self.admin_token:
            return
        admin = {"Authorization": f"Bearer {self.admin_token}"}
        digits = f"9791{random.randint(0, 10**8 - 1):08d}"
        isbn = digits + str((10 - sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits)) % 10) % 10)
        book = {"title": "Load Test Book", "authors": ["Locust"], "isbn": isbn, "publishedYear": 2020,
                "tags": ["load"]}
        created = self.client.post("/api/books", json=book, headers=admin, name="/api/books (create)")
        if created.status_code != 201:
            return
        book_id = created.json()["id"]
        book["title"] = "Load Test Book, revised"
        self.client.put(f"/api/books/{book_id}", json=book, headers={**admin, "If-Match": '"1"'},
                        name="/api/books/[id] (update)")
        self.client.delete(f"/api/books/{book_id}", headers=admin, name="/api/books/[id] (delete)")
