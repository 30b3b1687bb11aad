"""Figures, ratios and percentiles as the load tools print them (library_load.tables)."""
import unittest

from library_load.tables import figure, milliseconds, nearest_rank, percentile, ratio, ratio_table


def measured(requests_per_second):
    return {"requests_per_second": requests_per_second}


class FiguresTest(unittest.TestCase):

    def test_milliseconds_below_100_keep_one_decimal_and_from_100_none(self):
        self.assertEqual((milliseconds(9.94), milliseconds(99.9), milliseconds(100.4)), ("9.9 ms", "99.9 ms", "100 ms"))

    def test_a_figure_not_measured_prints_as_n_a(self):
        self.assertEqual((figure(None, "{:.1f} s"), figure(7.25, "{:.1f} s")), ("n/a", "7.2 s"))


class RatioTest(unittest.TestCase):

    def test_a_ratio_is_requests_per_second_over_requests_per_second_with_two_decimals(self):
        self.assertEqual(ratio(measured(700.0), measured(800.0)), "0.88")

    def test_a_ratio_with_either_side_not_measured_is_n_a(self):
        self.assertEqual((ratio(None, measured(1.0)), ratio(measured(1.0), None)), ("n/a", "n/a"))

    def test_the_ratio_table_states_each_goal_of_issue_15_beside_its_value(self):
        rows = {"books-gateway": measured(700.0), "books-direct": measured(1000.0), "ping-gateway": measured(450.0),
                "ping-direct": measured(1000.0)}

        lines = ratio_table(rows)

        self.assertIn("| cached page, gateway / direct | 0.70 | >= 0.70 |", lines)
        self.assertIn("| ping, gateway / direct | 0.45 | >= 0.45 |", lines)
        self.assertIn("| cached page, our gateway / stock gateway | n/a | >= 1.0 |", lines)
        self.assertIn("| cache on / cache off (through the gateway) | n/a | |", lines)


class PercentileTest(unittest.TestCase):

    def test_a_percentile_rounds_to_the_nearest_index_of_the_sorted_values(self):
        values = list(range(100, 0, -1))  # 1..100, unsorted

        self.assertEqual((percentile(values, 0.95), percentile(values, 0.99), percentile(values, 0.5)), (95, 99, 51))

    def test_the_percentile_of_no_values_is_zero(self):
        self.assertEqual(percentile([], 0.95), 0.0)

    def test_the_nearest_rank_percentile_of_a_hundred_values_is_the_value_of_that_rank(self):
        values = list(range(100, 0, -1))

        self.assertEqual((nearest_rank(values, 50), nearest_rank(values, 90)), (50, 90))

    def test_the_nearest_rank_percentile_never_passes_the_largest_value(self):
        self.assertEqual(nearest_rank([3, 1, 2], 100), 3)


if __name__ == "__main__":
    unittest.main()
