#!/usr/bin/env bash
# Checks docs/sql: that change.duckdb.sql gives exactly what 'honoscope
# change' gives (same pairs, order, totals, change and categories) on the
# test data, the example export and 1,000,000 generated rows, run on DuckDB;
# that change.spark.sql is valid Spark SQL by Spark's grammar; and that its
# analysis is change.duckdb.sql's to the byte, so that DuckDB's run checks
# it too. Installs DuckDB's Node.js client and dt-sql-parser from the npm
# registry into .bin/sql (needs node and npm). Run from the repository
# root: make check-sql.
set -euo pipefail
root=$(pwd)
work="$root/.bin/sql"
mkdir -p "$work"
if [ ! -d "$work/node_modules/@duckdb/node-api" ] || [ ! -d "$work/node_modules/dt-sql-parser" ]; then
	(cd "$work" && npm install --no-audit --no-fund --silent @duckdb/node-api@1.5.6-r.1 dt-sql-parser@4.5.1)
fi
cp docs/sql/run.mjs docs/sql/spark-grammar.mjs "$work/"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

# The analysis starts at the same marker line in both files.
marker='^-- The analysis: the same text'
sed -n "/$marker/,\$p" docs/sql/change.duckdb.sql >"$tmp/duckdb-analysis.sql"
sed -n "/$marker/,\$p" docs/sql/change.spark.sql >"$tmp/spark-analysis.sql"
if [ -s "$tmp/duckdb-analysis.sql" ] && cmp -s "$tmp/duckdb-analysis.sql" "$tmp/spark-analysis.sql"; then
	echo "same: the analysis of change.spark.sql and change.duckdb.sql ($(wc -l <"$tmp/spark-analysis.sql") lines)"
else
	echo "DIFFERENT: the analysis of change.spark.sql is not change.duckdb.sql's"
	diff "$tmp/duckdb-analysis.sql" "$tmp/spark-analysis.sql" | head -10 || true
	status=1
fi
node "$work/spark-grammar.mjs" docs/sql/change.spark.sql || status=1

go build -o "$tmp/honoscope" .
go test -count=1 -run TestWriteBigCSV ./app/cli -args -bigcsv "$tmp/generated.csv" >/dev/null
for f in "$root/app/e2e/testdata/team/team.csv" "$root/web/team-example.csv" "$tmp/generated.csv"; do
	"$tmp/honoscope" change "$f" >"$tmp/honoscope.csv" 2>/dev/null || true
	node "$work/run.mjs" docs/sql/change.duckdb.sql "$f" >"$tmp/sql.csv"
	if cmp -s "$tmp/honoscope.csv" "$tmp/sql.csv"; then
		echo "same: $(basename "$f"): $(($(wc -l <"$tmp/sql.csv") - 1)) pairs"
	else
		echo "DIFFERENT: $(basename "$f")"
		diff "$tmp/honoscope.csv" "$tmp/sql.csv" | head -10 || true
		status=1
	fi
done
exit $status
