#!/usr/bin/env bash
# Echo yardsticks: C epoll server, Kestrel, and any server command, side by side. See bench/README.md.
exec python3 "$(dirname "$0")/echo_bench.py" "$@"
