
-- povext install script: the catalog of indicators and standards.
--
-- Rows installed by povext carry shipped = true; a DBA may correct them
-- (corrected = true) but not delete or rename them.  pg_dump keeps the rows a
-- DBA added or corrected; CREATE EXTENSION recreates the shipped ones, and
-- inserting a row with the key of a shipped row replaces it in place, so a
-- restore puts the corrections back.  Everyone may read the catalog: it is
-- public reference data, and classification reads it for any caller.

CREATE TABLE povext.indicator (
    code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]*$' AND length(code) <= 63),
    bit smallint NOT NULL UNIQUE CHECK (bit BETWEEN 0 AND 63),
    dimension text NOT NULL,
    description_vi text NOT NULL,
    description_en text NOT NULL,
    confidence povext.confidence NOT NULL DEFAULT 'unverified',
    shipped boolean NOT NULL DEFAULT false,
    corrected boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE povext.indicator IS
    'Deprivation indicators (one bit each of povext.deprivations); a DBA may add custom indicators, up to 64 in all';
COMMENT ON COLUMN povext.indicator.code IS 'Code used in deprivation sets, e.g. health_insurance';
COMMENT ON COLUMN povext.indicator.bit IS 'Bit of the indicator in povext.deprivations; assigned on insert, never changed';
COMMENT ON COLUMN povext.indicator.dimension IS 'Dimension the indicator belongs to, e.g. health';
COMMENT ON COLUMN povext.indicator.description_vi IS 'Deprivation cut-off in Vietnamese';
COMMENT ON COLUMN povext.indicator.description_en IS 'Deprivation cut-off in English';
COMMENT ON COLUMN povext.indicator.confidence IS 'How well the cut-off is supported by the sources';
COMMENT ON COLUMN povext.indicator.shipped IS 'True for rows installed by povext (kept by the catalog triggers)';
COMMENT ON COLUMN povext.indicator.corrected IS 'True for shipped rows a DBA has corrected (kept by the catalog triggers)';

CREATE TABLE povext.standard (
    code text PRIMARY KEY CHECK (code ~ '^[a-z0-9][a-z0-9_.-]*$' AND length(code) <= 63),
    scope text NOT NULL,
    name text NOT NULL,
    unit povext.income_unit,
    rule povext.rule_kind NOT NULL,
    minimum_deprivations integer CHECK (minimum_deprivations >= 0),
    legal_basis text NOT NULL,
    confidence povext.confidence NOT NULL,
    note text,
    shipped boolean NOT NULL DEFAULT false,
    corrected boolean NOT NULL DEFAULT false,
    UNIQUE (code, scope),
    CHECK ((rule = 'weighted_score') = (unit IS NULL)),
    CHECK ((rule = 'weighted_score') = (minimum_deprivations IS NULL))
);
COMMENT ON TABLE povext.standard IS
    'Poverty standards: how income and deprivations combine; income lines per area are in povext.standard_line';
COMMENT ON COLUMN povext.standard.code IS 'Code of the standard, e.g. vn-2022';
COMMENT ON COLUMN povext.standard.scope IS 'Who applies it: national, hcmc, international, or a DBA''s own scope';
COMMENT ON COLUMN povext.standard.name IS 'Human-readable name';
COMMENT ON COLUMN povext.standard.unit IS 'Unit of the income lines: VND per person per month or per year (NULL for weighted_score)';
COMMENT ON COLUMN povext.standard.rule IS 'How income and deprivations combine';
COMMENT ON COLUMN povext.standard.minimum_deprivations IS 'K: number of the standard''s indicators that makes a household deprived enough (NULL for weighted_score)';
COMMENT ON COLUMN povext.standard.legal_basis IS 'Legal text the rule comes from';
COMMENT ON COLUMN povext.standard.confidence IS 'How well the rule is supported by the sources';
COMMENT ON COLUMN povext.standard.note IS 'What is uncertain and what was chosen';
COMMENT ON COLUMN povext.standard.shipped IS 'True for rows installed by povext (kept by the catalog triggers)';
COMMENT ON COLUMN povext.standard.corrected IS 'True for shipped rows a DBA has corrected (kept by the catalog triggers)';

CREATE TABLE povext.standard_line (
    standard text NOT NULL,
    scope text NOT NULL,
    area povext.area NOT NULL,
    in_force daterange NOT NULL CHECK (NOT isempty(in_force)),
    poor_line numeric NOT NULL CHECK (poor_line >= 0),
    near_poor_line numeric NOT NULL,
    middle_line numeric,
    legal_basis text NOT NULL,
    confidence povext.confidence NOT NULL,
    shipped boolean NOT NULL DEFAULT false,
    corrected boolean NOT NULL DEFAULT false,
    PRIMARY KEY (standard, area),
    FOREIGN KEY (standard, scope) REFERENCES povext.standard (code, scope) ON UPDATE CASCADE,
    CHECK (near_poor_line >= poor_line),
    CHECK (middle_line >= near_poor_line),
    EXCLUDE USING gist (scope WITH =, area WITH =, in_force WITH &&)
);
COMMENT ON TABLE povext.standard_line IS
    'Income lines of a standard for one area and its period of force; periods of one scope and area never overlap';
COMMENT ON COLUMN povext.standard_line.standard IS 'Code of the standard';
COMMENT ON COLUMN povext.standard_line.scope IS 'Scope of the standard (kept equal to povext.standard.scope by the foreign key)';
COMMENT ON COLUMN povext.standard_line.area IS 'Area the lines apply to';
COMMENT ON COLUMN povext.standard_line.in_force IS 'Dates the lines are in force';
COMMENT ON COLUMN povext.standard_line.poor_line IS 'Poverty line: per-capita income at or below it is poor (two_band) or poor or near-poor (income_and_deprivation)';
COMMENT ON COLUMN povext.standard_line.near_poor_line IS 'Upper line of the near-poor band (equal to poor_line when the standard has no separate band)';
COMMENT ON COLUMN povext.standard_line.middle_line IS 'Upper line of middle-living-standard households, if the standard defines one';
COMMENT ON COLUMN povext.standard_line.legal_basis IS 'Legal text the lines come from';
COMMENT ON COLUMN povext.standard_line.confidence IS 'How well the lines are supported by the sources';
COMMENT ON COLUMN povext.standard_line.shipped IS 'True for rows installed by povext (kept by the catalog triggers)';
COMMENT ON COLUMN povext.standard_line.corrected IS 'True for shipped rows a DBA has corrected (kept by the catalog triggers)';

CREATE TABLE povext.standard_indicator (
    standard text NOT NULL REFERENCES povext.standard (code) ON UPDATE CASCADE,
    indicator text NOT NULL REFERENCES povext.indicator (code) ON UPDATE CASCADE,
    weight_numerator integer NOT NULL CHECK (weight_numerator > 0),
    weight_denominator integer NOT NULL CHECK (weight_denominator > 0),
    confidence povext.confidence NOT NULL,
    shipped boolean NOT NULL DEFAULT false,
    corrected boolean NOT NULL DEFAULT false,
    PRIMARY KEY (standard, indicator)
);
COMMENT ON TABLE povext.standard_indicator IS
    'Indicators a standard counts, with exact rational weights (weight_numerator / weight_denominator)';
COMMENT ON COLUMN povext.standard_indicator.standard IS 'Code of the standard';
COMMENT ON COLUMN povext.standard_indicator.indicator IS 'Code of the indicator';
COMMENT ON COLUMN povext.standard_indicator.weight_numerator IS 'Numerator of the indicator''s weight in the deprivation score';
COMMENT ON COLUMN povext.standard_indicator.weight_denominator IS 'Denominator of the indicator''s weight in the deprivation score';
COMMENT ON COLUMN povext.standard_indicator.confidence IS 'How well the indicator''s place in the standard is supported';
COMMENT ON COLUMN povext.standard_indicator.shipped IS 'True for rows installed by povext (kept by the catalog triggers)';
COMMENT ON COLUMN povext.standard_indicator.corrected IS 'True for shipped rows a DBA has corrected (kept by the catalog triggers)';

CREATE SEQUENCE povext.indicator_bit_seq AS smallint MINVALUE 0 MAXVALUE 63 NO CYCLE;
COMMENT ON SEQUENCE povext.indicator_bit_seq IS
    'Bits of new indicators: a bit is never given twice, so a deleted indicator''s bit cannot be misread as another';

GRANT USAGE ON SCHEMA povext TO PUBLIC;
GRANT SELECT ON povext.indicator, povext.standard, povext.standard_line, povext.standard_indicator TO PUBLIC;
COMMENT ON SCHEMA povext IS 'povext: poverty standards, household classification and poverty measures';
