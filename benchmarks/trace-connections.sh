#!/usr/bin/env bash
# Proves that the main command sends nothing beyond this machine: runs
# `./mvnw -o -B gatling:test -Dsimulation=<name>` (Maven offline) inside a network namespace that
# has loopback only, with every connect(), sendto() and sendmsg() of Maven and the Gatling JVM it
# forks traced by strace, then lists every address they named. Needs Linux, root, strace and
# iproute2 (apt-get install strace iproute2), and one online run before (Maven's cache filled).
#
#   benchmarks/trace-connections.sh Smoke
#   benchmarks/trace-connections.sh Burst -Dloadtest.profiles.burst.hold=30s
set -euo pipefail
cd "$(dirname "$0")/.."
simulation=${1:-Smoke}
shift || true
trace=target/trace-connections-$simulation.strace
log=target/trace-connections-$simulation.log
mkdir -p target

./mvnw -B -q test-compile   # online, outside the namespace: compiled and cached before the trace

status=0
unshare --net -- sh -c 'ip link set lo up && exec "$@"' sh \
  strace -f -qq -e signal=none -e trace=connect,sendto,sendmsg -o "$trace" \
  ./mvnw -o -B gatling:test -Dsimulation="$simulation" "$@" > "$log" 2>&1 || status=$?

echo "gatling:test -Dsimulation=$simulation exited $status (log $log, trace $trace)"
# Every IPv4/IPv6 address named, with its port and how often.
grep -oE 'sa_family=AF_INET6?, sin6?_port=htons\([0-9]+\),[^}]*(inet_addr\("[^"]+"\)|inet_pton\(AF_INET6, "[^"]+")' "$trace" \
  | sed -E 's/.*htons\(([0-9]+)\).*(inet_addr\("|AF_INET6, ")([^"]+)".*/\3 port \1/' \
  | sed -E 's/port [0-9]{5}$/port (ephemeral)/' | sort | uniq -c | sort -rn
outside=$(grep -E 'connect\(|sendto\(|sendmsg\(' "$trace" | grep -E 'sa_family=AF_INET' \
  | grep -vE 'inet_addr\("127\.|inet_pton\(AF_INET6, "(::1|::ffff:127\.)' || true)
lookups=$(grep -E 'htons\(53\)' "$trace" || true)
if [[ -n "$outside$lookups" ]]; then
  echo "OUTSIDE CONNECTIONS OR NAME LOOKUPS:"
  printf '%s\n%s\n' "$outside" "$lookups" | sort -u | sed '/^$/d'
  exit 1
fi
echo "only loopback, no name lookup"
