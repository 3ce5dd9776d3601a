#!/usr/bin/env bash
# The project's test command: vet, the unit tests with the race detector, and a
# short run of each fuzz target. CI runs exactly this (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${FUZZTIME:-10s}
go vet ./...
go test -race -count=1 ./...
for target in "./extract FuzzDocument" "./segment FuzzSplit" "./timex FuzzFind" "./read FuzzJSONL"; do
  set -- $target
  if grep -qs "func $2(" "$1"/*_test.go; then
    echo "fuzz $1 $2 ($fuzztime)"
    go test "$1" -run '^$' -fuzz "^$2\$" -fuzztime "$fuzztime" >/dev/null
  fi
done
echo "all tests passed"
