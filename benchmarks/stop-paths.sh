#!/usr/bin/env bash
# Stops runs early, again and again, on a machine kept busy, and counts those that left their
# report (index.html) and their four files (summary.json, series.csv, slo-junit.xml,
# histograms.hlog) in the run folder.
#
#   benchmarks/stop-paths.sh [repetitions=20] [ways="watchdog hang sigterm time-limit"]
#
# Each way is a Burst against the embedded reference target with one request handler:
#   watchdog    logins take 2.5 s: the response-time watchdog (4 s window) stops the run while the
#               first answers come in (the issue's test; on a busy machine sometimes before any)
#   hang        logins take 6 s: the watchdog stops a run in which no request was ever answered
#   sigterm     SIGTERM (a Jenkins abort) 4 s into the load
#   time-limit  logins take 60 s, loadtest.max-duration 8s: the time limit ends a run with
#               every request still in flight
# BUSY busy loops (default: one per core) keep every core at 100 % throughout. Prints one line per
# run and a count per way; the run folders stay under target/stop-paths/.
set -euo pipefail
cd "$(dirname "$0")/.."
REPS="${1:-20}"
WAYS="${2:-watchdog hang sigterm time-limit}"
BUSY="${BUSY:-$(nproc)}"
MVN="./mvnw"; command -v mvn >/dev/null && MVN="mvn"
$MVN -B -q test-compile
$MVN -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
CP="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
OUT=target/stop-paths
rm -rf "$OUT"; mkdir -p "$OUT"

BUSY_PIDS=()
for _ in $(seq 1 "$BUSY"); do timeout 7200 sh -c 'while :; do :; done' & BUSY_PIDS+=($!); done
trap 'kill "${BUSY_PIDS[@]}" 2>/dev/null || true' EXIT
echo "$BUSY busy loops on $(nproc) cores; $REPS runs per way: $WAYS"

run() { # way dir -> exit status; signals the run for sigterm
  local way="$1" dir="$2"; shift 2
  local args=(-Dloadtest.profiles.burst.ramp=0s -Dloadtest.profiles.burst.hold=60s -Dreference-target.handlers.count=1)
  case "$way" in
    watchdog) args+=(-Dloadtest.slo.response-time.abort-on-fail.enabled=true -Dloadtest.slo.response-time.abort-on-fail.window=4s
                     -Dreference-target.service-time.login=2500ms) ;;
    hang) args+=(-Dloadtest.slo.response-time.abort-on-fail.enabled=true -Dloadtest.slo.response-time.abort-on-fail.window=4s
                 -Dreference-target.service-time.login=6000ms) ;;
    sigterm) args=(-Dloadtest.profiles.burst.ramp=0s -Dloadtest.profiles.burst.hold=60s) ;;
    time-limit) args+=(-Dreference-target.service-time.login=60s -Dloadtest.profiles.burst.hold=3s -Dloadtest.max-duration=8s) ;;
  esac
  timeout 600 java -Dgatling.data.enableAnalytics=false -Dgatling.http.warmUpUrl= --add-opens=java.base/java.lang=ALL-UNNAMED \
    "${args[@]}" -Dloadtest.results.directory="$dir" -cp "$CP" io.gatling.app.Gatling \
    --simulation interviews.loadtest.simulations.BurstSimulation --results-folder "$dir" --launcher maven \
    > "$dir/child.out" 2> "$dir/child.err" &
  local pid=$!
  if [ "$way" = sigterm ]; then
    for _ in $(seq 1 240); do grep -q "Simulation .* started" "$dir/child.out" 2>/dev/null && break; sleep 0.5; done
    sleep 4
    kill -TERM "$pid" 2>/dev/null || true
  fi
  local status=0
  wait "$pid" || status=$?
  echo "$status"
}

for way in $WAYS; do
  kept=0
  for i in $(seq 1 "$REPS"); do
    dir="$OUT/$way-$i"; mkdir -p "$dir"
    start=$(date +%s)
    status="$(run "$way" "$dir")"
    secs=$(( $(date +%s) - start ))
    report=$(find "$dir" -mindepth 2 -name index.html | wc -l)
    files=$(find "$dir" -mindepth 2 \( -name summary.json -o -name series.csv -o -name slo-junit.xml -o -name histograms.hlog \) | wc -l)
    ok=no; if [ "$report" -eq 1 ] && [ "$files" -eq 4 ]; then ok=yes; kept=$((kept + 1)); fi
    echo "$way $i: exit $status, index.html $report, files $files/4, ${secs}s, kept=$ok"
  done
  echo "== $way: $kept of $REPS runs left index.html and the four files"
done
