-- Honoscope's default change analysis ('honoscope change' with its default
-- settings) in DuckDB SQL, for a job too big for one machine's memory or an
-- analyst who works in SQL. It gives the same pairs, in the same order, with
-- the same totals, change, reliable change and category as
-- 'honoscope change' on a file in Honoscope's CSV layout; 'make check-sql'
-- checks that on the test data. DuckDB spills to disk by itself.
-- The rules, with their sources (README, "Scoring rules"):
--   * a code 0-4 is rated; 9, 7, 8 or empty is not known; any other value,
--     an empty patient, a date that is not YYYY-MM-DD (a real date, from
--     1900) or an unknown instrument rejects the row (as 'honoscope change'
--     does, which also refuses labels with control characters, reads
--     spreadsheet-guarded cells and accepts an instrument's other names
--     such as "HoNOS 65+": clean those first);
--   * HoNOS and HoNOS 65+ score items 1-12, HoNOSCA 1-13; a total is valid
--     with at most 2 scored items not known (Honoscope's rule);
--   * a pair is each person's earliest and latest valid rating of an
--     instrument; same-day ratings are ordered by their line in the file;
--     pairs come in the order each person's first valid rating appears;
--   * reliable change: 8 points or more (Parabiaghi et al. 2005); recovered
--     and harmed cross the cut-off of 11 (Jacobson & Truax 1991);
--   * items improved and deteriorated: high (3-4) to low (0-2) and back,
--     over items rated at both (Crawford et al. 2017).
-- The file must have the columns patient, date, instrument and item1 to
-- item13 (others are ignored), as Honoscope's CSV layout has.
--
-- Set the file with: SET VARIABLE file = 'export.csv';
-- The rows keep their order in the file (DuckDB keeps insertion order).

CREATE OR REPLACE TEMP VIEW export_rows AS
SELECT row_number() OVER () AS seq, patient, "date" AS date_text, instrument,
       item1, item2, item3, item4, item5, item6, item7, item8, item9, item10, item11, item12, item13
FROM read_csv(getvariable('file'), header = true, all_varchar = true);

-- The analysis: the same text in change.duckdb.sql and change.spark.sql,
-- in SQL that both engines run alike ('make check-sql' checks both). It
-- reads export_rows (seq, patient, date_text, instrument, item1..item13),
-- which the lines above make from the file.
WITH cells AS (
  SELECT seq,
         trim(coalesce(patient, '')) AS patient,
         trim(coalesce(date_text, '')) AS date_text,
         coalesce(nullif(lower(trim(coalesce(instrument, ''))), ''), 'honos') AS instrument,
         trim(coalesce(item1, '')) AS c1,
         trim(coalesce(item2, '')) AS c2,
         trim(coalesce(item3, '')) AS c3,
         trim(coalesce(item4, '')) AS c4,
         trim(coalesce(item5, '')) AS c5,
         trim(coalesce(item6, '')) AS c6,
         trim(coalesce(item7, '')) AS c7,
         trim(coalesce(item8, '')) AS c8,
         trim(coalesce(item9, '')) AS c9,
         trim(coalesce(item10, '')) AS c10,
         trim(coalesce(item11, '')) AS c11,
         trim(coalesce(item12, '')) AS c12,
         trim(coalesce(item13, '')) AS c13
  FROM export_rows
),
accepted AS (
  SELECT *
  FROM cells
  WHERE patient <> ''
    AND date_text LIKE '____-__-__'
    AND translate(date_text, '0123456789', '') = '--'
    AND try_cast(date_text AS DATE) IS NOT NULL
    AND date_text >= '1900-01-01'
    AND instrument IN ('honos', 'honos65', 'honosca')
    AND c1 IN ('0', '1', '2', '3', '4', '9', '7', '8', '')
    AND c2 IN ('0', '1', '2', '3', '4', '9', '7', '8', '')
    AND c3 IN ('0', '1', '2', '3', '4', '9', '7', '8', '')
    AND c4 IN ('0', '1', '2', '3', '4', '9', '7', '8', '')
    AND c5 IN ('0', '1', '2', '3', '4', '9', '7', '8', '')
    AND c6 IN ('0', '1', '2', '3', '4', '9', '7', '8', '')
    AND c7 IN ('0', '1', '2', '3', '4', '9', '7', '8', '')
    AND c8 IN ('0', '1', '2', '3', '4', '9', '7', '8', '')
    AND c9 IN ('0', '1', '2', '3', '4', '9', '7', '8', '')
    AND c10 IN ('0', '1', '2', '3', '4', '9', '7', '8', '')
    AND c11 IN ('0', '1', '2', '3', '4', '9', '7', '8', '')
    AND c12 IN ('0', '1', '2', '3', '4', '9', '7', '8', '')
    AND (instrument <> 'honosca' OR c13 IN ('0', '1', '2', '3', '4', '9', '7', '8', ''))
),
codes AS (
  SELECT seq, patient, instrument, date_text,
         CASE WHEN c1 IN ('0', '1', '2', '3', '4') THEN CAST(c1 AS INT) END AS i1,
         CASE WHEN c2 IN ('0', '1', '2', '3', '4') THEN CAST(c2 AS INT) END AS i2,
         CASE WHEN c3 IN ('0', '1', '2', '3', '4') THEN CAST(c3 AS INT) END AS i3,
         CASE WHEN c4 IN ('0', '1', '2', '3', '4') THEN CAST(c4 AS INT) END AS i4,
         CASE WHEN c5 IN ('0', '1', '2', '3', '4') THEN CAST(c5 AS INT) END AS i5,
         CASE WHEN c6 IN ('0', '1', '2', '3', '4') THEN CAST(c6 AS INT) END AS i6,
         CASE WHEN c7 IN ('0', '1', '2', '3', '4') THEN CAST(c7 AS INT) END AS i7,
         CASE WHEN c8 IN ('0', '1', '2', '3', '4') THEN CAST(c8 AS INT) END AS i8,
         CASE WHEN c9 IN ('0', '1', '2', '3', '4') THEN CAST(c9 AS INT) END AS i9,
         CASE WHEN c10 IN ('0', '1', '2', '3', '4') THEN CAST(c10 AS INT) END AS i10,
         CASE WHEN c11 IN ('0', '1', '2', '3', '4') THEN CAST(c11 AS INT) END AS i11,
         CASE WHEN c12 IN ('0', '1', '2', '3', '4') THEN CAST(c12 AS INT) END AS i12,
         CASE WHEN instrument = 'honosca' AND c13 IN ('0', '1', '2', '3', '4') THEN CAST(c13 AS INT) END AS i13
  FROM accepted
),
totals AS (
  SELECT *,
         coalesce(i1, 0) + coalesce(i2, 0) + coalesce(i3, 0) + coalesce(i4, 0) + coalesce(i5, 0) + coalesce(i6, 0) + coalesce(i7, 0) + coalesce(i8, 0) + coalesce(i9, 0) + coalesce(i10, 0) + coalesce(i11, 0) + coalesce(i12, 0) + coalesce(i13, 0) AS total,
         CASE WHEN i1 IS NULL THEN 1 ELSE 0 END +
         CASE WHEN i2 IS NULL THEN 1 ELSE 0 END +
         CASE WHEN i3 IS NULL THEN 1 ELSE 0 END +
         CASE WHEN i4 IS NULL THEN 1 ELSE 0 END +
         CASE WHEN i5 IS NULL THEN 1 ELSE 0 END +
         CASE WHEN i6 IS NULL THEN 1 ELSE 0 END +
         CASE WHEN i7 IS NULL THEN 1 ELSE 0 END +
         CASE WHEN i8 IS NULL THEN 1 ELSE 0 END +
         CASE WHEN i9 IS NULL THEN 1 ELSE 0 END +
         CASE WHEN i10 IS NULL THEN 1 ELSE 0 END +
         CASE WHEN i11 IS NULL THEN 1 ELSE 0 END +
         CASE WHEN i12 IS NULL THEN 1 ELSE 0 END +
         CASE WHEN instrument = 'honosca' AND i13 IS NULL THEN 1 ELSE 0 END AS not_known
  FROM codes
),
ranked AS (
  SELECT *,
         min(seq) OVER (PARTITION BY patient, instrument) AS first_seq,
         count(*) OVER (PARTITION BY patient, instrument) AS n,
         row_number() OVER (PARTITION BY patient, instrument ORDER BY date_text, seq) AS from_start,
         row_number() OVER (PARTITION BY patient, instrument ORDER BY date_text DESC, seq DESC) AS from_end
  FROM totals
  WHERE not_known <= 2
),
pairs AS (
  SELECT b.first_seq, b.patient, b.instrument,
         b.date_text AS baseline_date, f.date_text AS followup_date,
         b.total AS baseline_total, f.total AS followup_total, f.total - b.total AS change,
         CASE WHEN b.i1 >= 3 AND f.i1 <= 2 THEN 1 ELSE 0 END +
         CASE WHEN b.i2 >= 3 AND f.i2 <= 2 THEN 1 ELSE 0 END +
         CASE WHEN b.i3 >= 3 AND f.i3 <= 2 THEN 1 ELSE 0 END +
         CASE WHEN b.i4 >= 3 AND f.i4 <= 2 THEN 1 ELSE 0 END +
         CASE WHEN b.i5 >= 3 AND f.i5 <= 2 THEN 1 ELSE 0 END +
         CASE WHEN b.i6 >= 3 AND f.i6 <= 2 THEN 1 ELSE 0 END +
         CASE WHEN b.i7 >= 3 AND f.i7 <= 2 THEN 1 ELSE 0 END +
         CASE WHEN b.i8 >= 3 AND f.i8 <= 2 THEN 1 ELSE 0 END +
         CASE WHEN b.i9 >= 3 AND f.i9 <= 2 THEN 1 ELSE 0 END +
         CASE WHEN b.i10 >= 3 AND f.i10 <= 2 THEN 1 ELSE 0 END +
         CASE WHEN b.i11 >= 3 AND f.i11 <= 2 THEN 1 ELSE 0 END +
         CASE WHEN b.i12 >= 3 AND f.i12 <= 2 THEN 1 ELSE 0 END +
         CASE WHEN b.i13 >= 3 AND f.i13 <= 2 THEN 1 ELSE 0 END AS items_improved,
         CASE WHEN b.i1 <= 2 AND f.i1 >= 3 THEN 1 ELSE 0 END +
         CASE WHEN b.i2 <= 2 AND f.i2 >= 3 THEN 1 ELSE 0 END +
         CASE WHEN b.i3 <= 2 AND f.i3 >= 3 THEN 1 ELSE 0 END +
         CASE WHEN b.i4 <= 2 AND f.i4 >= 3 THEN 1 ELSE 0 END +
         CASE WHEN b.i5 <= 2 AND f.i5 >= 3 THEN 1 ELSE 0 END +
         CASE WHEN b.i6 <= 2 AND f.i6 >= 3 THEN 1 ELSE 0 END +
         CASE WHEN b.i7 <= 2 AND f.i7 >= 3 THEN 1 ELSE 0 END +
         CASE WHEN b.i8 <= 2 AND f.i8 >= 3 THEN 1 ELSE 0 END +
         CASE WHEN b.i9 <= 2 AND f.i9 >= 3 THEN 1 ELSE 0 END +
         CASE WHEN b.i10 <= 2 AND f.i10 >= 3 THEN 1 ELSE 0 END +
         CASE WHEN b.i11 <= 2 AND f.i11 >= 3 THEN 1 ELSE 0 END +
         CASE WHEN b.i12 <= 2 AND f.i12 >= 3 THEN 1 ELSE 0 END +
         CASE WHEN b.i13 <= 2 AND f.i13 >= 3 THEN 1 ELSE 0 END AS items_deteriorated
  FROM ranked b
  JOIN ranked f ON f.patient = b.patient AND f.instrument = b.instrument AND f.from_end = 1
  WHERE b.from_start = 1 AND b.n >= 2
)
SELECT patient, instrument, baseline_date, followup_date,
       baseline_total, followup_total, change,
       CASE WHEN change <= -8 THEN 'improvement' WHEN change >= 8 THEN 'deterioration' ELSE 'no change' END AS reliable,
       CASE WHEN change <= -8 THEN CASE WHEN baseline_total >= 11 AND followup_total < 11 THEN 'recovered' ELSE 'improved' END
            WHEN change >= 8 THEN CASE WHEN baseline_total < 11 AND followup_total >= 11 THEN 'harmed' ELSE 'deteriorated' END
            ELSE 'unchanged' END AS category,
       items_improved, items_deteriorated
FROM pairs
ORDER BY first_seq;
