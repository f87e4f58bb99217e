-- Labels in Vietnamese and English as data, and status input that accepts
-- them (issue 9: 'hộ nghèo' was rejected; statuses were English codes only).
\set SHOW_CONTEXT never
\set VERBOSITY default

-- Every status, transition, shipped indicator and dimension has a vi and an
-- en label, marked shipped.
SELECT kind, count(*) FILTER (WHERE language = 'vi') AS vi, count(*) FILTER (WHERE language = 'en') AS en,
       bool_and(shipped AND NOT corrected) AS shipped
  FROM povext.label GROUP BY kind ORDER BY kind;
SELECT e.enumlabel FROM pg_enum AS e WHERE e.enumtypid = 'povext.status'::regtype
   AND EXISTS (SELECT 1 FROM unnest(ARRAY['vi', 'en']) AS l(language)
                WHERE NOT EXISTS (SELECT FROM povext.label AS x WHERE x.kind = 'status' AND x.code = e.enumlabel
                                                                  AND x.language = l.language));
SELECT i.code FROM povext.indicator AS i WHERE i.shipped
   AND (SELECT count(*) FROM povext.label AS x WHERE x.kind = 'indicator' AND x.code = i.code) <> 2;
SELECT DISTINCT i.dimension FROM povext.indicator AS i
 WHERE (SELECT count(*) FROM povext.label AS x WHERE x.kind = 'dimension' AND x.code = i.dimension) <> 2;
SELECT t.code FROM unnest(ARRAY['newly_poor', 're_poor', 'escaped', 'exceeded_near_poor', 'newly_near_poor', 'unchanged']) AS t(code)
 WHERE (SELECT count(*) FROM povext.label AS x WHERE x.kind = 'transition' AND x.code = t.code) <> 2;

SELECT code, povext.label('status', code) AS vi, povext.label('status', code, 'en') AS en
  FROM unnest(enum_range(NULL::povext.status)::text[]) AS s(code);

-- A code without a label in the language is shown as the code.
SELECT povext.label('indicator', 'no_such_indicator', 'vi') AS missing, povext.label('status', 'poor', 'fr') AS no_french;

-- Status input: code or label, in any case, spacing, hyphenation or Unicode
-- composition, with or without the word "hộ" / "household".
SELECT input, povext.parse_status(input) AS status
  FROM (VALUES ('poor'), ('near_poor'), ('hộ nghèo'), ('hộ cận nghèo'), ('HỘ CẬN NGHÈO'), ('  Hộ   cận   nghèo '),
               ('cận nghèo'), ('nghèo'), ('Near-poor household'), ('near poor'), ('NOT_POOR'),
               ('hộ có mức sống trung bình'), ('hộ không nghèo'), ('non-poor household'),
               (normalize('hộ cận nghèo', NFD))) AS t(input);
SELECT normalize('hộ cận nghèo', NFD) <> 'hộ cận nghèo' AS nfd_differs;
SELECT povext.parse_status(NULL) IS NULL AS null_is_null;

-- Anything else: 22P02, with the valid codes and labels in the detail.
SELECT povext.parse_status('hộ giàu');
SELECT povext.parse_status('');
SELECT povext.parse_status('poorest');

-- The enum's own input is unchanged.
SELECT 'hộ nghèo'::povext.status;

-- Shipped labels are corrected in place, not deleted; a DBA adds a language.
BEGIN;
UPDATE povext.label SET label = 'hộ nghèo theo chuẩn' WHERE kind = 'status' AND code = 'poor' AND language = 'vi';
SELECT code, language, label, shipped, corrected FROM povext.label WHERE kind = 'status' AND code = 'poor' ORDER BY language;
SELECT povext.parse_status('Hộ nghèo theo chuẩn');
DELETE FROM povext.label WHERE kind = 'status' AND code = 'poor' AND language = 'en';
ROLLBACK;
BEGIN;
INSERT INTO povext.label (kind, code, language, label) VALUES ('status', 'poor', 'fr', 'ménage pauvre');
SELECT povext.label('status', 'poor', 'fr'), povext.parse_status('Ménage pauvre');
-- a label names one code of its kind and language
INSERT INTO povext.label (kind, code, language, label) VALUES ('status', 'near_poor', 'fr', 'ménage pauvre');
ROLLBACK;
INSERT INTO povext.label (kind, code, language, label) VALUES ('colour', 'poor', 'vi', 'đỏ');
INSERT INTO povext.label (kind, code, language, label) VALUES ('status', 'poor', 'VI', 'x');
INSERT INTO povext.label (kind, code, language, label) VALUES ('status', 'poor', 'de', ' ');

-- pg_dump keeps the DBA's rows only
SELECT c.relname, x.cond FROM pg_extension AS e,
       unnest(e.extconfig, e.extcondition) AS x(tab, cond) JOIN pg_class AS c ON c.oid = x.tab
 WHERE e.extname = 'povext' AND c.relname = 'label';

-- The functions do not depend on the caller's search_path.
SET search_path = pg_temp;
SELECT povext.parse_status('hộ cận nghèo'), povext.label('transition', 'escaped');
RESET search_path;
