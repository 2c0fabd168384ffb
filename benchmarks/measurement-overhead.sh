#!/usr/bin/env bash
# Measures what the measurement layer costs the injector: requests per injector CPU-second with
# and without it, against a static loopback endpoint (a Netty server in its own JVM).
#
#   benchmarks/measurement-overhead.sh [seconds-per-run=25] [rounds=2]
#
# Each run lasts SECONDS (JIT warm-up included); throughput and CPU are measured over the part
# after 15 s. VARIANTS="plain transform measured" also runs plain Gatling with an identity
# transformResponse. The injector is pinned to CPU 0 and the server to CPU 1 when taskset exists, so the
# injector has one core. Runs alternate plain/measured ROUNDS times; the medians are compared.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN="${1:-25}"
ROUNDS="${2:-2}"
MVN="./mvnw"; command -v mvn >/dev/null && MVN="mvn"
$MVN -B -q test-compile
$MVN -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
CP="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
PIN_INJECTOR=(); PIN_SERVER=()
if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then PIN_INJECTOR=(taskset -c 0); PIN_SERVER=(taskset -c 1); fi

"${PIN_SERVER[@]}" java -Xmx256m -cp "$CP" interviews.loadtest.bench.StaticServer 0 > target/bench-server.port &
SERVER_PID=$!
trap 'kill "$SERVER_PID" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do [ -s target/bench-server.port ] && break; sleep 0.2; done
PORT="$(head -1 target/bench-server.port)"
echo "static server on 127.0.0.1:$PORT (pid $SERVER_PID)"

: > target/bench-lines.txt
for round in $(seq 1 "$ROUNDS"); do
  for variant in ${VARIANTS:-plain measured}; do
    timeout $((SECONDS_PER_RUN + 60)) "${PIN_INJECTOR[@]}" java -Xms512m -Xmx512m \
      --add-opens=java.base/java.lang=ALL-UNNAMED \
      -Dgatling.data.enableAnalytics=false -Dgatling.http.warmUpUrl= \
      -Dbench.url="http://127.0.0.1:$PORT" -Dbench.variant="$variant" -Dbench.seconds="$SECONDS_PER_RUN" \
      -cp "$CP" interviews.loadtest.bench.OverheadBench > "target/bench-$variant-$round.log" 2>&1 || true
    line="$(grep '^BENCH' "target/bench-$variant-$round.log" || echo "BENCH variant=$variant failed")"
    echo "round $round: $line" | tee -a target/bench-lines.txt
  done
done

median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) print 0; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
plain="$(grep 'variant=plain ' target/bench-lines.txt | sed -n 's/.*req_per_cpu_s=\([0-9]*\).*/\1/p' | median)"
measured="$(grep 'variant=measured ' target/bench-lines.txt | sed -n 's/.*req_per_cpu_s=\([0-9]*\).*/\1/p' | median)"
awk -v p="$plain" -v m="$measured" 'BEGIN {
  if (p == 0) { print "no plain figure"; exit 1 }
  printf "requests per injector CPU-second: plain %d, measured %d, ratio %.3f (overhead %.1f %%)\n", p, m, m / p, (1 - m / p) * 100 }'
