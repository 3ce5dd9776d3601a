#!/usr/bin/env bash
# Scores `parley extract --jsonl` against the gold articles in ../shared/eval/dev.
# Usage: scripts/eval.sh [--verbose|--json]
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${PARLEY_SHARED:-../shared}
go build -o parley ./cmd/parley
gold=$(mktemp)
trap 'rm -f "$gold"' EXIT
cat "$shared"/eval/dev/*.jsonl > "$gold"
python3 "$shared/eval/score.py" --gold "$gold" --cmd "./parley extract --jsonl" "$@"
