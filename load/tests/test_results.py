"""Reading wrk's and Locust's output (library_load.results)."""
import json
import tempfile
import unittest
from pathlib import Path

from library_load.results import chaos_requests, locust_aggregated, locust_history, ramp_summary, wrk_report

WRK_LINE = {"requests": 3000, "duration_us": 30_000_000, "p50_us": 1500, "p95_us": 9000, "p99_us": 20000,
            "connect_errors": 1, "read_errors": 2, "write_errors": 0, "status_errors": 3, "timeouts": 4}
HISTORY_HEADER = "Timestamp,User Count,Type,Name,Requests/s,Failures/s,50%,95%,Total Failure Count\n"


def written(text, name="file.csv"):
    directory = Path(tempfile.mkdtemp())
    path = directory / name
    path.write_text(text)
    return path


class WrkReportTest(unittest.TestCase):

    def test_the_json_line_wrk_report_lua_prints_last_becomes_requests_per_second_and_milliseconds(self):
        output = "Running 30s test @ http://127.0.0.1:8080/\n  2 threads\n" + json.dumps(WRK_LINE) + "\n"

        report = wrk_report(output)

        self.assertEqual(report["requests_per_second"], 100.0)
        self.assertEqual((report["p50_ms"], report["p95_ms"], report["p99_ms"]), (1.5, 9.0, 20.0))
        self.assertEqual(report["requests"], 3000)

    def test_failures_are_socket_errors_non_2xx_answers_and_time_outs_together(self):
        self.assertEqual(wrk_report(json.dumps(WRK_LINE))["failures"], 10)


class LocustCsvTest(unittest.TestCase):

    def test_the_aggregated_row_of_the_stats_csv_is_the_whole_run(self):
        path = written("Type,Name,Request Count,Failure Count\nGET,/api/ping,5,0\n,Aggregated,12,1\n")

        self.assertEqual(locust_aggregated(path)["Request Count"], "12")

    def test_the_history_keeps_only_aggregated_seconds_with_users_and_a_p95(self):
        path = written(HISTORY_HEADER
                       + "1,0,,Aggregated,0,0,N/A,N/A,0\n"      # before the first user
                       + "2,10,GET,/api/ping,5,0,3,8,0\n"        # one endpoint, not the total
                       + "3,10,,Aggregated,5.5,0,3,8,0\n"
                       + "4,20,,Aggregated,9.0,0,4,12,2\n"
                       + "5,20,,Aggregated,0,0,,,2\n")          # after the last request

        self.assertEqual(locust_history(path), [(10, 5.5, 8.0, 0), (20, 9.0, 12.0, 2)])


class RampSummaryTest(unittest.TestCase):

    AGGREGATED = {"Request Count": "500", "Failure Count": "3"}

    def test_users_within_the_p95_limit_stop_at_the_first_second_over_it(self):
        rows = [(10, 5.0, 100.0, 0), (20, 9.0, 1500.0, 0), (30, 8.0, 200.0, 0)]

        summary = ramp_summary("t", self.AGGREGATED, None, rows, p95_limit_ms=1000)

        self.assertEqual(summary["users_within_p95_limit"], 10)
        self.assertEqual(summary["top_users"], 30)
        self.assertEqual(summary["peak_requests_per_second"], 9.0)

    def test_the_p95_at_the_top_is_that_of_the_last_second_at_the_most_users(self):
        rows = [(10, 5.0, 100.0, 0), (20, 9.0, 300.0, 0), (20, 9.5, 400.0, 0), (15, 7.0, 50.0, 0)]

        self.assertEqual(ramp_summary("t", self.AGGREGATED, None, rows)["p95_ms_at_top"], 400.0)

    def test_a_run_stopped_on_a_failure_reports_the_users_and_the_error_of_that_failure(self):
        summary = ramp_summary("t", self.AGGREGATED, {"users": 480, "error": "timed out"}, [(480, 9.0, 100.0, 1)])

        self.assertEqual((summary["first_failure_users"], summary["failure_error"]), (480, "timed out"))
        self.assertEqual((summary["requests"], summary["failures"]), (500, 3))

    def test_a_run_without_a_failure_leaves_the_failure_columns_empty(self):
        summary = ramp_summary("t", self.AGGREGATED, None, [])

        self.assertEqual((summary["first_failure_users"], summary["failure_error"], summary["top_users"]), ("", "", 0))


class ChaosRequestsTest(unittest.TestCase):

    def test_each_logged_request_has_its_method_and_name_together_and_numbers_as_numbers(self):
        path = written("ended,method,name,status,ms,error\n1000.250,GET,/api/books,0,12.5,ConnectionError: refused\n")

        self.assertEqual(chaos_requests(path), [{"ended": 1000.25, "name": "GET /api/books", "status": 0, "ms": 12.5,
                                                 "error": "ConnectionError: refused"}])


if __name__ == "__main__":
    unittest.main()
