#!/usr/bin/env bash
# Checks that docs/sql/change.duckdb.sql gives exactly what 'honoscope
# change' gives (same pairs, order, totals, change and categories) on the
# test data, the example export and 1,000,000 generated rows. Installs
# DuckDB's Node.js client from the npm registry into .bin/duckdb (needs
# node and npm). Run from the repository root: make check-sql.
set -euo pipefail
root=$(pwd)
work="$root/.bin/duckdb"
mkdir -p "$work"
if [ ! -d "$work/node_modules/@duckdb/node-api" ]; then
	(cd "$work" && npm install --no-audit --no-fund --silent @duckdb/node-api@1.5.6-r.1)
fi
cp docs/sql/run.mjs "$work/run.mjs"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/honoscope" .
go test -count=1 -run TestWriteBigCSV ./app/cli -args -bigcsv "$tmp/generated.csv" >/dev/null
status=0
for f in "$root/app/e2e/testdata/team/team.csv" "$root/web/team-example.csv" "$tmp/generated.csv"; do
	"$tmp/honoscope" change "$f" >"$tmp/honoscope.csv" 2>/dev/null || true
	node "$work/run.mjs" docs/sql/change.duckdb.sql "$f" >"$tmp/sql.csv"
	if cmp -s "$tmp/honoscope.csv" "$tmp/sql.csv"; then
		echo "same: $(basename "$f"): $(($(wc -l <"$tmp/sql.csv") - 1)) pairs"
	else
		echo "DIFFERENT: $(basename "$f")"
		diff "$tmp/honoscope.csv" "$tmp/sql.csv" | head -10
		status=1
	fi
done
exit $status
