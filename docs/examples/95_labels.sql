SELECT kind, code, language, label FROM povext.label WHERE kind IN ('status', 'transition') ORDER BY kind, code, language;
SELECT povext.label('indicator', 'housing_area') AS vi, povext.label('dimension', 'water_sanitation', 'en') AS en;
SELECT input, povext.parse_status(input)
  FROM (VALUES ('hộ nghèo'), ('Hộ cận nghèo'), ('cận nghèo'), ('near-poor household'), ('NOT_POOR')) AS t(input);
SELECT povext.parse_status('hộ giàu');
-- A DBA corrects a shipped label (kept as corrected) or adds a language.
UPDATE povext.label SET label = 'hộ có mức sống trung bình (theo chuẩn)' WHERE kind = 'status' AND code = 'middle' AND language = 'vi';
INSERT INTO povext.label (kind, code, language, label) VALUES ('status', 'poor', 'fr', 'ménage pauvre');
SELECT code, language, label, shipped, corrected FROM povext.label WHERE kind = 'status' AND code IN ('middle', 'poor') ORDER BY code, language;
