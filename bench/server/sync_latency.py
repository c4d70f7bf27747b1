#!/usr/bin/env python3
"""The disk's floor under the receipted tail: latency of write + fdatasync, with nothing else.

    bench/server/sync_latency.py [DIR] [SECONDS] [BYTES]   (defaults: $TMPDIR or /tmp, 10, 2000)

Appends BYTES to a fresh file in DIR and fdatasyncs it, in a loop for SECONDS, as the ledger's
group commit does with its WAL, then prints the rate, the latency quantiles and the stalls over
10 ms. Run it on the disk that holds `proof serve --data` (run_wrk.sh uses a temporary directory).
"""
import os
import sys
import tempfile
import time


def main() -> int:
    directory = sys.argv[1] if len(sys.argv) > 1 else tempfile.gettempdir()
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 10.0
    size = int(sys.argv[3]) if len(sys.argv) > 3 else 2000
    record = b"x" * size
    fd, path = tempfile.mkstemp(prefix="tf-sync-latency-", dir=directory)
    latencies = []
    try:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            start = time.monotonic()
            os.write(fd, record)
            os.fdatasync(fd)
            latencies.append(time.monotonic() - start)
    finally:
        os.close(fd)
        os.unlink(path)
    latencies.sort()
    n = len(latencies)

    def ms(q: float) -> float:
        return latencies[min(n - 1, int(q * n))] * 1e3

    stalls = [x for x in latencies if x > 0.010]
    print(f"{n} syncs of {size} B in {seconds:g} s ({n / seconds:.0f}/s): "
          f"p50 {ms(0.5):.3f} ms, p90 {ms(0.9):.3f} ms, p99 {ms(0.99):.3f} ms, "
          f"p99.9 {ms(0.999):.2f} ms, max {latencies[-1] * 1e3:.1f} ms; "
          f"{len(stalls)} over 10 ms, {sum(stalls) * 1e3:.0f} ms in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
