-- The shipped catalog, its constraints, the protection of shipped rows, and
-- the cache invalidation that makes a DBA's change visible at once.
SET search_path = povext, public;

-- What ships
SELECT code, scope, unit, rule, minimum_deprivations, confidence FROM standard ORDER BY code;
SELECT standard, area, in_force, poor_line, near_poor_line, middle_line, confidence
  FROM standard_line ORDER BY scope, lower(in_force), area;
SELECT standard, count(*) AS indicators,
       round(sum(weight_numerator::numeric / weight_denominator), 15) AS total_weight,
       array_agg(indicator ORDER BY indicator)::deprivations AS indicator_set
  FROM standard_indicator GROUP BY standard ORDER BY standard;
SELECT standard, indicator, weight_numerator || '/' || weight_denominator AS weight
  FROM standard_indicator WHERE standard = 'ophi-mpi' ORDER BY weight_denominator, indicator;
SELECT dimension, count(*) FROM indicator GROUP BY dimension ORDER BY dimension;
SELECT count(*) FILTER (WHERE shipped) AS shipped_rows, count(*) FILTER (WHERE NOT shipped) AS dba_rows,
       count(*) FILTER (WHERE corrected) AS corrected_rows
  FROM (SELECT shipped, corrected FROM indicator UNION ALL SELECT shipped, corrected FROM standard
        UNION ALL SELECT shipped, corrected FROM standard_line
        UNION ALL SELECT shipped, corrected FROM standard_indicator) AS all_rows;

-- Constraints: periods of one scope and area never overlap
INSERT INTO standard (code, scope, name, unit, rule, minimum_deprivations, legal_basis, confidence)
VALUES ('vn-2027', 'national', 'Chuẩn nghèo 2026-2030', 'month', 'income_and_deprivation', 3, 'NĐ 351/2025/NĐ-CP', 'secondary');
INSERT INTO standard_line (standard, scope, area, in_force, poor_line, near_poor_line, middle_line, legal_basis, confidence)
VALUES ('vn-2027', 'national', 'rural', '[2026-12-31,)', 2200000, 2200000, NULL, 'NĐ 351/2025/NĐ-CP', 'secondary');
-- ... the day after the last one is fine
INSERT INTO standard_line (standard, scope, area, in_force, poor_line, near_poor_line, middle_line, legal_basis, confidence)
VALUES ('vn-2027', 'national', 'rural', '[2027-01-01,)', 2200000, 2200000, NULL, 'NĐ 351/2025/NĐ-CP', 'secondary');
-- ... the scope of a line follows its standard
INSERT INTO standard_line (standard, scope, area, in_force, poor_line, near_poor_line, middle_line, legal_basis, confidence)
VALUES ('vn-2027', 'hcmc', 'urban', '[2031-01-01,)', 2800000, 2800000, NULL, 'NĐ 351/2025/NĐ-CP', 'secondary');
-- ... lines are ordered, non-negative, and periods are not empty
INSERT INTO standard_line (standard, scope, area, in_force, poor_line, near_poor_line, middle_line, legal_basis, confidence)
VALUES ('vn-2027', 'national', 'urban', '[2027-01-01,)', 2800000, 2700000, NULL, 'x', 'secondary');
INSERT INTO standard_line (standard, scope, area, in_force, poor_line, near_poor_line, middle_line, legal_basis, confidence)
VALUES ('vn-2027', 'national', 'urban', '[2027-01-01,)', -1, 0, NULL, 'x', 'secondary');
INSERT INTO standard_line (standard, scope, area, in_force, poor_line, near_poor_line, middle_line, legal_basis, confidence)
VALUES ('vn-2027', 'national', 'urban', '[2027-01-01,2027-01-01)', 1, 1, NULL, 'x', 'secondary');
-- ... a weighted_score standard has no unit or minimum, an income standard has both
INSERT INTO standard (code, scope, name, unit, rule, minimum_deprivations, legal_basis, confidence)
VALUES ('bad', 'x', 'x', NULL, 'two_band', 3, 'x', 'unknown');
-- ... weights are positive fractions and name known indicators
INSERT INTO standard_indicator (standard, indicator, weight_numerator, weight_denominator, confidence)
VALUES ('vn-2027', 'water', 1, 0, 'secondary');
INSERT INTO standard_indicator (standard, indicator, weight_numerator, weight_denominator, confidence)
VALUES ('vn-2027', 'no_such_indicator', 1, 12, 'secondary');
-- ... indicator codes are lower-case identifiers
INSERT INTO indicator (code, dimension, description_vi, description_en) VALUES ('Bad Code', 'x', 'x', 'x');

-- Shipped rows: they cannot be deleted; an update marks them corrected
DELETE FROM standard_line WHERE standard = 'vn-2022' AND area = 'urban';
UPDATE standard_line SET poor_line = 2100000, near_poor_line = 2100000
 WHERE standard = 'vn-2022' AND area = 'urban';
SELECT standard, area, poor_line, shipped, corrected FROM standard_line WHERE standard = 'vn-2022' ORDER BY area;
-- ... an inserted row with a shipped key corrects the shipped row in place
INSERT INTO standard_line (standard, scope, area, in_force, poor_line, near_poor_line, middle_line, legal_basis, confidence)
VALUES ('vn-2022', 'national', 'rural', '[2022-01-01,2027-01-01)', 1600000, 1600000, 2250000, 'Corrected by the district', 'confirmed');
SELECT standard, area, poor_line, legal_basis, shipped, corrected FROM standard_line WHERE standard = 'vn-2022' ORDER BY area;
-- ... while a duplicate of a DBA row is still an error
INSERT INTO standard_line (standard, scope, area, in_force, poor_line, near_poor_line, middle_line, legal_basis, confidence)
VALUES ('vn-2027', 'national', 'rural', '[2027-01-01,)', 2200000, 2200000, NULL, 'Again', 'secondary');
-- ... nobody can mark a row as shipped or corrected
UPDATE standard SET shipped = true, corrected = true WHERE code = 'vn-2027' RETURNING code, shipped, corrected;
-- ... a corrected shipped row still cannot be deleted, and shipped keys cannot change
DELETE FROM standard_line WHERE standard = 'vn-2022' AND area = 'urban';
UPDATE standard SET code = 'vn-2022-amended' WHERE code = 'vn-2022';
UPDATE indicator SET code = 'internet' WHERE code = 'telecom';
UPDATE standard SET code = 'vn-2027-draft' WHERE code = 'vn-2027' RETURNING code;
UPDATE standard SET code = 'vn-2027' WHERE code = 'vn-2027-draft';
-- ... not even from inside another trigger
CREATE TABLE wipe_request (standard text);
CREATE FUNCTION wipe_weights() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM povext.standard_indicator WHERE standard = NEW.standard;
    RETURN NEW;
END
$$;
CREATE TRIGGER wipe_weights AFTER INSERT ON wipe_request FOR EACH ROW EXECUTE FUNCTION wipe_weights();
INSERT INTO wipe_request VALUES ('vn-2022');
SELECT count(*) FROM standard_indicator WHERE standard = 'vn-2022';
DROP TABLE wipe_request;
DROP FUNCTION wipe_weights();

-- The cache follows every change at once, in the same session
SELECT classify(1550000, '{}', 'vn-2022', 'rural') AS before_change;
UPDATE standard_line SET poor_line = 1500000, near_poor_line = 1500000 WHERE standard = 'vn-2022' AND area = 'rural';
SELECT classify(1550000, '{}', 'vn-2022', 'rural') AS after_change;
BEGIN;
UPDATE standard SET minimum_deprivations = 1 WHERE code = 'vn-2022';
SELECT classify(1000000, '{water}', 'vn-2022', 'rural') AS inside_transaction;
ROLLBACK;
SELECT classify(1000000, '{water}', 'vn-2022', 'rural') AS after_rollback;
-- ... including new indicators of a standard, new standards and their periods
INSERT INTO standard_indicator (standard, indicator, weight_numerator, weight_denominator, confidence)
SELECT 'vn-2027', indicator, 1, 12, 'secondary' FROM standard_indicator WHERE standard = 'vn-2022';
SELECT classify(2200000, '{water,telecom,nutrition}', 'national', 'rural', '2027-03-01') AS vn2027;
UPDATE standard_line SET in_force = '[2027-01-01,2031-01-01)' WHERE standard = 'vn-2027';
SELECT classify(2200000, '{water}', 'national', 'rural', '2031-01-01');
-- ... and a custom indicator a standard counts
INSERT INTO indicator (code, dimension, description_vi, description_en)
VALUES ('digital_skills', 'information', 'Không có thành viên biết dùng điện thoại thông minh', 'No member can use a smartphone');
INSERT INTO standard_indicator (standard, indicator, weight_numerator, weight_denominator, confidence)
VALUES ('vn-2027', 'digital_skills', 1, 13, 'unverified');
SELECT deprivations_counted, status
  FROM explain_classification(2200000, '{water,telecom,digital_skills}', 'vn-2027', 'rural');
-- ... and deleted ones
DELETE FROM standard_indicator WHERE standard = 'vn-2027' AND indicator <> 'digital_skills';
SELECT deprivations_counted, deprivations_ignored, status
  FROM explain_classification(2200000, '{water,telecom,digital_skills}', 'vn-2027', 'rural');
-- TRUNCATE would lose shipped rows: refused
TRUNCATE standard_indicator;
SELECT count(*) FROM standard_indicator WHERE shipped;

-- Clean up for the tests that follow: the DBA rows go, the corrected shipped
-- rows get their shipped values back.
DELETE FROM standard_indicator WHERE NOT shipped;
DELETE FROM standard_line WHERE NOT shipped;
DELETE FROM standard WHERE NOT shipped;
DELETE FROM indicator WHERE NOT shipped;

ALTER TABLE standard_line DISABLE TRIGGER shipped_row_guard;
UPDATE standard_line SET poor_line = 2000000, near_poor_line = 2000000, corrected = false
 WHERE standard = 'vn-2022' AND area = 'urban';
UPDATE standard_line SET poor_line = 1500000, near_poor_line = 1500000, legal_basis = 'NĐ 07/2021/NĐ-CP, Art. 3 (amended by NĐ 30/2025/NĐ-CP)', corrected = false
 WHERE standard = 'vn-2022' AND area = 'rural';
ALTER TABLE standard_line ENABLE TRIGGER shipped_row_guard;
SELECT count(*) FILTER (WHERE shipped) AS shipped_rows, count(*) FILTER (WHERE NOT shipped) AS dba_rows,
       count(*) FILTER (WHERE corrected) AS corrected_rows
  FROM (SELECT shipped, corrected FROM indicator UNION ALL SELECT shipped, corrected FROM standard
        UNION ALL SELECT shipped, corrected FROM standard_line
        UNION ALL SELECT shipped, corrected FROM standard_indicator) AS all_rows;

-- Rows that bypass the foreign keys (session_replication_role = replica, as
-- in logical replication or pg_restore --disable-triggers) are an error, not
-- a crash; the cache still follows changes made in that mode.
BEGIN;
SET LOCAL session_replication_role = replica;
INSERT INTO standard_line (standard, scope, area, in_force, poor_line, near_poor_line, legal_basis, confidence)
VALUES ('ghost', 'nowhere', 'urban', '[2030-01-01,2031-01-01)', 1, 1, 'none', 'unknown');
SELECT classify(1, '{}', 'vn-2022', 'urban');
ROLLBACK;
SELECT classify(2100000, '{}', 'vn-2022', 'urban') AS before_replica_change;
BEGIN;
SET LOCAL session_replication_role = replica;
UPDATE standard_line SET poor_line = 2200000, near_poor_line = 2200000 WHERE standard = 'vn-2022' AND area = 'urban';
SELECT classify(2100000, '{}', 'vn-2022', 'urban') AS after_replica_change;
ROLLBACK;
-- A new indicator that fails its checks spends no bit
SELECT max(bit) AS bits_given FROM (SELECT bit FROM indicator UNION ALL SELECT bit FROM retired_indicator_bit) AS given;
INSERT INTO indicator (code, dimension, description_vi, description_en) VALUES ('Bad Code', 'x', 'x', 'x');
BEGIN;
INSERT INTO indicator (code, dimension, description_vi, description_en)
VALUES ('water', 'water_sanitation', 'Sửa mô tả', 'A corrected description') RETURNING code, bit;
SELECT code, bit, shipped, corrected, description_en FROM indicator WHERE code = 'water';
ROLLBACK;
SELECT max(bit) AS bits_given FROM (SELECT bit FROM indicator UNION ALL SELECT bit FROM retired_indicator_bit) AS given;
