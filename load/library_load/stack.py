"""The local stack (./run) as the load tools see it: its ports, its ready line, the configuration
that moves the gateway's abuse limits out of a capacity test's way, and its processes in /proc."""
import os
from pathlib import Path

BASE_PORTS = {"gateway": 8080, "auth-service": 8081, "book-service": 8082, "gateway actuator": 9080,
              "auth-service actuator": 9081, "book-service actuator": 9082, "MongoDB": 27017, "Redis": 6379}
STACK_READY_LINE = "Press Ctrl-C to stop everything."
STACK_START_TIMEOUT_SECONDS = 600
# A capacity test, not a test of the abuse limits: they go out of the way (see docs/performance.md).
UNLIMITED_ENVIRONMENT = {
    "LIBRARY_GATEWAY_RATE_LIMIT_DEFAULT_LIMIT_REPLENISH_PER_SECOND": "1000000",
    "LIBRARY_GATEWAY_RATE_LIMIT_DEFAULT_LIMIT_BURST": "1000000",
    "LIBRARY_GATEWAY_RATE_LIMIT_SIGN_IN_REPLENISH_PER_SECOND": "100000",
    "LIBRARY_GATEWAY_RATE_LIMIT_SIGN_IN_BURST": "100000",
    # One client address (loopback) for every user: the edge's per-client connection and body bounds too.
    "LIBRARY_GATEWAY_EDGE_MAX_CONNECTIONS_PER_CLIENT": "100000",
    "LIBRARY_GATEWAY_EDGE_MAX_IN_FLIGHT_BODIES_PER_CLIENT": "100000",
}


def port_offset(environment=None):
    """LIBRARY_PORT_OFFSET, as ./run honours it: moves the local stack, e.g. beside another ./run."""
    return int((os.environ if environment is None else environment).get("LIBRARY_PORT_OFFSET") or 0)


def stack_ports(offset=0):
    return {name: port + offset for name, port in BASE_PORTS.items()}


def parent_pid(pid):
    """The parent of a process, from /proc/PID/stat (after the command name, which may hold spaces)."""
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


def children(parent):
    """The processes whose parent is `parent`: {pid: their command line as a list of bytes}."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if parent_pid(entry.name) != parent:
                continue
            found[int(entry.name)] = (entry / "cmdline").read_bytes().split(b"\0")
        except (OSError, IndexError, ValueError):
            continue
    return found


def resident_mib(pid):
    """VmRSS of a process in MiB, or None once it is gone."""
    try:
        kib = next(int(line.split()[1]) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
                   if line.startswith("VmRSS:"))
    except (OSError, StopIteration):
        return None
    return kib / 1024
