#!/usr/bin/env bash
# The store's benchmarks, with their figures:
#   - `parley ingest` end to end over ../shared/corpus/voa (repeated ten times
#     under distinct URLs): read, extracted in parallel, written in batches;
#   - writing alone: the VOA articles' records into a new store;
#   - queries over a generated store of one million events: a dyad's timeline,
#     a speaker's quotes, the top dyads of a month, a full-text quote search,
#     and a filtered event list.
# The million-event store takes a minute or two to generate; set
# PARLEY_BENCH_DIR to keep it there and reuse it in later runs.
# Usage: scripts/bench-store.sh [COUNT]   (COUNT: runs of each query, default 20)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-20}
export PARLEY_SHARED=${PARLEY_SHARED:-$(cd .. && pwd)/shared}
report() {
  awk '/^Benchmark/ {
    name = $1; sub(/-[0-9]+$/, "", name)
    line = sprintf("%-36s %10.2f ms/op", name, $3 / 1e6)
    for (i = 5; i < NF; i += 2) if ($(i+1) != "B/op" && $(i+1) != "allocs/op" && $(i+1) != "MB/s") line = line sprintf("  %10.0f %s", $i, $(i+1))
    print line
  }
  /^generated store/ { print }'
}
go test -run '^$' -bench 'Ingest' -benchtime 3x ./cmd/parley 2>&1 | report
go test -run '^$' -bench 'Put' -benchtime 10x ./store/sqlite 2>&1 | report
go test -run '^$' -bench 'Query' -benchtime "${count}x" -timeout 30m ./store/sqlite 2>&1 | report
