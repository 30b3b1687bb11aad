"""load/chaos's accounting per fault (library_load.chaos)."""
import unittest

from library_load.chaos import fault_accounting, summarize


def request(ended, ms=10.0, status=200, error=""):
    return {"ended": ended, "name": "GET /api/books", "status": status, "ms": ms, "error": error}


ROWS = [request(99.0, ms=1.0, status=502, error="HTTPError: before the fault"),
        request(100.0), request(101.0, status=502, error="HTTPError: 502 Bad Gateway"),
        request(102.0, status=0, error="ConnectionRefusedError: [Errno 111]"),
        request(103.5, status=502, error="HTTPError: 502"), request(110.0, ms=500.0),
        request(120.0, status=0, error="after the window")]
WINDOW = ("roll-book-service", 100.0, 105.0, 120.0, True)


class FaultAccountingTest(unittest.TestCase):

    def test_a_fault_counts_the_requests_that_ended_from_its_start_until_it_settled(self):
        cost = fault_accounting(ROWS, WINDOW)

        self.assertEqual((cost["sent"], cost["failed"]), (5, 3))

    def test_failures_are_grouped_by_status_and_error_type_most_frequent_first(self):
        self.assertEqual(fault_accounting(ROWS, WINDOW)["kinds"], [("502 HTTPError", 2), ("ConnectionRefusedError", 1)])

    def test_the_time_to_recover_runs_from_the_fault_s_start_to_its_last_failure(self):
        self.assertEqual(fault_accounting(ROWS, WINDOW)["recovered_s"], 3.5)

    def test_a_fault_nobody_noticed_recovered_at_once(self):
        cost = fault_accounting([request(101.0)], WINDOW)

        self.assertEqual((cost["failed"], cost["kinds"], cost["recovered_s"]), (0, [], 0.0))

    def test_the_percentiles_are_of_the_requests_inside_the_window(self):
        cost = fault_accounting(ROWS, WINDOW)

        self.assertEqual((cost["p95_ms"], cost["p99_ms"]), (500.0, 500.0))


class SummaryTest(unittest.TestCase):

    def test_each_fault_is_one_row_and_a_fault_whose_ctl_failed_says_so(self):
        lines = summarize(ROWS, [WINDOW, ("kill-book-service-2", 130.0, 131.0, 150.0, False)]).splitlines()

        self.assertEqual(lines[2], "| roll-book-service | 5 | 5 | 3 | 502 HTTPError x2, ConnectionRefusedError x1 "
                                   "| 500 | 500 | 3.5 |")
        self.assertEqual(lines[3], "| kill-book-service-2 (ctl failed) | 1 | 0 | 0 | - | 0 | 0 | 0.0 |")

    def test_the_last_line_sums_up_every_request_of_the_run(self):
        self.assertEqual(summarize(ROWS, [WINDOW]).splitlines()[-1],
                         "All requests: 7 sent, 5 failed; p95 500 ms, p99 500 ms.")


if __name__ == "__main__":
    unittest.main()
