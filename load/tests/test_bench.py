"""load/bench's tables (library_load.bench): rendered from the figures alone, no stack needed."""
import datetime
import types
import unittest

from library_load.bench import seed_comparison_table, side_by_side_table

OPTIONS = types.SimpleNamespace(host=None, connections=50, stack_warmup=120, warmup=20, duration=30, users=300,
                                ramp_rate=10.0, hold=30, max_users=2000)
STARTED = datetime.datetime(2026, 1, 2, 3, 4)
MIXED = {"Request Count": "100", "Failure Count": "1", "Requests/s": "12.34", "50%": "5", "95%": "40", "99%": "90"}


def measured(requests_per_second, p95_ms=150.0):
    return {"requests_per_second": requests_per_second, "p50_ms": 2.5, "p95_ms": p95_ms, "p99_ms": 300.0,
            "requests": 1000, "failures": 2}


class SideBySideTableTest(unittest.TestCase):

    def test_only_the_measured_targets_get_a_row_in_the_fixed_order(self):
        rows = {"books-gateway": measured(700.0), "ping-gateway": measured(900.0)}

        lines = side_by_side_table(OPTIONS, rows, MIXED, {}, STARTED, "M").splitlines()

        target_rows = [line for line in lines if line.startswith("| `GET")]
        self.assertEqual(target_rows, [
            "| `GET /api/ping` | gateway | 900.0 | 2.5 ms | 150 ms | 300 ms | 2 of 1000 |",
            "| `GET /api/books?page=3&size=20` | gateway, cache on | 700.0 | 2.5 ms | 150 ms | 300 ms | 2 of 1000 |"])

    def test_the_heading_names_the_time_and_the_machine(self):
        lines = side_by_side_table(OPTIONS, {}, MIXED, {}, STARTED, "2 vCPU (x)").splitlines()

        self.assertEqual(lines[:3], ["# load/bench 2026-01-02 03:04", "", "Machine: 2 vCPU (x)."])

    def test_the_services_table_appears_only_when_services_were_measured(self):
        services = {"gateway": {"ready_s": 7.46, "rss_mib": 300.2}, "stock gateway": {"ready_s": None, "rss_mib": 200.0}}

        with_services = side_by_side_table(OPTIONS, {}, MIXED, services, STARTED, "M")
        without = side_by_side_table(OPTIONS, {}, MIXED, {}, STARTED, "M")

        self.assertIn("| gateway | 7.5 s | 300 MiB |\n| stock gateway | n/a | 200 MiB |", with_services)
        self.assertNotIn("| service | ready |", without)

    def test_the_locust_ramp_is_summed_up_from_its_aggregated_row(self):
        text = side_by_side_table(OPTIONS, {}, MIXED, {}, STARTED, "M")

        self.assertIn("100 requests, 1 failed, 12.3 requests/s on average, p50 5 ms, p95 40 ms, p99 90 ms", text)


class SeedComparisonTableTest(unittest.TestCase):

    def outcome(self, first_failure_users, failure_error=""):
        return {"title": "Health check", "first_failure_users": first_failure_users, "failure_error": failure_error,
                "top_users": 2000, "users_within_p95_limit": 1500, "peak_requests_per_second": 812.6,
                "p95_ms_at_top": 1234.0, "requests": 90000, "failures": 1}

    def test_a_ramp_that_failed_says_at_how_many_users_and_why_beside_the_seed_s_figure(self):
        text = seed_comparison_table(OPTIONS, {"ping": self.outcome(1800, "timed out")}, STARTED, "M", "here", "60")

        self.assertIn("| Health check | 1000 users held | at 1800 users (timed out) | 1500 | 813 | 1234 ms | 90000 | 1 |",
                      text)

    def test_a_ramp_without_a_failure_says_how_many_users_it_held(self):
        text = seed_comparison_table(OPTIONS, {"books": self.outcome("")}, STARTED, "M", "here", "60")

        self.assertIn("| failures from about 500 users | none: 2000 users held |", text)


if __name__ == "__main__":
    unittest.main()
