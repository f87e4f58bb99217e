-- setup: registry
SELECT * FROM povext.setup_roles('district11', catalog_maintainer => 'povext_docs_catalog', ward_officer => 'povext_docs_officer',
                                 analyst => 'povext_docs_analyst', bi_reader => 'povext_docs_bi');
-- People log in as members of the roles; an officer gets wards by assignment.
CREATE ROLE povext_docs_officer_p05 LOGIN IN ROLE povext_docs_officer;
INSERT INTO district11.ward_assignment VALUES ('povext_docs_officer_p05', 'p05');
SET ROLE povext_docs_officer_p05;
SELECT code, ward FROM district11.household ORDER BY code;
SELECT ward, level, scope, households, poor_households FROM district11.report_ward ORDER BY scope, level DESC, ward;
SELECT household, code, scope FROM povext.registry_review_candidates('district11');
INSERT INTO district11.household (code, ward, area) VALUES ('HH-100', 'p07', 'urban');
SELECT * FROM district11.report_ward_suppressed;
RESET ROLE;
SET ROLE povext_docs_analyst;
SELECT ward, level, scope, households, poor_households, poor_rate_pct, suppressed
  FROM district11.report_ward_suppressed ORDER BY scope, level DESC, ward;
SELECT count(*) FROM district11.household;
SELECT * FROM district11.report_household;
RESET ROLE;
SET ROLE povext_docs_bi;
SELECT count(*) FROM district11.target;
RESET ROLE;
