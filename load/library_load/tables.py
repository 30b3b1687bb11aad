"""Figures as the tables print them, ratios against their goals, and percentiles."""

# The ratios of issue #15's goals (and two without a goal), requests/s of one bench target over another's.
RATIOS = (
    ("cached page, gateway / direct", "books-gateway", "books-direct", ">= 0.70"),
    ("ping, gateway / direct", "ping-gateway", "ping-direct", ">= 0.45"),
    ("cached page, our gateway / stock gateway", "books-gateway", "books-stock-gateway", ">= 1.0"),
    ("cached page direct / ping direct", "books-direct", "ping-direct", ">= 0.5"),
    ("cached page, gateway / nginx", "books-gateway", "books-nginx", ""),
    ("cache on / cache off (through the gateway)", "books-gateway", "books-gateway-cache-off", ""),
)


def milliseconds(value):
    return f"{value:.0f} ms" if value >= 100 else f"{value:.1f} ms"


def ratio(numerator, denominator):
    """requests/s of one result over another's, two decimals; "n/a" when either was not measured."""
    if not numerator or not denominator:
        return "n/a"
    return f"{numerator['requests_per_second'] / denominator['requests_per_second']:.2f}"


def figure(value, unit_format):
    return "n/a" if value is None else unit_format.format(value)


def ratio_table(rows):
    """The Markdown table of RATIOS over the bench's results by target."""
    lines = ["| ratio (requests/s) | value | goal (issue #15) |", "|---|---|---|"]
    for label, numerator, denominator, goal in RATIOS:
        lines.append(f"| {label} | {ratio(rows.get(numerator), rows.get(denominator))} |" + (f" {goal} |" if goal else " |"))
    return lines


def percentile(values, fraction):
    """The value at `fraction` (0..1) of the sorted values, by rounding its index; 0.0 for none."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def nearest_rank(values, p):
    """The p-th percentile (0..100) by nearest rank, as load/auth_latency.py reports it."""
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, int(round(p / 100 * len(ordered) + 0.5)) - 1))
    return ordered[index]
