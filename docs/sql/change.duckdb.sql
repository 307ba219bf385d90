-- Honoscope's default change analysis ('honoscope change' with its default
-- settings) in DuckDB SQL, for a job too big for one machine's memory or an
-- analyst who works in SQL. It gives the same pairs, in the same order, with
-- the same totals, change, reliable change and category as
-- 'honoscope change' on a file in Honoscope's CSV layout
-- (patient,date,instrument,item1..item15,...); 'make check-sql' checks that
-- on the test data. The rules, with their sources (README, "Scoring rules"):
--   * a code 0-4 is rated; 9, 7, 8 or empty is not known; any other value,
--     an empty patient, a date that is not YYYY-MM-DD or an unknown
--     instrument rejects the row (as 'honoscope change' does, which also
--     refuses labels with control characters and reads spreadsheet-guarded
--     cells: clean those first);
--   * HoNOS and HoNOS 65+ score items 1-12, HoNOSCA 1-13; a total is valid
--     with at most 2 scored items not known (Honoscope's rule);
--   * a pair is each person's earliest and latest valid rating of an
--     instrument; same-day ratings are ordered by their line in the file;
--     pairs come in the order each person's first valid rating appears;
--   * reliable change: 8 points or more (Parabiaghi et al. 2005); recovered
--     and harmed cross the cut-off of 11 (Jacobson & Truax 1991);
--   * items improved and deteriorated: high (3-4) to low (0-2) and back,
--     over items rated at both (Crawford et al. 2017).
-- Set the file with: SET VARIABLE file = 'export.csv';
-- The same query runs on Spark SQL with read_csv replaced by a table of the
-- file and list functions by their Spark equivalents (transform, filter,
-- aggregate); it is not checked here.

WITH rows AS (
  SELECT row_number() OVER () AS seq, *
  FROM read_csv(getvariable('file'), header = true, all_varchar = true)
),
ratings AS (
  SELECT seq,
         trim(patient) AS patient,
         trim(date) AS date_text,
         coalesce(nullif(lower(trim(instrument)), ''), 'honos') AS instrument,
         [trim(coalesce(c, '')) FOR c IN [item1, item2, item3, item4, item5, item6, item7, item8,
                                          item9, item10, item11, item12, item13]] AS cells
  FROM rows
),
accepted AS (
  SELECT *,
         CASE instrument WHEN 'honosca' THEN 13 ELSE 12 END AS scored
  FROM ratings
  WHERE patient <> ''
    AND regexp_full_match(date_text, '[0-9]{4}-[0-9]{2}-[0-9]{2}')
    AND try_strptime(date_text, '%Y-%m-%d') IS NOT NULL
    AND instrument IN ('honos', 'honos65', 'honosca')
    AND len(list_filter(cells[1:CASE instrument WHEN 'honosca' THEN 13 ELSE 12 END],
                        c -> c NOT IN ('0', '1', '2', '3', '4', '9', '7', '8', ''))) = 0
),
scored AS (
  SELECT seq, patient, instrument, CAST(date_text AS DATE) AS d,
         [CASE WHEN c IN ('0', '1', '2', '3', '4') THEN CAST(c AS INTEGER) ELSE NULL END
          FOR c IN cells[1:scored]] AS codes
  FROM accepted
),
valid AS (
  SELECT *, list_sum(list_filter(codes, c -> c IS NOT NULL)) AS total
  FROM scored
  WHERE len(list_filter(codes, c -> c IS NULL)) <= 2
),
series AS (
  SELECT patient, instrument,
         min(seq) AS first_seq,
         count(*) AS n,
         arg_min(struct_pack(d := d, total := coalesce(total, 0), codes := codes), (d, seq)) AS base,
         arg_max(struct_pack(d := d, total := coalesce(total, 0), codes := codes), (d, seq)) AS fol
  FROM valid
  GROUP BY patient, instrument
),
pairs AS (
  SELECT first_seq, patient, instrument,
         base.d AS baseline_date, fol.d AS followup_date,
         base.total AS baseline_total, fol.total AS followup_total,
         fol.total - base.total AS change,
         base.codes AS bc, fol.codes AS fc
  FROM series
  WHERE n >= 2
)
SELECT patient, instrument,
       strftime(baseline_date, '%Y-%m-%d') AS baseline_date,
       strftime(followup_date, '%Y-%m-%d') AS followup_date,
       baseline_total, followup_total, change,
       CASE WHEN change <= -8 THEN 'improvement' WHEN change >= 8 THEN 'deterioration' ELSE 'no change' END AS reliable,
       CASE WHEN change <= -8 THEN CASE WHEN baseline_total >= 11 AND followup_total < 11 THEN 'recovered' ELSE 'improved' END
            WHEN change >= 8 THEN CASE WHEN baseline_total < 11 AND followup_total >= 11 THEN 'harmed' ELSE 'deteriorated' END
            ELSE 'unchanged' END AS category,
       len(list_filter(list_zip(bc, fc), z -> z[1] >= 3 AND z[2] IS NOT NULL AND z[2] <= 2)) AS items_improved,
       len(list_filter(list_zip(bc, fc), z -> z[1] IS NOT NULL AND z[1] <= 2 AND z[2] >= 3)) AS items_deteriorated
FROM pairs
ORDER BY first_seq;
