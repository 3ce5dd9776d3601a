#!/usr/bin/env bash
# The project's test command: vet, the unit tests with the race detector, and a
# short run of each fuzz target. CI runs exactly this (.ci/run). It first
# installs what the tests need and the machine lacks (scripts/deps.sh:
# Chromium for the browser tests of ./web).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
fuzztime=${FUZZTIME:-10s}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
go vet ./...
status=0
go test -race -count=1 ./... 2>&1 | tee "$log" || status=$?
passed=$(grep -c '^ok ' "$log" || true)
failed=$(grep -c '^FAIL' "$log" || true)
if [ "$status" -ne 0 ]; then
  echo "packages: $passed passed, $failed failed"
  exit "$status"
fi
for target in "./extract FuzzDocument" "./segment FuzzFindSpans" "./segment FuzzSplit" "./timex FuzzFind" "./read FuzzJSONL"; do
  set -- $target
  if grep -qs "func $2(" "$1"/*_test.go; then
    echo "fuzz $1 $2 ($fuzztime)"
    if go test "$1" -run '^$' -fuzz "^$2\$" -fuzztime "$fuzztime" >"$log" 2>&1; then
      passed=$((passed + 1))
    else
      cat "$log"
      failed=$((failed + 1))
    fi
  fi
done
echo "packages and fuzz targets: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
