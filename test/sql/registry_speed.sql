-- The registry's write path (issue 8): only what changed is written, the
-- queries kept per registry follow its schema, and the memory of a call
-- does not grow with the households it computes.
\set SHOW_CONTEXT never
SELECT povext.create_registry('speed', ARRAY['national', 'hcmc']);
UPDATE speed.registry_setting SET reference_date = '2026-06-01';
INSERT INTO speed.ward VALUES ('w1', 'Phường 1', 'Quận 11', 500);
INSERT INTO speed.household (code, ward, area, housing_durable, floor_area, clean_water,
                             hygienic_latrine, uses_telecom, has_information_device, household_income)
VALUES ('a', 'w1', 'urban', true, 40, true, true, true, true, 200000000),
       ('b', 'w1', 'urban', true, 40, true, true, true, true, 200000000);
INSERT INTO speed.member (person_id, household, birth_date, sex, working_capacity, disability,
                          health_insurance, attending_school, school_level_ok, employed,
                          works_for_wages, labour_contract, social_insurance,
                          stunted_or_underweight, income)
SELECT 'p' || h.id || '-' || i, h.id, '1980-01-01', 'male', true, false, true, false, true, true,
       false, NULL, true, false, NULL
  FROM speed.household AS h, generate_series(1, 2) AS i;
-- Row versions (xmin) of the households and status rows, now and as saved.
CREATE VIEW pg_temp.current_versions AS
    SELECT 'household' AS tab, h.code, NULL AS standard, h.xmin::text AS version FROM speed.household AS h
    UNION ALL
    SELECT 'status', h.code, s.standard, s.xmin::text
      FROM speed.household_status AS s JOIN speed.household AS h ON h.id = s.household;
CREATE TABLE pg_temp.row_versions AS SELECT * FROM pg_temp.current_versions;
CREATE VIEW pg_temp.rewritten AS
    SELECT v.tab, v.code, v.standard, v.version IS DISTINCT FROM n.version AS rewritten
      FROM pg_temp.row_versions AS v
      LEFT JOIN pg_temp.current_versions AS n
        ON n.tab = v.tab AND n.code = v.code AND n.standard IS NOT DISTINCT FROM v.standard
     ORDER BY v.tab, v.code, v.standard;

-- A member loses health insurance: household a is deprived in it under
-- both standards, so its two status rows are updated in place; its own row
-- (members, per-capita income) and household b are not written.
UPDATE speed.member SET health_insurance = false WHERE person_id = (SELECT min(person_id) FROM speed.member);
SELECT * FROM pg_temp.rewritten;
SELECT h.code, s.scope, s.standard, s.deprivations FROM speed.household_status AS s
  JOIN speed.household AS h ON h.id = s.household ORDER BY 1, 2;

-- Household b's floor area falls under vn-2022's 8 m² a member but not
-- under hcm-2024's 6: its vn-2022 row is updated, its hcm-2024 row kept.
TRUNCATE pg_temp.row_versions;
INSERT INTO pg_temp.row_versions SELECT * FROM pg_temp.current_versions;
UPDATE speed.household SET floor_area = 14 WHERE code = 'b';
SELECT * FROM pg_temp.rewritten WHERE tab = 'status';
SELECT h.code, s.scope, s.standard, s.deprivations FROM speed.household_status AS s
  JOIN speed.household AS h ON h.id = s.household ORDER BY 1, 2;

-- A later reference date changes every row's as_of: every row is updated,
-- none is left over or doubled.
UPDATE speed.registry_setting SET reference_date = '2026-06-02';
SELECT povext.registry_recompute('speed');
SELECT count(*) AS rows, count(DISTINCT (household, standard)) AS keys, min(as_of), max(as_of)
  FROM speed.household_status;

-- A status row of a scope no longer followed is deleted, a new scope's inserted.
UPDATE speed.registry_setting SET followed_scopes = ARRAY['national'];
SELECT povext.registry_recompute('speed');
SELECT h.code, s.scope, s.standard FROM speed.household_status AS s
  JOIN speed.household AS h ON h.id = s.household ORDER BY 1, 2;
UPDATE speed.registry_setting SET followed_scopes = ARRAY['hcmc', 'national'];
SELECT povext.registry_recompute('speed');
SELECT h.code, s.scope, s.standard FROM speed.household_status AS s
  JOIN speed.household AS h ON h.id = s.household ORDER BY 1, 2;
SELECT * FROM povext.registry_check('speed');

-- The queries kept for a registry follow it: after a rename of its schema,
-- a registry dropped and made again under the same name, and under any
-- search_path.
ALTER SCHEMA speed RENAME TO speed2;
UPDATE speed2.member SET health_insurance = true;
SELECT * FROM povext.registry_check('speed2');
ALTER SCHEMA speed2 RENAME TO speed;
SET search_path = speed, pg_temp;
UPDATE member SET income = 1000000;
RESET search_path;
SELECT h.code, h.per_capita_income_year FROM speed.household AS h ORDER BY 1;
SET client_min_messages = warning;
DROP VIEW pg_temp.rewritten, pg_temp.current_versions;
DROP SCHEMA speed CASCADE;
RESET client_min_messages;
SELECT povext.create_registry('speed', ARRAY['national']);
INSERT INTO speed.ward VALUES ('w1', 'Phường 1', 'Quận 11', 500);
INSERT INTO speed.household (code, ward, area, floor_area, household_income)
VALUES ('c', 'w1', 'rural', 10, 1000);
INSERT INTO speed.member (person_id, household, birth_date) SELECT 'q', id, '1990-01-01' FROM speed.household;
SELECT h.code, h.members, s.scope, s.standard FROM speed.household AS h
  JOIN speed.household_status AS s ON s.household = h.id;
SELECT * FROM povext.registry_check('speed');

-- The memory of a call is that of one batch of 1,000 households, whatever
-- their number: a statement trigger on household_status records the
-- backend's memory at each batch's write of 4,000 households (it grew by
-- about 3 MB a batch when a batch's values were kept to the end of the call).
CREATE TABLE pg_temp.batch_memory (batch serial, bytes bigint);
CREATE FUNCTION pg_temp.record_memory() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO pg_temp.batch_memory (bytes) SELECT sum(total_bytes) FROM pg_backend_memory_contexts;
    RETURN NULL;
END
$$;
INSERT INTO speed.household (code, ward, area, floor_area, household_income)
SELECT 'h' || i, 'w1', 'urban', 30, 50000000 FROM generate_series(1, 3999) AS i;
INSERT INTO speed.member (person_id, household, birth_date, sex, income)
SELECT 'm' || h.id, h.id, '1970-01-01', 'female', 1000 FROM speed.household AS h WHERE h.code LIKE 'h%';
CREATE TRIGGER record_memory AFTER INSERT OR UPDATE ON speed.household_status
    FOR EACH STATEMENT EXECUTE FUNCTION pg_temp.record_memory();
UPDATE speed.registry_setting SET reference_date = '2026-06-03';
SELECT povext.registry_recompute('speed');
SELECT count(*) AS batches, max(bytes) - min(bytes) < 1000000 AS bounded FROM pg_temp.batch_memory;
SELECT * FROM povext.registry_check('speed');

-- The trigger function reads the transition tables of its trigger: one
-- made without them is refused.
CREATE TRIGGER no_transition_tables AFTER UPDATE ON speed.ward
    FOR EACH STATEMENT EXECUTE FUNCTION povext.registry_refresh('member');
UPDATE speed.ward SET name = name;
-- A new household with derived values given by hand is put right; one
-- without them is not computed (it has no members).
INSERT INTO speed.household (code, ward, area, members, computed_at)
VALUES ('hand', 'w1', 'urban', 0, '2020-01-01'), ('plain', 'w1', 'urban', 0, NULL);
SELECT code, members, computed_at FROM speed.household WHERE code IN ('hand', 'plain') ORDER BY code;
SET client_min_messages = warning;
DROP SCHEMA speed CASCADE;
