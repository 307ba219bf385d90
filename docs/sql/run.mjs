// Runs a DuckDB SQL file (docs/sql/change.duckdb.sql) on a CSV file and
// prints its rows as CSV: node run.mjs QUERY.sql FILE.csv (docs/sql/check.sh).
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
const [sqlFile, csvFile] = process.argv.slice(2);
const inst = await DuckDBInstance.create(':memory:');
const con = await inst.connect();
await con.run(`SET VARIABLE file = '${csvFile.replaceAll("'", "''")}'`);
const r = await con.runAndReadAll(readFileSync(sqlFile, 'utf8'));
console.log(r.columnNames().join(','));
for (const row of r.getRows()) console.log(row.map(String).join(','));
