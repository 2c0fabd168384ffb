#!/usr/bin/env bash
# How faithfully Burst starts its journeys at the configured rate while it is held, and how long
# the main command takes beyond the simulation itself. Needs only a JDK (the Maven wrapper does
# the rest). Runs the real main command against the embedded reference target.
#
#   benchmarks/burst.sh                 # 2 runs of ./mvnw -B gatling:test -Dsimulation=Burst
#   RUNS=3 benchmarks/burst.sh -Dloadtest.profiles.burst.hold=120s
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-2}

# Warm: compiled, dependencies downloaded, password hashes cached; not counted.
./mvnw -B -q test-compile
./mvnw -B -q gatling:test -Dsimulation=Smoke > /dev/null

for i in $(seq 1 "$runs"); do
  log=target/burst-benchmark-$i.log
  start=$(date +%s.%N)
  status=0
  ./mvnw -B gatling:test -Dsimulation=Burst "$@" > "$log" 2>&1 || status=$?
  end=$(date +%s.%N)
  dir=$(ls -td target/gatling/burstsimulation-* | head -1)
  echo "== run $i of $runs (exit $status, log $log)"
  ./mvnw -B -q exec:java -Dexec.classpathScope=test -Dexec.mainClass=interviews.loadtest.bench.BurstFidelity \
      -Dexec.args="$dir $start $end"
done
