-- Adversarial review of 0.3.0 (fixed in 0.4.0): each block failed before
-- its fix.
\set SHOW_CONTEXT never
\set VERBOSITY terse

-- A role without rights on another role's registry could attach
-- registry_catalog_changed to a table of its own named like a catalog table,
-- and so have povext recompute that registry as its owner; catalog_changed
-- let it invalidate every backend's catalog cache.  Only povext's own
-- catalog tables have these triggers now.
CREATE ROLE regress_review_owner;
CREATE ROLE regress_review_intruder;
SELECT format('GRANT CREATE ON DATABASE %I TO regress_review_owner, regress_review_intruder', current_database()) \gexec
SET ROLE regress_review_owner;
\set registry review_reg
\i test/sql/two_wards.inc
-- the owner sets a status by hand; only a catalog change recomputes it
UPDATE review_reg.household_status SET status = 'poor' WHERE household = 3;
SET ROLE regress_review_intruder;
CREATE SCHEMA review_intruder;
CREATE TABLE review_intruder.standard_line (standard text, scope text, area text, in_force daterange,
                                            poor_line numeric, near_poor_line numeric, middle_line numeric);
CREATE TRIGGER fake_catalog_change AFTER INSERT ON review_intruder.standard_line
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION povext.registry_catalog_changed('standard_line');
CREATE TRIGGER fake_invalidation AFTER INSERT ON review_intruder.standard_line
    FOR EACH STATEMENT EXECUTE FUNCTION povext.catalog_changed();
INSERT INTO review_intruder.standard_line
VALUES ('vn-2022', 'national', 'urban', '[2022-01-01,2027-01-01)', 1, 1, 1),
       ('hcm-2024', 'hcmc', 'urban', '[2024-01-01,2026-01-01)', 1, 1, 1);
RESET ROLE;
-- still the owner's status
SELECT household, scope, status FROM review_reg.household_status WHERE household = 3 ORDER BY scope;
-- povext's own catalog triggers still fire for whoever may write the catalog
BEGIN;
UPDATE povext.standard_line SET middle_line = middle_line + 1 WHERE standard = 'vn-2022' AND area = 'urban';
SELECT household, scope, status FROM review_reg.household_status WHERE household = 3 ORDER BY scope;
ROLLBACK;
-- A registry whose recomputation fails refuses the catalog change; the
-- error names the registry, which a superuser can repair or defer.
CREATE FUNCTION review_reg.refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the owner''s trigger refuses';
END
$$;
CREATE TRIGGER refuse BEFORE INSERT OR UPDATE OR DELETE ON review_reg.household_status
    FOR EACH STATEMENT EXECUTE FUNCTION review_reg.refuse();
DO $$
DECLARE
    context text;
BEGIN
    UPDATE povext.standard_line SET poor_line = 1, near_poor_line = 1 WHERE standard = 'vn-2022' AND area = 'urban';
EXCEPTION WHEN raise_exception THEN
    GET STACKED DIAGNOSTICS context = PG_EXCEPTION_CONTEXT;
    RAISE NOTICE '%: %', SQLERRM,
        (SELECT string_agg(line, '; ') FROM regexp_split_to_table(context, E'\n') AS line
          WHERE line LIKE 'recomputing registry%');
END
$$;
UPDATE review_reg.registry_setting SET recompute_on_catalog_change = false;
BEGIN;
UPDATE povext.standard_line SET poor_line = 1, near_poor_line = 1 WHERE standard = 'vn-2022' AND area = 'urban';
ROLLBACK;
DROP SCHEMA review_intruder CASCADE;
DROP SCHEMA review_reg CASCADE;
DROP OWNED BY regress_review_owner, regress_review_intruder;
DROP ROLE regress_review_owner, regress_review_intruder;
