#!/usr/bin/env bash
# Measures the embedded reference target's throughput and latency on health, slot listing and the
# booking journey (login, list slots, book) at fixed open-model rates, each phase for a bounded time.
# Needs only a JDK 17 and the Maven wrapper. Arguments go to the benchmark, e.g.:
#   benchmarks/reference-target.sh --seconds 20 --health-rate 200 --slots-rate 50 --bookings-per-minute 500
# Target knobs can be set with system properties in MAVEN_OPTS, e.g.
#   MAVEN_OPTS="-Dreference-target.handlers.count=4" benchmarks/reference-target.sh
set -euo pipefail
cd "$(dirname "$0")/.."
exec ./mvnw -q -B test-compile exec:java \
  -Dexec.classpathScope=test \
  -Dexec.mainClass=interviews.loadtest.bench.ReferenceTargetBench \
  -Dexec.args="$*"
