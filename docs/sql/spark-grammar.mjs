// Checks SQL files against Spark SQL's grammar with the SparkSQL parser of
// dt-sql-parser (an ANTLR grammar kept from Spark's own): node
// spark-grammar.mjs FILE.sql... prints each syntax error as FILE:LINE:COLUMN:
// message and exits 1 when there is one (docs/sql/check.sh).
import { register } from 'node:module';
import { readFileSync } from 'node:fs';
// dt-sql-parser's modules import each other without file extensions, as a
// bundler resolves them; Node.js is told to try ".js" and "/index.js".
register('data:text/javascript,' + encodeURIComponent(`
export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (e) {
    if (!specifier.startsWith('.')) throw e;
    for (const s of [specifier + '.js', specifier + '/index.js']) {
      try { return await next(s, context); } catch {}
    }
    throw e;
  }
}`));
const { SparkSQL } = await import('dt-sql-parser');
const parser = new SparkSQL();
// ANTLR also writes every error to the console as it recovers; the
// errors worth reading are validate's, with their lines and columns.
console.error = () => {};
let status = 0;
for (const file of process.argv.slice(2)) {
  const sql = readFileSync(file, 'utf8');
  const errors = parser.validate(sql);
  for (const e of errors.slice(0, 10)) {
    console.log(`${file}:${e.startLine}:${e.startColumn}: ${e.message}`);
  }
  if (errors.length > 0) {
    console.log(`${file}: not valid Spark SQL (${errors.length} errors; after the first, the parser may report text it could not resynchronise on)`);
    status = 1;
    continue;
  }
  console.log(`${file}: valid Spark SQL, ${parser.splitSQLByStatement(sql).length} statements`);
}
process.exit(status);
