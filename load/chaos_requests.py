"""The Locust scenarios of load/locustfile.py, every request also written to a CSV for load/chaos.

CHAOS_REQUESTS names the file: one line per request, with the wall-clock second it ended, its
method and name, the HTTP status (0 when none came), the response time in ms, and the error
Locust saw (empty when it succeeded). load/chaos reads it to count, per fault, what was sent and
what failed, and to draw the timeline.
"""
import csv
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from locust import events  # noqa: E402

from locustfile import BooksUser, MixedUser, PingUser  # noqa: E402,F401  (the user classes, by name)

__all__ = ["BooksUser", "MixedUser", "PingUser"]  # Locust finds the user classes here, by name

_file = open(os.environ["CHAOS_REQUESTS"], "w", newline="", buffering=1)
_writer = csv.writer(_file)
_writer.writerow(["ended", "method", "name", "status", "ms", "error"])


@events.request.add_listener
def _record(request_type, name, response_time, response, exception, **_ignored):
    status = getattr(response, "status_code", 0) or 0
    error = "" if exception is None else (type(exception).__name__ + ": " + str(exception))[:120]
    _writer.writerow([f"{time.time():.3f}", request_type, name, status, f"{response_time:.1f}", error])


@events.quitting.add_listener
def _close(**_ignored):
    _file.flush()
