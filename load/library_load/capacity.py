"""load/scale-out's model: requests each instance served (from its Prometheus metrics), the shares
of a measured run, and what a process costs per request."""
import re

# The labels run to the line's last '}': a templated uri label ("/api/books/{id}") holds braces itself.
API_REQUESTS = re.compile(r'^http_server_requests_seconds_count\{(.*)\}\s+(\S+)$', re.MULTILINE)
BOOK_SERVICE_PORT = 8082
LOCAL_INSTANCE_PORT_STEP = 100  # ./run --book-service-instances: instance i on 8082 + 100*(i-1)


def api_request_count(metrics_text):
    """Requests this instance served on its API port (actuator calls on the management port left out)."""
    total = 0.0
    for labels, value in API_REQUESTS.findall(metrics_text):
        if re.search(r'uri="/api', labels):
            total += float(value)
    return total


def shares(before, after):
    """Each instance's share of the requests served between two readings of the counts."""
    served = {name: after.get(name, 0) - before.get(name, 0) for name in after}
    total = sum(served.values())
    return {name: (count / total if total else 0.0) for name, count in served.items()}


def instance_name(index):
    return "book-service" if index == 1 else f"book-service-{index}"


def instance_of_port(port):
    """The book-service instance ./run started on this server port."""
    return instance_name(1 + (port - BOOK_SERVICE_PORT) // LOCAL_INSTANCE_PORT_STEP)


def served_share(name, before, after):
    """The share of the measured requests a process handled: its own for a book-service instance, all
    of them for the gateway, the launcher (embedded MongoDB) and Redis, which see every request."""
    if name in after:
        return shares(before, after)[name]
    return 1.0


def requests_per_core(requests_per_second, share, cores):
    """Requests per second one core of this process serves; 0 when it spent no CPU."""
    return requests_per_second * share / cores if cores else 0


def scale_table(title, rows, share_label):
    """The Markdown table of a scale-out run: one row per step."""
    lines = [title, "", f"| step | book-service | gateway | requests/s | p50 | p95 | failures | {share_label} |",
             "|---|---|---|---|---|---|---|---|"]
    for row in rows:
        result = row["result"]
        served = ", ".join(f"{name} {share:.0%}" for name, share in row["shares"].items()) or "-"
        lines.append(f"| {row['step']} | {row['book_service']} | {row['gateway']} | "
                     f"{result['requests_per_second']:.1f} | {result['p50_ms']:.1f} ms | {result['p95_ms']:.1f} ms | "
                     f"{result['failures']} of {result['requests']} | {served} |")
    return "\n".join(lines) + "\n"
