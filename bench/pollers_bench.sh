#!/usr/bin/env bash
# The book's claim, measured: epoll vs poll vs select over N connections x active fraction (closed-loop echo on the
# active ones, the rest idle), one loop (LoopPerCore, Loops=1), level-triggered (poll and select have no ET), in one
# run, alternated. select stops at 100 connections: the runtime holds ~300 fds, so 1,000 connections would pass
# FD_SETSIZE (1024). Writes two CSVs and docs/pollers.svg.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/AdminUi -c Release -nologo -v quiet
E='dotnet src/AdminUi/bin/Release/net10.0/AdminServer.AdminUi.dll --config bench/engine-echo.json --Engine:Listeners:0:Port={port} --Engine:Loops=1 --Engine:Trigger=LT'
REPS=${REPS:-3}; SECONDS_PER_RUN=${SECONDS_PER_RUN:-3}
out=bench/results/pollers-$(date +%Y%m%d-%H%M%S)
python3 bench/echo_bench.py --reps "$REPS" --seconds "$SECONDS_PER_RUN" --warmup 1 --conns 10,100 --sizes 64 --active 0.01,0.1,0.5,1 \
  --server "epoll=$E --Engine:Poller=Epoll" --server "poll=$E --Engine:Poller=Poll" --server "select=$E --Engine:Poller=Select" --baseline epoll --csv "$out-small.csv"
python3 bench/echo_bench.py --reps "$REPS" --seconds "$SECONDS_PER_RUN" --warmup 1 --conns 1000 --sizes 64 --active 0.01,0.1,0.5,1 \
  --server "epoll=$E --Engine:Poller=Epoll" --server "poll=$E --Engine:Poller=Poll" --baseline epoll --csv "$out-1000.csv"
python3 bench/plot_pollers.py docs/pollers.svg "$out-small.csv" "$out-1000.csv"
