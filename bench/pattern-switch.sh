#!/usr/bin/env bash
# How long a concurrency-pattern switch takes over many open connections: the engine with N connections
# open (1% of them doing closed-loop 64 B echo, every byte checked by echo_load), then PATCH /api/engine
# {"concurrency": …} through every pattern, twice; prints what each switch moved and how long it took.
#   bench/pattern-switch.sh [CONNECTIONS]      (default 10000; loopback only)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
PORT=$(free_port); APORT=$(free_port)
[ -x bench/c/echo_load ] || gcc -O2 -Wall -Wextra -pthread -o bench/c/echo_load bench/c/echo_load.c
dotnet src/AdminUi/bin/Release/net10.0/AdminServer.AdminUi.dll --config bench/engine-echo.json \
  --Engine:Listeners:0:Port="$PORT" --Admin:Url="http://127.0.0.1:$APORT" >/dev/null 2>&1 &
SRV=$!
trap 'kill $SRV 2>/dev/null; kill $LOAD 2>/dev/null; wait 2>/dev/null' EXIT
api() { curl -sf -u admin:bench "$@"; }
for _ in $(seq 100); do api "http://127.0.0.1:$APORT/api/engine" >/dev/null && break; sleep 0.2; done
bench/c/echo_load -p "$PORT" -c "$N" -s 64 -d 30 -w 1 -a 0.01 > /tmp/pattern-switch-load.out 2>&1 &
LOAD=$!
for _ in $(seq 200); do
  n=$(api "http://127.0.0.1:$APORT/api/engine" | python3 -c 'import json,sys;print(json.load(sys.stdin)["connections"])')
  [ "$n" -ge "$N" ] && break; sleep 0.2
done
echo "open connections: $n"
for p in HalfSyncHalfAsync LeaderFollower LoopPerCore HalfSyncHalfAsync LoopPerCore LeaderFollower HalfSyncHalfAsync LoopPerCore; do
  api -X PATCH -H 'content-type: application/json' -d "{\"concurrency\":\"$p\"}" "http://127.0.0.1:$APORT/api/engine" |
    python3 -c 'import json,sys;a=json.load(sys.stdin)["applied"];print(f"{a[\"concurrency\"]:18} moved {a[\"movedConnections\"]:6}  {a[\"elapsedMs\"]:7.1f} ms")'
  sleep 1
done
wait $LOAD; cat /tmp/pattern-switch-load.out
