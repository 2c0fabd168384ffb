#!/usr/bin/env python3
"""
A saturating closed-loop login benchmark: CLIENTS threads each POST a login of the next account of
the users file, wait for the answer and send the next one, for WARMUP_SECONDS (default 2) and then
SECONDS more; prints the logins a second (answers 200 that arrived within the measured SECONDS,
divided by them), the statuses and the latency percentiles of those answers. With the process
group of the web server (gunicorn's master and its workers), also the CPU seconds that group used
in the measured window per login, and what that makes the ceiling on this machine's cores; and
how busy all the machine's cores were meanwhile (this benchmark and anything else included).
Standard library only; every request has a timeout, and no request starts after the deadline.

    login_benchmark.py BASE_URL USERS_CSV SECONDS CLIENTS [WARMUP_SECONDS [SERVER_PGID]]
"""
import csv
import http.client
import itertools
import json
import os
import sys
import threading
import time
import urllib.parse

REQUEST_TIMEOUT = 30.0


def main(argv):
    if len(argv) not in (5, 6, 7):
        raise SystemExit(__doc__.strip().splitlines()[-1].strip())
    base, users, seconds, clients = argv[1], argv[2], number("seconds", argv[3], 1, 600), number("clients", argv[4], 1, 256)
    warmup = number("warm-up seconds", argv[5], 0, 60) if len(argv) >= 6 else 2
    server = number("server process group", argv[6], 1, 2**31) if len(argv) == 7 else None
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
    time.sleep(max(0.0, measure_from - time.monotonic()))
    cpu_before, machine_before = group_cpu_seconds(server), machine_busy_seconds()
    time.sleep(max(0.0, deadline - time.monotonic()))
    cpu_after, machine_after = group_cpu_seconds(server), machine_busy_seconds()
    for t in threads:
        t.join(timeout=max(0.0, deadline - time.monotonic()) + REQUEST_TIMEOUT + 5)
    ok = len(latencies)
    latencies.sort()

    def pct(p):
        return latencies[min(ok - 1, int(p * ok))] * 1000 if ok else float("nan")

    print(f"logins: {ok / seconds:.1f}/s ({ok} answered 200 in {seconds} s, {clients} clients, "
          f"after {warmup} s of warm-up); statuses {dict(sorted(statuses.items()))}")
    print(f"login latency: p50 {pct(0.50):.0f} ms, p95 {pct(0.95):.0f} ms, max {pct(1.0):.0f} ms")
    cores = os.cpu_count() or 1
    if machine_before is not None and machine_after is not None:
        print(f"machine: {(machine_after - machine_before) / seconds:.2f} of {cores} cores busy meanwhile "
              f"(every process on it, this benchmark included)")
    if server is not None and ok:
        per_login = (cpu_after - cpu_before) / ok
        print(f"web server (process group {server}): {cpu_after - cpu_before:.1f} CPU s, {per_login * 1000:.1f} ms "
              f"a login; {cores} cores / that = {cores / per_login:.0f} logins/s, the most its workers could serve "
              f"with every core to themselves (the database and the clients need some too)")


def group_cpu_seconds(pgid):
    """User + system CPU seconds of the living processes of a process group (Linux /proc)."""
    if pgid is None:
        return None
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # After the command's ")": state, ppid, pgrp, ... utime and stime are the 12th and 13th.
        if int(fields[2]) == pgid:
            total += int(fields[11]) + int(fields[12])
    return total / ticks


def machine_busy_seconds():
    """CPU seconds all cores spent neither idle nor waiting for I/O since boot (Linux /proc/stat)."""
    try:
        with open("/proc/stat") as f:
            cpu = [int(x) for x in f.readline().split()[1:]]
    except OSError:
        return None
    # user nice system idle iowait irq softirq steal (guest time is counted in user already)
    return (sum(cpu[:8]) - cpu[3] - cpu[4] - cpu[7]) / os.sysconf("SC_CLK_TCK")


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
