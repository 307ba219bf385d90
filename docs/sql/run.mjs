// Runs a DuckDB SQL file (docs/sql/change.duckdb.sql) on a CSV file and
// prints the rows of its last statement as CSV: node run.mjs QUERY.sql
// FILE.csv (docs/sql/check.sh). Statements end with a semicolon at the end
// of a line.
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
const [sqlFile, csvFile] = process.argv.slice(2);
const inst = await DuckDBInstance.create(':memory:');
const con = await inst.connect();
await con.run(`SET VARIABLE file = '${csvFile.replaceAll("'", "''")}'`);
const statements = readFileSync(sqlFile, 'utf8').split(/;[ \t]*$/m).filter((s) => s.replace(/--.*$/gm, '').trim() !== '');
for (const s of statements.slice(0, -1)) await con.run(s);
const r = await con.runAndReadAll(statements.at(-1));
console.log(r.columnNames().join(','));
for (const row of r.getRows()) console.log(row.map(String).join(','));
