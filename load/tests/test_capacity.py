"""load/scale-out's capacity model (library_load.capacity)."""
import unittest

from library_load.capacity import (api_request_count, instance_of_port, requests_per_core, scale_table,
                                   served_share, shares)

METRICS = """# TYPE http_server_requests_seconds_count counter
http_server_requests_seconds_count{method="GET",outcome="SUCCESS",status="200",uri="/api/books"} 120.0
http_server_requests_seconds_count{method="GET",outcome="SUCCESS",status="200",uri="/api/books/{id}"} 30.0
http_server_requests_seconds_count{method="GET",outcome="SUCCESS",status="200",uri="/actuator/prometheus"} 7.0
http_server_requests_seconds_sum{method="GET",outcome="SUCCESS",status="200",uri="/api/books"} 3.5
"""


class RequestCountTest(unittest.TestCase):

    def test_an_instance_served_the_requests_counted_under_api_uris_and_not_its_scrapes(self):
        self.assertEqual(api_request_count(METRICS), 150.0)

    def test_an_instance_without_api_requests_served_none(self):
        self.assertEqual(api_request_count(""), 0.0)


class SharesTest(unittest.TestCase):

    def test_each_instance_s_share_is_what_it_served_between_the_readings_over_all_served(self):
        served = shares({"book-service": 100, "book-service-2": 0}, {"book-service": 400, "book-service-2": 100})

        self.assertEqual(served, {"book-service": 0.75, "book-service-2": 0.25})

    def test_an_instance_that_appeared_between_the_readings_counts_from_zero(self):
        self.assertEqual(shares({"a": 10}, {"a": 20, "b": 30}), {"a": 0.25, "b": 0.75})

    def test_no_request_served_gives_every_instance_a_zero_share(self):
        self.assertEqual(shares({"a": 5}, {"a": 5}), {"a": 0.0})

    def test_a_process_that_is_not_a_book_service_instance_sees_every_request(self):
        self.assertEqual(served_share("gateway", {"book-service": 0}, {"book-service": 10}), 1.0)

    def test_a_book_service_instance_handled_only_its_own_share(self):
        self.assertEqual(served_share("book-service-2", {"book-service": 0, "book-service-2": 0},
                                      {"book-service": 30, "book-service-2": 10}), 0.25)


class CostTest(unittest.TestCase):

    def test_requests_per_core_divide_the_requests_a_process_handled_by_the_cores_it_kept_busy(self):
        self.assertEqual(requests_per_core(1000.0, 0.5, 0.25), 2000.0)

    def test_a_process_that_spent_no_cpu_is_reported_as_zero_requests_per_core(self):
        self.assertEqual(requests_per_core(1000.0, 1.0, 0), 0)

    def test_run_s_book_service_instances_are_named_by_their_port_100_apart(self):
        self.assertEqual([instance_of_port(port) for port in (8082, 8182, 8282)],
                         ["book-service", "book-service-2", "book-service-3"])


class ScaleTableTest(unittest.TestCase):

    def test_a_step_is_one_row_with_its_figures_and_the_share_each_instance_served(self):
        row = {"step": "N=2", "book_service": 2, "gateway": 1, "shares": {"pod-a": 0.5, "pod-b": 0.5},
               "result": {"requests_per_second": 812.34, "p50_ms": 20.0, "p95_ms": 95.55, "failures": 0, "requests": 24370}}

        text = scale_table("title", [row], "share per pod")

        self.assertEqual(text.splitlines(), [
            "title", "",
            "| step | book-service | gateway | requests/s | p50 | p95 | failures | share per pod |",
            "|---|---|---|---|---|---|---|---|",
            "| N=2 | 2 | 1 | 812.3 | 20.0 ms | 95.5 ms | 0 of 24370 | pod-a 50%, pod-b 50% |"])

    def test_a_step_without_shares_shows_a_dash(self):
        row = {"step": "baseline", "book_service": 1, "gateway": 1, "shares": {},
               "result": {"requests_per_second": 1.0, "p50_ms": 1.0, "p95_ms": 1.0, "failures": 0, "requests": 1}}

        self.assertTrue(scale_table("t", [row], "share").splitlines()[-1].endswith("| - |"))


if __name__ == "__main__":
    unittest.main()
