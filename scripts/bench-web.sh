#!/usr/bin/env bash
# The web server's benchmarks, with their figures, on the generated store of
# one million events that scripts/bench-store.sh also queries (made in a
# minute or two on first use; set PARLEY_BENCH_DIR to keep it and reuse it):
#   - each API answer and each page, served in-process (the server's time);
#   - the load test: the server on a loopback port (127.0.0.1), sent a mix of
#     API requests at PARLEY_LOAD_RATE a second (500) for PARLEY_LOAD_SECONDS
#     (15), then as fast as 8 clients go for 5 s; requests/s held, p50, p99.
# Usage: scripts/bench-web.sh [COUNT]   (COUNT: runs of each page, default 20)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-20}
go test -run '^$' -bench 'Pages' -benchtime "${count}x" -timeout 30m ./web 2>&1 |
  awk '/^Benchmark/ { name = $1; sub(/-[0-9]+$/, "", name); sub(/^BenchmarkPages\//, "", name); printf "%-28s %8.2f ms\n", name, $3 / 1e6 }
       /^generated store/ { print }
       /^(FAIL|panic|---)/ { print; bad = 1 } END { exit bad }'
go test -run '^$' -bench 'Load' -benchtime 1x -timeout 30m ./web 2>&1 |
  awk '/^load:/ { print } /^(FAIL|panic|---)/ { print; bad = 1 } END { exit bad }'
