#!/usr/bin/env bash
# Throughput of `parley extract --jsonl` over the VOA corpus, on one core and on
# all cores, in MB/s and articles/s. The corpus is repeated to make a run long
# enough to time. Usage: scripts/bench.sh [REPEAT]
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${PARLEY_SHARED:-../shared}/corpus/voa/voa_stories.jsonl
repeat=${1:-40}
go build -o parley ./cmd/parley
input=$(mktemp)
trap 'rm -f "$input"' EXIT
for _ in $(seq "$repeat"); do cat "$corpus"; done > "$input"
bytes=$(stat -c %s "$input")
docs=$(wc -l < "$input")
run() {
  local label=$1; shift
  local start end secs
  start=$(date +%s.%N)
  "$@" < "$input" > /dev/null
  end=$(date +%s.%N)
  awk -v l="$label" -v d="$docs" -v b="$bytes" -v s="$start" -v e="$end" 'BEGIN {
    t = e - s
    printf "%-10s %6d articles  %7.2f MB  %6.2f s  %7.2f MB/s  %8.0f articles/s\n", l, d, b/1e6, t, b/1e6/t, d/t }'
}
run "1 core" env GOMAXPROCS=1 ./parley extract --jsonl --workers 1
run "$(nproc) cores" ./parley extract --jsonl
if [ -x /usr/bin/time ]; then
  # resident memory stays flat however long the stream: the pipeline keeps a bounded window
  /usr/bin/time -f "max resident memory %M KB over $(awk -v b="$bytes" 'BEGIN{printf "%.0f", b/1e6}') MB of input" \
    ./parley extract --jsonl < "$input" > /dev/null
fi
