-- The fast paths of 0.3.0 (issue 10) give what the general code gave:
--   * classification compares incomes with the lines digit by digit from
--     the stored numeric (short and long headers, signs, zero, fractions,
--     huge weights), and reads a short-header income without a palloc;
--   * af_state_agg walks the standard's mask for each indicator's position;
--   * fgt_state_agg converts to fixed point by a multiplication;
--   * weights go through the inline PovextWeightToMicro;
--   * sample states are sorted by a radix sort above 1,024 pairs.
SET search_path = pg_catalog;

-- Incomes around the vn-2022 lines (urban 2,000,000 / 3,000,000; rural
-- 1,500,000 / 2,250,000) in every stored form: short header (up to 63
-- decimals, weight below 10000^64), long header (more decimals, or a weight
-- above), zero, values differing in the last of many decimals.  Each status
-- must be the one numeric <= gives.
CREATE TEMP TABLE speed_income (income numeric, label text);
INSERT INTO speed_income VALUES
 (0, 'zero'), (-0.000, 'negative zero written'), (0.0000001, 'tiny'),
 (1499999.999999, 'just under the rural poor line'), (1500000, 'rural poor line'),
 (1500000.000, 'rural poor line, scale 3'), (1500000.0000000000000000000000000000000000000000000000000000000000000001, 'one 10^-64 above, long header'),
 (1999999.9999999999999999999999999999999999999999999999999999999999999999, 'one 10^-64 under 2,000,000, long header'),
 (2000000, 'urban poor line'), (2000000.5, 'half above'), (2000001, 'one above'),
 (2250000, 'rural middle line'), (2999999, 'one under'), (3000000, 'urban middle line'),
 (3000000.0001, 'above the middle line'), (20000000, 'ten times'), (1e30, '10^30'),
 (1e300, '10^300, long header'), (1e-300, '10^-300, long header');
SELECT s.label, a.area,
       povext.classify(s.income, '{employment,dependants,nutrition}', 'vn-2022', a.area) AS status,
       povext.classify(s.income, '{}', 'vn-2022', a.area) AS status_without_deprivations
  FROM speed_income AS s, (VALUES ('urban'::povext.area), ('rural')) AS a(area)
 ORDER BY s.income, s.label, a.area;
-- the same against numeric's own comparisons, on values built to hit every
-- branch of the digit comparison (weights above and below each other, equal
-- prefixes, trailing digits)
SELECT count(*) AS households,
       count(*) FILTER (WHERE povext.classify(x, '{}', 'vn-2022', 'urban')::text
                        <> CASE WHEN x <= 2000000 THEN 'near_poor' WHEN x <= 3000000 THEN 'middle' ELSE 'not_poor' END) AS differ
  FROM (SELECT (a * 10 ^ e)::numeric + b AS x
          FROM generate_series(0, 40) AS a, generate_series(-12, 8) AS e,
               (VALUES (0::numeric), (0.5), (1e-20), (-1e-20)) AS v(b)
         WHERE (a * 10 ^ e)::numeric + b >= 0) AS t;
-- errors are those of the general path
SELECT povext.classify(-0.0000001, '{}', 'vn-2022', 'urban');
SELECT povext.classify('NaN', '{}', 'vn-2022', 'urban');
SELECT povext.classify('Infinity', '{}', 'vn-2022', 'urban');

-- AF: standards whose indicators are bits apart with unequal weights
-- (ophi-mpi: bits 2-20, weights 1/6 and 1/18) or with gaps (hcm-2019), on
-- 4,096 spread-out sets of the 21 shipped indicators; the exact states.
CREATE TEMP TABLE speed_af AS
SELECT m AS mask,
       ARRAY(SELECT i.code FROM povext.indicator AS i
              WHERE i.bit < 21 AND (m * 2654435761::bigint % 2097152) & (1::bigint << i.bit) <> 0)::povext.deprivations
           AS deprivations,
       1 + m % 7 AS size
  FROM generate_series(0, 4095) AS m;
SELECT povext.af_state_agg(deprivations, 'ophi-mpi', size) AS state FROM speed_af;
SELECT povext.af_state_agg(deprivations, 'hcm-2019') AS state FROM speed_af;
SELECT * FROM povext.af_measures((SELECT povext.af_state_agg(deprivations, 'ophi-mpi', size) FROM speed_af), 1 / 3.0);
-- weights: the inline conversion keeps the errors and the rounding
SELECT povext.af_state_agg(deprivations, 'vn-2022', w) AS state
  FROM speed_af, (VALUES (0.0000005::float8), (0.0000015), (2.5e-7)) AS v(w) WHERE mask < 3;
SELECT povext.af_state_agg('{water}', 'vn-2022', -0.5);
SELECT povext.af_state_agg('{water}', 'vn-2022', 'NaN');
SELECT povext.af_state_agg('{water}', 'vn-2022', 'Infinity');
SELECT povext.af_state_agg('{water}', 'vn-2022', 1e13);
SELECT povext.af_state_agg('{water}', 'vn-2022', '-0'::float8) AS negative_zero_weight;

-- FGT: the fixed-point sums of the multiplication equal those of ldexp,
-- shown by the state's exact text on gaps that are not dyadic, on the line,
-- at zero income and with Watts terms on both sides of an integer.
SELECT povext.fgt_state_agg(y, 3, w) AS state
  FROM (VALUES (0::float8, 1::float8), (1, 2), (1.1, 3), (2.999999999, 1), (3, 1), (3 * exp(-1), 1),
               (3 * exp(-2) + 1e-12, 1), (4, 1)) AS t(y, w);

-- Sample states: the radix sort gives the order of the comparison (value,
-- then weight), with negative values, zeros, ties in value with different
-- weights, duplicates and subnormal numbers, in 5,000 pairs: the state of
-- the rows in random order (sorted by the final function) is the state of
-- the rows already in order (kept as they come).
CREATE TEMP TABLE speed_pairs AS
SELECT CASE g % 7 WHEN 0 THEN 0 WHEN 1 THEN -(g % 13) WHEN 2 THEN 4.9e-324 * (g % 3)
                  WHEN 3 THEN (g % 50) * 1e6 ELSE (g * 7919 % 1000) / 7.0 END::float8 AS x,
       CASE g % 5 WHEN 0 THEN 0 WHEN 1 THEN 1e-300 ELSE g % 4 + 0.5 END::float8 AS w
  FROM generate_series(1, 5000) AS g;
SELECT (SELECT povext.sample_state_agg(x, w ORDER BY md5(x::text || w::text)) FROM speed_pairs)::text
     = (SELECT povext.sample_state_agg(x, w ORDER BY x, w) FROM speed_pairs)::text AS radix_order,
       (SELECT povext.gini(x, w ORDER BY md5(x::text || w::text)) FROM speed_pairs)
     = (SELECT povext.gini(x, w ORDER BY x, w) FROM speed_pairs) AS same_gini,
       (SELECT povext.weighted_median(x, w ORDER BY md5(w::text || x::text)) FROM speed_pairs) AS median;
-- a state merged from unsorted states is sorted the same way
SELECT povext.sample_state_merge(s ORDER BY k)::text
     = (SELECT povext.sample_state_agg(x, w ORDER BY x, w) FROM speed_pairs)::text AS merged_order
  FROM (SELECT k, povext.sample_state_agg(x, w) AS s
          FROM (SELECT x, w, (x * 1000)::bigint % 3 AS k FROM speed_pairs) AS p GROUP BY k) AS parts;
