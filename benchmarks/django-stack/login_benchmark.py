#!/usr/bin/env python3
"""
A saturating closed-loop login benchmark: CLIENTS threads each POST a login of the next account of
the users file, wait for the answer and send the next one, for WARMUP_SECONDS (default 2) and then
SECONDS more; prints the logins a second (answers 200 that arrived within the measured SECONDS,
divided by them), the statuses and the latency percentiles of those answers. Standard library
only; every request has a timeout, and no request starts after the deadline.

    login_benchmark.py BASE_URL USERS_CSV SECONDS CLIENTS [WARMUP_SECONDS]
"""
import csv
import http.client
import itertools
import json
import sys
import threading
import time
import urllib.parse

REQUEST_TIMEOUT = 30.0


def main(argv):
    if len(argv) not in (5, 6):
        raise SystemExit(__doc__.strip().splitlines()[-1].strip())
    base, users, seconds, clients = argv[1], argv[2], number("seconds", argv[3], 1, 600), number("clients", argv[4], 1, 256)
    warmup = number("warm-up seconds", argv[5], 0, 60) if len(argv) == 6 else 2
    url = urllib.parse.urlsplit(base)
    if url.scheme != "http" or url.hostname not in ("127.0.0.1", "localhost"):
        raise SystemExit(f"base URL = '{base}': must be http://127.0.0.1:<port> (loopback only)")
    with open(users, newline="", encoding="utf-8") as f:
        accounts = [json.dumps({"email": r["email"], "password": r["password"]}).encode() for r in csv.DictReader(f)]
    if not accounts:
        raise SystemExit(f"users file = '{users}': holds no account")

    next_account = itertools.cycle(accounts).__next__
    lock = threading.Lock()
    start = time.monotonic()
    measure_from, deadline = start + warmup, start + warmup + seconds
    latencies, statuses = [], {}

    def client():
        while True:
            sent = time.monotonic()
            if sent >= deadline:
                return
            with lock:
                body = next_account()
            try:
                conn = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=REQUEST_TIMEOUT)
                conn.request("POST", "/api/login/", body, {"Content-Type": "application/json"})
                response = conn.getresponse()
                response.read()
                status = str(response.status)
                conn.close()
            except (OSError, http.client.HTTPException) as e:
                status = type(e).__name__
            done = time.monotonic()
            if measure_from <= done <= deadline:
                with lock:
                    statuses[status] = statuses.get(status, 0) + 1
                    if status == "200":
                        latencies.append(done - sent)

    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=max(0.0, deadline - time.monotonic()) + REQUEST_TIMEOUT + 5)
    ok = len(latencies)
    latencies.sort()

    def pct(p):
        return latencies[min(ok - 1, int(p * ok))] * 1000 if ok else float("nan")

    print(f"logins: {ok / seconds:.1f}/s ({ok} answered 200 in {seconds} s, {clients} clients, "
          f"after {warmup} s of warm-up); statuses {dict(sorted(statuses.items()))}")
    print(f"login latency: p50 {pct(0.50):.0f} ms, p95 {pct(0.95):.0f} ms, max {pct(1.0):.0f} ms")


def number(name, raw, low, high):
    try:
        value = int(raw)
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        raise SystemExit(f"{name} = '{raw}': must be a whole number from {low} to {high}")
    return value


if __name__ == "__main__":
    main(sys.argv)
