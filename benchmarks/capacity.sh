#!/usr/bin/env bash
# Measures the embedded reference target's capacity model: W handlers and a service time of S ms
# on one route serve at most W/S requests a second. Closed-loop clients (more than W) read one
# interview for a bounded time; prints the rate they got beside W/S, and the health check's latency
# while every handler is busy. The tests check the behaviour (KnobsTest); this measures the speed.
# Needs only a JDK 17 and the Maven wrapper. Arguments go to the benchmark, e.g.:
#   benchmarks/capacity.sh                                   # --handlers 4 --service-ms 50 --clients 16 --seconds 10 --warmup 3
#   benchmarks/capacity.sh --handlers 8 --service-ms 20 --seconds 20
set -euo pipefail
cd "$(dirname "$0")/.."
exec ./mvnw -q -B test-compile exec:java \
  -Dexec.classpathScope=test \
  -Dexec.mainClass=interviews.loadtest.bench.CapacityBench \
  -Dexec.args="$*"
