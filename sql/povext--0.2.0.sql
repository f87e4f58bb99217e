-- povext install script: enum types.
-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION povext" to load this file. \quit

CREATE TYPE povext.status AS ENUM ('poor', 'near_poor', 'middle', 'not_poor');
COMMENT ON TYPE povext.status IS
    'Poverty status of a household under a standard: poor (hộ nghèo), near_poor (hộ cận nghèo), middle (hộ có mức sống trung bình), not_poor';

CREATE TYPE povext.area AS ENUM ('urban', 'rural');
COMMENT ON TYPE povext.area IS
    'Area a household lives in (thành thị / nông thôn); national standards set different lines for each';

CREATE TYPE povext.income_unit AS ENUM ('month', 'year');
COMMENT ON TYPE povext.income_unit IS
    'Period a per-capita income line is expressed in: VND per person per month (national standards) or per year (HCMC)';

CREATE TYPE povext.rule_kind AS ENUM ('two_band', 'income_and_deprivation', 'weighted_score');
COMMENT ON TYPE povext.rule_kind IS
    'How a standard combines income and deprivations: two_band (2016-2020 national, HCMC to 2024), income_and_deprivation (2022-2025 national), weighted_score (deprivation index only, e.g. the global MPI)';

CREATE TYPE povext.confidence AS ENUM ('confirmed', 'secondary', 'unverified', 'unknown');
COMMENT ON TYPE povext.confidence IS
    'How well a shipped fact is supported: confirmed in a legal text, secondary or partial source, commonly cited but unverified, or unknown (a plausible placeholder)';

-- povext install script: the deprivations type, a set of indicator codes
-- stored as a 64-bit mask whose bits are assigned in povext.indicator.

CREATE TYPE povext.deprivations;

CREATE FUNCTION povext.deprivations_in(cstring) RETURNS povext.deprivations
    AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povext.deprivations_out(povext.deprivations) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povext.deprivations_recv(internal) RETURNS povext.deprivations
    AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povext.deprivations_send(povext.deprivations) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE povext.deprivations (
    INPUT = povext.deprivations_in,
    OUTPUT = povext.deprivations_out,
    RECEIVE = povext.deprivations_recv,
    SEND = povext.deprivations_send,
    INTERNALLENGTH = 8,
    PASSEDBYVALUE,
    ALIGNMENT = double,
    STORAGE = plain
);
COMMENT ON TYPE povext.deprivations IS
    'Set of deprivation indicator codes of povext.indicator, e.g. {health_insurance,housing_area}; stored as a 64-bit mask, printed in indicator order';

COMMENT ON FUNCTION povext.deprivations_in(cstring) IS 'Input function of povext.deprivations';
COMMENT ON FUNCTION povext.deprivations_out(povext.deprivations) IS 'Output function of povext.deprivations';
COMMENT ON FUNCTION povext.deprivations_recv(internal) IS 'Binary input function of povext.deprivations';
COMMENT ON FUNCTION povext.deprivations_send(povext.deprivations) IS 'Binary output function of povext.deprivations';

-- Set functions

CREATE FUNCTION povext.deprivation_count(povext.deprivations) RETURNS integer
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povext.deprivation_count(povext.deprivations) IS
    'Number of indicators in a deprivation set';

CREATE FUNCTION povext.deprivations_union(povext.deprivations, povext.deprivations) RETURNS povext.deprivations
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povext.deprivations_union(povext.deprivations, povext.deprivations) IS
    'Indicators in either set (operator |)';

CREATE FUNCTION povext.deprivations_intersect(povext.deprivations, povext.deprivations) RETURNS povext.deprivations
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povext.deprivations_intersect(povext.deprivations, povext.deprivations) IS
    'Indicators in both sets (operator &)';

CREATE FUNCTION povext.deprivations_minus(povext.deprivations, povext.deprivations) RETURNS povext.deprivations
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povext.deprivations_minus(povext.deprivations, povext.deprivations) IS
    'Indicators in the first set and not in the second (operator -)';

CREATE FUNCTION povext.deprivations_contains(povext.deprivations, povext.deprivations) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povext.deprivations_contains(povext.deprivations, povext.deprivations) IS
    'True if the first set contains every indicator of the second (operator @>)';

CREATE FUNCTION povext.deprivations_contained(povext.deprivations, povext.deprivations) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povext.deprivations_contained(povext.deprivations, povext.deprivations) IS
    'True if every indicator of the first set is in the second (operator <@)';

CREATE FUNCTION povext.deprivations_overlap(povext.deprivations, povext.deprivations) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povext.deprivations_overlap(povext.deprivations, povext.deprivations) IS
    'True if the sets share an indicator (operator &&)';

CREATE OPERATOR povext.| (
    LEFTARG = povext.deprivations, RIGHTARG = povext.deprivations,
    FUNCTION = povext.deprivations_union, COMMUTATOR = OPERATOR(povext.|)
);
COMMENT ON OPERATOR povext.| (povext.deprivations, povext.deprivations) IS 'union of deprivation sets';

CREATE OPERATOR povext.& (
    LEFTARG = povext.deprivations, RIGHTARG = povext.deprivations,
    FUNCTION = povext.deprivations_intersect, COMMUTATOR = OPERATOR(povext.&)
);
COMMENT ON OPERATOR povext.& (povext.deprivations, povext.deprivations) IS 'intersection of deprivation sets';

CREATE OPERATOR povext.- (
    LEFTARG = povext.deprivations, RIGHTARG = povext.deprivations,
    FUNCTION = povext.deprivations_minus
);
COMMENT ON OPERATOR povext.- (povext.deprivations, povext.deprivations) IS 'difference of deprivation sets';

CREATE OPERATOR povext.@> (
    LEFTARG = povext.deprivations, RIGHTARG = povext.deprivations,
    FUNCTION = povext.deprivations_contains, COMMUTATOR = OPERATOR(povext.<@),
    RESTRICT = contsel, JOIN = contjoinsel
);
COMMENT ON OPERATOR povext.@> (povext.deprivations, povext.deprivations) IS 'contains';

CREATE OPERATOR povext.<@ (
    LEFTARG = povext.deprivations, RIGHTARG = povext.deprivations,
    FUNCTION = povext.deprivations_contained, COMMUTATOR = OPERATOR(povext.@>),
    RESTRICT = contsel, JOIN = contjoinsel
);
COMMENT ON OPERATOR povext.<@ (povext.deprivations, povext.deprivations) IS 'is contained by';

CREATE OPERATOR povext.&& (
    LEFTARG = povext.deprivations, RIGHTARG = povext.deprivations,
    FUNCTION = povext.deprivations_overlap, COMMUTATOR = OPERATOR(povext.&&),
    RESTRICT = areasel, JOIN = areajoinsel
);
COMMENT ON OPERATOR povext.&& (povext.deprivations, povext.deprivations) IS 'overlaps';

-- Comparison: equality of sets, and a total order (by mask value) for
-- sorting, grouping and btree indexes.

CREATE FUNCTION povext.deprivations_eq(povext.deprivations, povext.deprivations) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION povext.deprivations_ne(povext.deprivations, povext.deprivations) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION povext.deprivations_lt(povext.deprivations, povext.deprivations) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION povext.deprivations_le(povext.deprivations, povext.deprivations) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION povext.deprivations_gt(povext.deprivations, povext.deprivations) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION povext.deprivations_ge(povext.deprivations, povext.deprivations) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION povext.deprivations_cmp(povext.deprivations, povext.deprivations) RETURNS integer
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION povext.deprivations_hash(povext.deprivations) RETURNS integer
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION povext.deprivations_hash_extended(povext.deprivations, bigint) RETURNS bigint
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

COMMENT ON FUNCTION povext.deprivations_eq(povext.deprivations, povext.deprivations) IS 'True if the sets are equal (operator =)';
COMMENT ON FUNCTION povext.deprivations_ne(povext.deprivations, povext.deprivations) IS 'True if the sets differ (operator <>)';
COMMENT ON FUNCTION povext.deprivations_lt(povext.deprivations, povext.deprivations) IS 'Sort order of sets (operator <)';
COMMENT ON FUNCTION povext.deprivations_le(povext.deprivations, povext.deprivations) IS 'Sort order of sets (operator <=)';
COMMENT ON FUNCTION povext.deprivations_gt(povext.deprivations, povext.deprivations) IS 'Sort order of sets (operator >)';
COMMENT ON FUNCTION povext.deprivations_ge(povext.deprivations, povext.deprivations) IS 'Sort order of sets (operator >=)';
COMMENT ON FUNCTION povext.deprivations_cmp(povext.deprivations, povext.deprivations) IS 'Btree support: -1, 0 or 1 in the sort order of sets';
COMMENT ON FUNCTION povext.deprivations_hash(povext.deprivations) IS 'Hash support for deprivation sets';
COMMENT ON FUNCTION povext.deprivations_hash_extended(povext.deprivations, bigint) IS 'Seeded hash support for deprivation sets';

CREATE OPERATOR povext.= (
    LEFTARG = povext.deprivations, RIGHTARG = povext.deprivations, FUNCTION = povext.deprivations_eq,
    COMMUTATOR = OPERATOR(povext.=), NEGATOR = OPERATOR(povext.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR povext.<> (
    LEFTARG = povext.deprivations, RIGHTARG = povext.deprivations, FUNCTION = povext.deprivations_ne,
    COMMUTATOR = OPERATOR(povext.<>), NEGATOR = OPERATOR(povext.=),
    RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR povext.< (
    LEFTARG = povext.deprivations, RIGHTARG = povext.deprivations, FUNCTION = povext.deprivations_lt,
    COMMUTATOR = OPERATOR(povext.>), NEGATOR = OPERATOR(povext.>=),
    RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR povext.<= (
    LEFTARG = povext.deprivations, RIGHTARG = povext.deprivations, FUNCTION = povext.deprivations_le,
    COMMUTATOR = OPERATOR(povext.>=), NEGATOR = OPERATOR(povext.>),
    RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR povext.> (
    LEFTARG = povext.deprivations, RIGHTARG = povext.deprivations, FUNCTION = povext.deprivations_gt,
    COMMUTATOR = OPERATOR(povext.<), NEGATOR = OPERATOR(povext.<=),
    RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR povext.>= (
    LEFTARG = povext.deprivations, RIGHTARG = povext.deprivations, FUNCTION = povext.deprivations_ge,
    COMMUTATOR = OPERATOR(povext.<=), NEGATOR = OPERATOR(povext.<),
    RESTRICT = scalargesel, JOIN = scalargejoinsel
);
COMMENT ON OPERATOR povext.= (povext.deprivations, povext.deprivations) IS 'equal';
COMMENT ON OPERATOR povext.<> (povext.deprivations, povext.deprivations) IS 'not equal';
COMMENT ON OPERATOR povext.< (povext.deprivations, povext.deprivations) IS 'less than (mask order)';
COMMENT ON OPERATOR povext.<= (povext.deprivations, povext.deprivations) IS 'less than or equal (mask order)';
COMMENT ON OPERATOR povext.> (povext.deprivations, povext.deprivations) IS 'greater than (mask order)';
COMMENT ON OPERATOR povext.>= (povext.deprivations, povext.deprivations) IS 'greater than or equal (mask order)';

CREATE OPERATOR CLASS povext.deprivations_ops
    DEFAULT FOR TYPE povext.deprivations USING btree AS
        OPERATOR 1 povext.<,
        OPERATOR 2 povext.<=,
        OPERATOR 3 povext.=,
        OPERATOR 4 povext.>=,
        OPERATOR 5 povext.>,
        FUNCTION 1 povext.deprivations_cmp(povext.deprivations, povext.deprivations);

CREATE OPERATOR CLASS povext.deprivations_hash_ops
    DEFAULT FOR TYPE povext.deprivations USING hash AS
        OPERATOR 1 povext.=,
        FUNCTION 1 povext.deprivations_hash(povext.deprivations),
        FUNCTION 2 povext.deprivations_hash_extended(povext.deprivations, bigint);
COMMENT ON OPERATOR CLASS povext.deprivations_ops USING btree IS 'btree operator class of deprivation sets (mask order)';
COMMENT ON OPERATOR CLASS povext.deprivations_hash_ops USING hash IS 'hash operator class of deprivation sets';

-- Casts to and from arrays of indicator codes

CREATE FUNCTION povext.deprivations_from_codes(text[]) RETURNS povext.deprivations
    AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povext.deprivations_from_codes(text[]) IS
    'Deprivation set of an array of indicator codes (cast text[] to deprivations); unknown, NULL or repeated codes are errors';

CREATE FUNCTION povext.deprivations_to_codes(povext.deprivations) RETURNS text[]
    AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povext.deprivations_to_codes(povext.deprivations) IS
    'Indicator codes of a deprivation set in indicator order (cast deprivations to text[])';

CREATE CAST (text[] AS povext.deprivations) WITH FUNCTION povext.deprivations_from_codes(text[]) AS ASSIGNMENT;
CREATE CAST (povext.deprivations AS text[]) WITH FUNCTION povext.deprivations_to_codes(povext.deprivations);
COMMENT ON CAST (text[] AS povext.deprivations) IS 'deprivation set of an array of indicator codes';
COMMENT ON CAST (povext.deprivations AS text[]) IS 'indicator codes of a deprivation set, in indicator order';

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

-- povext install script: the indicators and standards shipped with povext.
-- Sources and confidence are those of shared/standards.md; rows that are not
-- confirmed say so in their confidence column and note.

INSERT INTO povext.indicator (code, bit, dimension, description_vi, description_en, confidence, shipped) VALUES
    ('employment', 0, 'employment',
     'Có thành viên trong độ tuổi lao động thất nghiệp hoặc làm công hưởng lương không có hợp đồng lao động',
     'A working-age member is unemployed, or works for wages without a labour contract', 'secondary', true),
    ('dependants', 1, 'employment',
     'Người phụ thuộc (trẻ em dưới 16 tuổi, người cao tuổi, người khuyết tật) chiếm trên 50% số thành viên',
     'Dependants (children under 16, elderly, people with disabilities) are more than half of the members', 'secondary', true),
    ('nutrition', 2, 'health',
     'Có trẻ em dưới 16 tuổi bị suy dinh dưỡng chiều cao theo tuổi hoặc cân nặng theo tuổi',
     'A child under 16 is stunted or underweight', 'confirmed', true),
    ('health_insurance', 3, 'health',
     'Có thành viên từ đủ 6 tuổi trở lên không có bảo hiểm y tế',
     'A member aged 6 or over has no health insurance', 'confirmed', true),
    ('adult_education', 4, 'education',
     'Có thành viên từ 16 đến 30 tuổi không đi học và không đạt trình độ giáo dục phù hợp với độ tuổi',
     'A member aged 16-30 is not studying and lacks the level for their age (16-17: lower secondary; 18-30: upper secondary or vocational)', 'secondary', true),
    ('school_attendance', 5, 'education',
     'Có trẻ em từ 3 tuổi đến dưới 16 tuổi không được đi học đúng bậc, cấp học phù hợp với độ tuổi',
     'A child aged 3 to under 16 is not attending school at the right level', 'secondary', true),
    ('housing_quality', 6, 'housing',
     'Nhà ở thiếu kiên cố hoặc đơn sơ (2 trong 3 kết cấu tường, cột, mái không bền chắc)',
     'Non-durable house (2 of walls, columns, roof non-durable)', 'secondary', true),
    ('housing_area', 7, 'housing',
     'Diện tích nhà ở bình quân đầu người dưới 8 m²',
     'Floor area per person under 8 m²', 'secondary', true),
    ('water', 8, 'water_sanitation',
     'Không tiếp cận được nguồn nước sinh hoạt an toàn',
     'No clean domestic water source', 'secondary', true),
    ('sanitation', 9, 'water_sanitation',
     'Không sử dụng hố xí, nhà tiêu hợp vệ sinh',
     'No hygienic latrine', 'secondary', true),
    ('telecom', 10, 'information',
     'Không có thành viên sử dụng dịch vụ viễn thông, internet',
     'No member uses telecom or internet services', 'unverified', true),
    ('information_access', 11, 'information',
     'Không có phương tiện tiếp cận thông tin (ti vi, radio, máy tính, điện thoại, máy tính bảng) và không tiếp cận hệ thống loa đài truyền thanh xã',
     'No TV, radio, computer, phone or tablet and no access to the commune loudspeaker system', 'unverified', true),
    ('health_access', 12, 'health',
     'Có người bị ốm đau nhưng không đi khám chữa bệnh',
     'A sick member did not seek medical care', 'unverified', true),
    ('social_insurance', 13, 'employment',
     'Có thành viên trong độ tuổi lao động có việc làm tạo thu nhập nhưng không tham gia bảo hiểm xã hội',
     'A working-age member works for income but pays no social insurance', 'confirmed', true),
    ('child_mortality', 14, 'health',
     'Có trẻ em dưới 18 tuổi tử vong trong gia đình trong 5 năm qua (MPI toàn cầu)',
     'A child under 18 died in the family in the last five years (global MPI)', 'confirmed', true),
    ('years_of_schooling', 15, 'education',
     'Không có thành viên từ 10 tuổi trở lên đã học xong 6 năm (MPI toàn cầu)',
     'No member aged 10 or older has completed six years of schooling (global MPI)', 'confirmed', true),
    ('cooking_fuel', 16, 'living_standards',
     'Nấu ăn bằng phân, gỗ, than hoặc rơm rạ (MPI toàn cầu)',
     'Cooks with dung, wood, charcoal or coal (global MPI)', 'confirmed', true),
    ('drinking_water', 17, 'living_standards',
     'Không có nước uống an toàn hoặc phải đi trên 30 phút khứ hồi để lấy (MPI toàn cầu)',
     'No safe drinking water, or it is 30 minutes or more away round trip (global MPI)', 'confirmed', true),
    ('electricity', 18, 'living_standards',
     'Không có điện (MPI toàn cầu)',
     'Has no electricity (global MPI)', 'confirmed', true),
    ('housing', 19, 'living_standards',
     'Sàn, mái hoặc tường nhà làm bằng vật liệu thô sơ (MPI toàn cầu)',
     'Floor, roof or walls of rudimentary materials (global MPI)', 'confirmed', true),
    ('assets', 20, 'living_standards',
     'Không có quá một trong các tài sản: radio, ti vi, điện thoại, máy tính, xe súc vật kéo, xe đạp, xe máy, tủ lạnh, và không có ô tô (MPI toàn cầu)',
     'Owns at most one of radio, TV, telephone, computer, animal cart, bicycle, motorbike or refrigerator, and no car (global MPI)', 'confirmed', true);

INSERT INTO povext.standard (code, scope, name, unit, rule, minimum_deprivations, legal_basis, confidence, note, shipped) VALUES
    ('vn-2016', 'national', 'Chuẩn nghèo tiếp cận đa chiều 2016-2020', 'month', 'two_band', 3,
     'QĐ 59/2015/QĐ-TTg, Art. 2', 'confirmed',
     'Extended to 2021 by NQ 1/2021; indicator cut-offs are commonly cited, not verified.', true),
    ('vn-2022', 'national', 'Chuẩn nghèo đa chiều 2022-2025', 'month', 'income_and_deprivation', 3,
     'NĐ 07/2021/NĐ-CP, Art. 3 (amended by NĐ 30/2025/NĐ-CP)', 'confirmed',
     'An income above the poor line is never poor, whatever the deprivations.', true),
    ('hcm-2016', 'hcmc', 'Chuẩn nghèo TP.HCM 2016-2018', 'year', 'two_band', 3,
     'HCMC standard for 2016-2020 (first period)', 'secondary',
     'Lines confirmed; the two_band rule is a secondary reading; the indicator list is unknown and assumed to be the national 2016-2020 one.', true),
    ('hcm-2019', 'hcmc', 'Chuẩn nghèo TP.HCM 2019-2020', 'year', 'two_band', 3,
     'HCMC 2019 amendment of the 2016-2020 standard (5 dimensions, 11 indicators)', 'secondary',
     'Lines and indicator count confirmed; the two_band rule is a secondary reading; the list of 11 indicators is unknown and a plausible one is shipped.', true),
    ('hcm-2021', 'hcmc', 'Chuẩn nghèo đa chiều TP.HCM 2021-2025', 'year', 'two_band', 3,
     'NQ 13/NQ-HĐND 2020; QĐ 995/QĐ-UBND 2021', 'secondary',
     'Lines and the 10 indicators confirmed; the two_band rule is a secondary reading; the housing area cut-off (6 or 10 m²) comes from a draft.', true),
    ('hcm-2024', 'hcmc', 'Chuẩn nghèo đa chiều TP.HCM từ 10/2024', 'year', 'income_and_deprivation', 3,
     'NQ 15/NQ-HĐND 2024', 'secondary',
     'The 13 indicators are confirmed; lines and the income_and_deprivation rule come from secondary sources.', true),
    ('ophi-mpi', 'international', 'Global Multidimensional Poverty Index (OPHI/UNDP)', NULL, 'weighted_score', NULL,
     'Alkire, Kanagaratnam and Suppa, The global MPI 2023 (OPHI MPI methodological note 55)', 'confirmed',
     'Poor if the weighted score is at least 1/3, vulnerable from 1/5, severe from 1/2; no income lines.', true);

INSERT INTO povext.standard_line (standard, scope, area, in_force, poor_line, near_poor_line, middle_line, legal_basis, confidence, shipped) VALUES
    ('vn-2016', 'national', 'rural', '[2016-01-01,2022-01-01)', 700000, 1000000, 1500000, 'QĐ 59/2015/QĐ-TTg, Art. 2', 'confirmed', true),
    ('vn-2016', 'national', 'urban', '[2016-01-01,2022-01-01)', 900000, 1300000, 1950000, 'QĐ 59/2015/QĐ-TTg, Art. 2', 'confirmed', true),
    ('vn-2022', 'national', 'rural', '[2022-01-01,2027-01-01)', 1500000, 1500000, 2250000, 'NĐ 07/2021/NĐ-CP, Art. 3', 'confirmed', true),
    ('vn-2022', 'national', 'urban', '[2022-01-01,2027-01-01)', 2000000, 2000000, 3000000, 'NĐ 07/2021/NĐ-CP, Art. 3', 'confirmed', true),
    ('hcm-2016', 'hcmc', 'rural', '[2016-01-01,2019-01-01)', 21000000, 28000000, NULL, 'HCMC standard for 2016-2020', 'confirmed', true),
    ('hcm-2016', 'hcmc', 'urban', '[2016-01-01,2019-01-01)', 21000000, 28000000, NULL, 'HCMC standard for 2016-2020', 'confirmed', true),
    ('hcm-2019', 'hcmc', 'rural', '[2019-01-01,2021-01-01)', 28000000, 36000000, NULL, 'HCMC 2019 amendment', 'confirmed', true),
    ('hcm-2019', 'hcmc', 'urban', '[2019-01-01,2021-01-01)', 28000000, 36000000, NULL, 'HCMC 2019 amendment', 'confirmed', true),
    ('hcm-2021', 'hcmc', 'rural', '[2021-01-01,2024-10-01)', 36000000, 46000000, NULL, 'NQ 13/NQ-HĐND 2020', 'confirmed', true),
    ('hcm-2021', 'hcmc', 'urban', '[2021-01-01,2024-10-01)', 36000000, 46000000, NULL, 'NQ 13/NQ-HĐND 2020', 'confirmed', true),
    ('hcm-2024', 'hcmc', 'rural', '[2024-10-01,2026-01-01)', 46000000, 46000000, 69000000, 'NQ 15/NQ-HĐND 2024', 'secondary', true),
    ('hcm-2024', 'hcmc', 'urban', '[2024-10-01,2026-01-01)', 46000000, 46000000, 69000000, 'NQ 15/NQ-HĐND 2024', 'secondary', true);

-- National standards count deprivations, which is an equally weighted score.
INSERT INTO povext.standard_indicator (standard, indicator, weight_numerator, weight_denominator, confidence, shipped)
SELECT s.standard, i.indicator, 1, pg_catalog.count(*) OVER (PARTITION BY s.standard), s.confidence, true
  FROM (VALUES
        ('vn-2016', '{health_access,health_insurance,adult_education,school_attendance,housing_quality,housing_area,water,sanitation,telecom,information_access}'::text[], 'confirmed'::povext.confidence),
        ('vn-2022', '{employment,dependants,nutrition,health_insurance,adult_education,school_attendance,housing_quality,housing_area,water,sanitation,telecom,information_access}', 'confirmed'),
        ('hcm-2016', '{health_access,health_insurance,adult_education,school_attendance,housing_quality,housing_area,water,sanitation,telecom,information_access}', 'unknown'),
        ('hcm-2019', '{adult_education,school_attendance,health_insurance,health_access,employment,social_insurance,housing_quality,housing_area,water,sanitation,information_access}', 'unknown'),
        ('hcm-2021', '{employment,dependants,nutrition,health_insurance,adult_education,school_attendance,housing_quality,housing_area,water,social_insurance}', 'confirmed'),
        ('hcm-2024', '{employment,dependants,nutrition,health_insurance,adult_education,school_attendance,housing_quality,housing_area,water,sanitation,telecom,information_access,social_insurance}', 'confirmed')
       ) AS s(standard, indicators, confidence),
       unnest(s.indicators) AS i(indicator);

INSERT INTO povext.standard_indicator (standard, indicator, weight_numerator, weight_denominator, confidence, shipped) VALUES
    ('ophi-mpi', 'nutrition', 1, 6, 'confirmed', true),
    ('ophi-mpi', 'child_mortality', 1, 6, 'confirmed', true),
    ('ophi-mpi', 'years_of_schooling', 1, 6, 'confirmed', true),
    ('ophi-mpi', 'school_attendance', 1, 6, 'confirmed', true),
    ('ophi-mpi', 'cooking_fuel', 1, 18, 'confirmed', true),
    ('ophi-mpi', 'sanitation', 1, 18, 'confirmed', true),
    ('ophi-mpi', 'drinking_water', 1, 18, 'confirmed', true),
    ('ophi-mpi', 'electricity', 1, 18, 'confirmed', true),
    ('ophi-mpi', 'housing', 1, 18, 'confirmed', true),
    ('ophi-mpi', 'assets', 1, 18, 'confirmed', true);

SELECT pg_catalog.setval('povext.indicator_bit_seq', (SELECT max(bit) FROM povext.indicator));

-- povext install script: triggers of the catalog tables, created after the
-- shipped rows are loaded, so that every row inserted later is the DBA's.

CREATE FUNCTION povext.indicator_assign_bit() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF NEW.bit IS DISTINCT FROM OLD.bit THEN
            RAISE EXCEPTION 'cannot change the bit of indicator "%"', OLD.code
                USING ERRCODE = 'object_not_in_prerequisite_state',
                      DETAIL = 'Stored deprivation sets refer to indicators by bit.';
        END IF;
    ELSIF NEW.bit IS NOT NULL THEN
        -- a bit given explicitly (e.g. by a restore) is never given again
        IF NEW.bit > (SELECT s.last_value FROM povext.indicator_bit_seq AS s) THEN
            PERFORM pg_catalog.setval('povext.indicator_bit_seq', NEW.bit);
        END IF;
    ELSE
        -- a row with the code of an existing one keeps its bit (it corrects a
        -- shipped row, or fails as a duplicate); a bad code spends no bit
        SELECT i.bit INTO NEW.bit FROM povext.indicator AS i WHERE i.code = NEW.code;
        IF FOUND THEN
            RETURN NEW;
        END IF;
        IF NEW.code IS NULL OR NEW.code !~ '^[a-z][a-z0-9_]*$' OR length(NEW.code) > 63 THEN
            RAISE EXCEPTION 'invalid indicator code "%"', NEW.code
                USING ERRCODE = 'check_violation',
                      DETAIL = 'Codes are lower-case letters, digits and underscores, start with a letter and have at most 63 characters.';
        END IF;
        IF (SELECT s.is_called AND s.last_value >= 63 FROM povext.indicator_bit_seq AS s) THEN
            RAISE EXCEPTION 'cannot add indicator "%": all 64 indicator bits have been given', NEW.code
                USING ERRCODE = 'program_limit_exceeded';
        END IF;
        NEW.bit := pg_catalog.nextval('povext.indicator_bit_seq');
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION povext.indicator_assign_bit() IS
    'Trigger: gives a new indicator the next never-used bit and forbids changing the bit of an existing one';

CREATE TRIGGER indicator_assign_bit BEFORE INSERT OR UPDATE ON povext.indicator
    FOR EACH ROW EXECUTE FUNCTION povext.indicator_assign_bit();
COMMENT ON TRIGGER indicator_assign_bit ON povext.indicator IS
    'Gives new indicators a bit; bits never change';

CREATE FUNCTION povext.catalog_key(catalog_table regclass) RETURNS text[]
    LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
    SELECT array_agg(a.attname::text ORDER BY k.ord)
      FROM pg_index AS i
     CROSS JOIN unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
      JOIN pg_attribute AS a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
     WHERE i.indrelid = catalog_table AND i.indisprimary
$$;
COMMENT ON FUNCTION povext.catalog_key(regclass) IS
    'Primary key columns of a catalog table, in key order';

CREATE FUNCTION povext.shipped_row_guard() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    key_columns text[] := povext.catalog_key(TG_RELID);
    key_list text;
    column_list text;
    has_shipped_rows boolean;
    replaced boolean;
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        EXECUTE format('SELECT EXISTS (SELECT FROM %I.%I WHERE shipped)', TG_TABLE_SCHEMA, TG_TABLE_NAME)
           INTO has_shipped_rows;
        IF has_shipped_rows THEN
            RAISE EXCEPTION 'cannot truncate povext.%: it holds rows shipped with povext', TG_TABLE_NAME
                USING ERRCODE = 'object_not_in_prerequisite_state',
                      HINT = 'Delete the rows a DBA added with DELETE instead.';
        END IF;
        RETURN NULL;
    END IF;

    IF TG_OP = 'DELETE' THEN
        IF OLD.shipped THEN
            RAISE EXCEPTION 'cannot delete a row of povext.% shipped with povext', TG_TABLE_NAME
                USING ERRCODE = 'object_not_in_prerequisite_state',
                      DETAIL = format('The row is %s.', to_jsonb(OLD)),
                      HINT = 'Correct it with UPDATE instead, e.g. end a standard''s period of force.';
        END IF;
        RETURN OLD;
    END IF;

    IF TG_OP = 'UPDATE' THEN
        IF OLD.shipped AND EXISTS (SELECT FROM unnest(key_columns) AS k
                                    WHERE to_jsonb(OLD) -> k IS DISTINCT FROM to_jsonb(NEW) -> k) THEN
            RAISE EXCEPTION 'cannot change the key of a row of povext.% shipped with povext', TG_TABLE_NAME
                USING ERRCODE = 'object_not_in_prerequisite_state',
                      DETAIL = format('The key (%s) of shipped rows is fixed.', array_to_string(key_columns, ', ')),
                      HINT = 'Add a row of your own with the new key instead.';
        END IF;
        NEW.shipped := OLD.shipped;
        NEW.corrected := OLD.shipped;
        RETURN NEW;
    END IF;

    -- INSERT: a row with the key of a shipped row corrects that row in place
    -- (this is also how a restore puts a correction back).
    SELECT string_agg(format('%I', a.attname), ', ' ORDER BY a.attnum) INTO column_list
      FROM pg_attribute AS a
     WHERE a.attrelid = TG_RELID AND a.attnum > 0 AND NOT a.attisdropped
       AND a.attname NOT IN ('shipped', 'corrected');
    SELECT string_agg(format('%I', k), ', ') INTO key_list FROM unnest(key_columns) AS k;
    EXECUTE format(
        'UPDATE %1$I.%2$I AS t SET (%3$s) = (SELECT %3$s FROM jsonb_populate_record(NULL::%1$I.%2$I, $1))'
        ' WHERE t.shipped AND (%4$s) = (SELECT %4$s FROM jsonb_populate_record(NULL::%1$I.%2$I, $1))'
        ' RETURNING true',
        TG_TABLE_SCHEMA, TG_TABLE_NAME, column_list, key_list)
      INTO replaced USING to_jsonb(NEW);
    IF replaced THEN
        RETURN NULL;
    END IF;
    NEW.shipped := false;
    NEW.corrected := false;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION povext.shipped_row_guard() IS
    'Trigger: keeps shipped rows (no delete, truncate or change of key; a correction marks them corrected), makes inserted rows the DBA''s, and lets an inserted row with a shipped row''s key correct that row';

CREATE FUNCTION povext.catalog_changed() RETURNS trigger
    AS 'MODULE_PATHNAME' LANGUAGE C;
COMMENT ON FUNCTION povext.catalog_changed() IS
    'Trigger: tells every backend that its cached copy of the indicator and standard catalog is out of date';

CREATE TRIGGER shipped_row_guard BEFORE INSERT OR UPDATE OR DELETE ON povext.indicator
    FOR EACH ROW EXECUTE FUNCTION povext.shipped_row_guard();
CREATE TRIGGER shipped_row_guard_truncate BEFORE TRUNCATE ON povext.indicator
    FOR EACH STATEMENT EXECUTE FUNCTION povext.shipped_row_guard();
CREATE TRIGGER catalog_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON povext.indicator
    FOR EACH STATEMENT EXECUTE FUNCTION povext.catalog_changed();
ALTER TABLE povext.indicator ENABLE ALWAYS TRIGGER catalog_changed;
COMMENT ON TRIGGER shipped_row_guard ON povext.indicator IS 'Keeps shipped rows and marks corrections';
COMMENT ON TRIGGER shipped_row_guard_truncate ON povext.indicator IS 'Refuses to truncate shipped rows';
COMMENT ON TRIGGER catalog_changed ON povext.indicator IS 'Invalidates the classification cache of every backend';
SELECT pg_catalog.pg_extension_config_dump('povext.indicator', 'WHERE NOT shipped OR corrected');

CREATE TRIGGER shipped_row_guard BEFORE INSERT OR UPDATE OR DELETE ON povext.standard
    FOR EACH ROW EXECUTE FUNCTION povext.shipped_row_guard();
CREATE TRIGGER shipped_row_guard_truncate BEFORE TRUNCATE ON povext.standard
    FOR EACH STATEMENT EXECUTE FUNCTION povext.shipped_row_guard();
CREATE TRIGGER catalog_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON povext.standard
    FOR EACH STATEMENT EXECUTE FUNCTION povext.catalog_changed();
ALTER TABLE povext.standard ENABLE ALWAYS TRIGGER catalog_changed;
COMMENT ON TRIGGER shipped_row_guard ON povext.standard IS 'Keeps shipped rows and marks corrections';
COMMENT ON TRIGGER shipped_row_guard_truncate ON povext.standard IS 'Refuses to truncate shipped rows';
COMMENT ON TRIGGER catalog_changed ON povext.standard IS 'Invalidates the classification cache of every backend';
SELECT pg_catalog.pg_extension_config_dump('povext.standard', 'WHERE NOT shipped OR corrected');

CREATE TRIGGER shipped_row_guard BEFORE INSERT OR UPDATE OR DELETE ON povext.standard_line
    FOR EACH ROW EXECUTE FUNCTION povext.shipped_row_guard();
CREATE TRIGGER shipped_row_guard_truncate BEFORE TRUNCATE ON povext.standard_line
    FOR EACH STATEMENT EXECUTE FUNCTION povext.shipped_row_guard();
CREATE TRIGGER catalog_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON povext.standard_line
    FOR EACH STATEMENT EXECUTE FUNCTION povext.catalog_changed();
ALTER TABLE povext.standard_line ENABLE ALWAYS TRIGGER catalog_changed;
COMMENT ON TRIGGER shipped_row_guard ON povext.standard_line IS 'Keeps shipped rows and marks corrections';
COMMENT ON TRIGGER shipped_row_guard_truncate ON povext.standard_line IS 'Refuses to truncate shipped rows';
COMMENT ON TRIGGER catalog_changed ON povext.standard_line IS 'Invalidates the classification cache of every backend';
SELECT pg_catalog.pg_extension_config_dump('povext.standard_line', 'WHERE NOT shipped OR corrected');

CREATE TRIGGER shipped_row_guard BEFORE INSERT OR UPDATE OR DELETE ON povext.standard_indicator
    FOR EACH ROW EXECUTE FUNCTION povext.shipped_row_guard();
CREATE TRIGGER shipped_row_guard_truncate BEFORE TRUNCATE ON povext.standard_indicator
    FOR EACH STATEMENT EXECUTE FUNCTION povext.shipped_row_guard();
CREATE TRIGGER catalog_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON povext.standard_indicator
    FOR EACH STATEMENT EXECUTE FUNCTION povext.catalog_changed();
ALTER TABLE povext.standard_indicator ENABLE ALWAYS TRIGGER catalog_changed;
COMMENT ON TRIGGER shipped_row_guard ON povext.standard_indicator IS 'Keeps shipped rows and marks corrections';
COMMENT ON TRIGGER shipped_row_guard_truncate ON povext.standard_indicator IS 'Refuses to truncate shipped rows';
COMMENT ON TRIGGER catalog_changed ON povext.standard_indicator IS 'Invalidates the classification cache of every backend';
SELECT pg_catalog.pg_extension_config_dump('povext.standard_indicator', 'WHERE NOT shipped OR corrected');
SELECT pg_catalog.pg_extension_config_dump('povext.indicator_bit_seq', '');

-- povext install script: classification of households.
-- The functions read the standards through a per-backend cache, so they are
-- STABLE; they return NULL when any argument is NULL.

CREATE FUNCTION povext.classify(per_capita_income numeric, deprivations povext.deprivations,
                                standard text, area povext.area)
    RETURNS povext.status
    AS 'MODULE_PATHNAME', 'classify_standard' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povext.classify(numeric, povext.deprivations, text, povext.area) IS
    'Poverty status of a household under the named standard, from its per-capita income (in the standard''s unit) and deprivations; only the standard''s own indicators count';

CREATE FUNCTION povext.classify(per_capita_income numeric, deprivations povext.deprivations,
                                scope text, area povext.area, on_date date)
    RETURNS povext.status
    AS 'MODULE_PATHNAME', 'classify_scope' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povext.classify(numeric, povext.deprivations, text, povext.area, date) IS
    'Poverty status of a household under the standard of the scope (e.g. national, hcmc) in force for its area on the date';

CREATE FUNCTION povext.explain_classification(
        per_capita_income numeric, deprivations povext.deprivations, standard text, area povext.area,
        OUT standard text, OUT scope text, OUT legal_basis text, OUT area povext.area,
        OUT unit povext.income_unit, OUT rule povext.rule_kind, OUT per_capita_income numeric,
        OUT poor_line numeric, OUT near_poor_line numeric, OUT middle_line numeric,
        OUT minimum_deprivations integer, OUT deprivations_counted povext.deprivations,
        OUT deprivations_ignored povext.deprivations, OUT deprivation_count integer,
        OUT matched_rule text, OUT status povext.status)
    AS 'MODULE_PATHNAME', 'classify_explain_standard' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povext.explain_classification(numeric, povext.deprivations, text, povext.area) IS
    'Why a household gets its status under the named standard: the lines, the deprivations counted and ignored, the rule that matched';

CREATE FUNCTION povext.explain_classification(
        per_capita_income numeric, deprivations povext.deprivations, scope text, area povext.area, on_date date,
        OUT standard text, OUT scope text, OUT legal_basis text, OUT area povext.area,
        OUT unit povext.income_unit, OUT rule povext.rule_kind, OUT per_capita_income numeric,
        OUT poor_line numeric, OUT near_poor_line numeric, OUT middle_line numeric,
        OUT minimum_deprivations integer, OUT deprivations_counted povext.deprivations,
        OUT deprivations_ignored povext.deprivations, OUT deprivation_count integer,
        OUT matched_rule text, OUT status povext.status)
    AS 'MODULE_PATHNAME', 'classify_explain_scope' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povext.explain_classification(numeric, povext.deprivations, text, povext.area, date) IS
    'Why a household gets its status under the standard of the scope in force for its area on the date';

CREATE FUNCTION povext.per_capita_income(household_income numeric, members integer,
                                         unit povext.income_unit DEFAULT 'month')
    RETURNS numeric
    AS 'MODULE_PATHNAME', 'classify_per_capita_income' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povext.per_capita_income(numeric, integer, povext.income_unit) IS
    'Per-capita income from a household''s income of the 12 months before the review and its number of members, per month (national lines) or per year (HCMC lines)';

-- povext install script: Alkire-Foster multidimensional poverty (the
-- deprivation index) as mergeable, parallel aggregates.

CREATE TYPE povext.af_state;

CREATE FUNCTION povext.af_state_in(cstring) RETURNS povext.af_state
    AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povext.af_state_out(povext.af_state) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povext.af_state_recv(internal) RETURNS povext.af_state
    AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povext.af_state_send(povext.af_state) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL SAFE;

CREATE TYPE povext.af_state (
    INPUT = povext.af_state_in,
    OUTPUT = povext.af_state_out,
    RECEIVE = povext.af_state_recv,
    SEND = povext.af_state_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended
);
COMMENT ON TYPE povext.af_state IS
    'Alkire-Foster aggregate state of one standard: per distinct deprivation score, the weighted population and the weighted count deprived in each indicator; text form is JSON';

COMMENT ON FUNCTION povext.af_state_in(cstring) IS 'Input function of povext.af_state (its JSON form)';
COMMENT ON FUNCTION povext.af_state_out(povext.af_state) IS 'Output function of povext.af_state (JSON, indicators by code)';
COMMENT ON FUNCTION povext.af_state_recv(internal) IS 'Binary input function of povext.af_state';
COMMENT ON FUNCTION povext.af_state_send(povext.af_state) IS 'Binary output function of povext.af_state';

-- Building and merging states

CREATE FUNCTION povext.af_state_accum(povext.af_state, povext.deprivations, text)
    RETURNS povext.af_state
    AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE;
CREATE FUNCTION povext.af_state_accum(povext.af_state, povext.deprivations, text, double precision)
    RETURNS povext.af_state
    AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION povext.af_state_accum(povext.af_state, povext.deprivations, text) IS
    'Transition function of af_state_agg: adds one household';
COMMENT ON FUNCTION povext.af_state_accum(povext.af_state, povext.deprivations, text, double precision) IS
    'Transition function of af_state_agg: adds one household with its sampling weight';

CREATE FUNCTION povext.af_state_combine(povext.af_state, povext.af_state) RETURNS povext.af_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povext.af_state_combine(povext.af_state, povext.af_state) IS
    'Merges two deprivation-index states of the same standard (operator +); an error for different standards or weights';

CREATE AGGREGATE povext.af_state_agg(deprivations povext.deprivations, standard text) (
    SFUNC = povext.af_state_accum, STYPE = povext.af_state,
    COMBINEFUNC = povext.af_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE povext.af_state_agg(povext.deprivations, text) IS
    'Alkire-Foster state of the households'' deprivation sets under a standard''s indicators and weights, each household weighing 1';

CREATE AGGREGATE povext.af_state_agg(deprivations povext.deprivations, standard text, weight double precision) (
    SFUNC = povext.af_state_accum, STYPE = povext.af_state,
    COMBINEFUNC = povext.af_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE povext.af_state_agg(povext.deprivations, text, double precision) IS
    'Alkire-Foster state of the households'' deprivation sets under a standard, with sampling weights (e.g. household size); rows with a NULL argument are skipped';

CREATE AGGREGATE povext.af_state_merge(povext.af_state) (
    SFUNC = povext.af_state_combine, STYPE = povext.af_state,
    COMBINEFUNC = povext.af_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE povext.af_state_merge(povext.af_state) IS
    'Merges stored deprivation-index states (e.g. ward states into the district''s) exactly';

CREATE OPERATOR povext.+ (
    LEFTARG = povext.af_state, RIGHTARG = povext.af_state,
    FUNCTION = povext.af_state_combine, COMMUTATOR = OPERATOR(povext.+)
);
COMMENT ON OPERATOR povext.+ (povext.af_state, povext.af_state) IS 'merge of two deprivation-index states';

-- Measures read from a state

CREATE FUNCTION povext.af_measures(state povext.af_state, cutoff_share numeric,
        OUT cutoff_share numeric, OUT population numeric, OUT poor_population numeric,
        OUT headcount_ratio numeric, OUT intensity numeric, OUT m0 numeric)
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povext.af_measures(povext.af_state, numeric) IS
    'Alkire-Foster H (headcount ratio), A (intensity) and M0 = H*A when a weighted deprivation score of at least cutoff_share (0 < k <= 1, e.g. 1/3) is poor';

CREATE FUNCTION povext.af_measures_at_count(state povext.af_state, cutoff_count integer,
        OUT cutoff_share numeric, OUT population numeric, OUT poor_population numeric,
        OUT headcount_ratio numeric, OUT intensity numeric, OUT m0 numeric)
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povext.af_measures_at_count(povext.af_state, integer) IS
    'Alkire-Foster H, A and M0 at a cutoff given as a number of indicators: k = cutoff_count / number of indicators (with equal weights, deprived in at least cutoff_count indicators)';

CREATE FUNCTION povext.af_sweep(state povext.af_state)
    RETURNS TABLE (cutoff_points integer, cutoff_share numeric, poor_population numeric,
                   headcount_ratio numeric, intensity numeric, m0 numeric)
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 20;
COMMENT ON FUNCTION povext.af_sweep(povext.af_state) IS
    'Alkire-Foster H, A and M0 at every possible cutoff: k = 1/D, 2/D, ..., 1 where D is the common denominator of the weights';

CREATE FUNCTION povext.af_indicators(state povext.af_state, cutoff_share numeric)
    RETURNS TABLE (indicator text, weight numeric, uncensored_headcount_ratio numeric,
                   censored_headcount_ratio numeric, contribution numeric)
    AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL SAFE ROWS 12;
COMMENT ON FUNCTION povext.af_indicators(povext.af_state, numeric) IS
    'Per indicator at a cutoff: weight, share of the population deprived in it (uncensored), share poor and deprived in it (censored), and its contribution to M0 (contributions sum to 1)';

CREATE FUNCTION povext.af_ophi_bands(state povext.af_state,
        OUT population numeric, OUT vulnerable_headcount_ratio numeric,
        OUT poor_headcount_ratio numeric, OUT severe_headcount_ratio numeric)
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povext.af_ophi_bands(povext.af_state) IS
    'Global MPI bands of a state: shares vulnerable (1/5 <= score < 1/3), poor (score >= 1/3) and severely poor (score >= 1/2); meant for the ophi-mpi standard';

-- Convenience aggregates returning plain numbers, for BI tools

CREATE FUNCTION povext.af_state_accum_at_cutoff(povext.af_state, povext.deprivations, text, numeric)
    RETURNS povext.af_state
    AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE;
CREATE FUNCTION povext.af_state_accum_at_cutoff(povext.af_state, povext.deprivations, text, double precision, numeric)
    RETURNS povext.af_state
    AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION povext.af_state_accum_at_cutoff(povext.af_state, povext.deprivations, text, numeric) IS
    'Transition function of af_headcount_ratio, af_intensity and af_m0: adds one household and fixes the cutoff';
COMMENT ON FUNCTION povext.af_state_accum_at_cutoff(povext.af_state, povext.deprivations, text, double precision, numeric) IS
    'Transition function of af_headcount_ratio, af_intensity and af_m0: adds one weighted household and fixes the cutoff';

CREATE FUNCTION povext.af_state_headcount_ratio_final(povext.af_state) RETURNS numeric
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povext.af_state_intensity_final(povext.af_state) RETURNS numeric
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povext.af_state_m0_final(povext.af_state) RETURNS numeric
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povext.af_state_headcount_ratio_final(povext.af_state) IS 'Final function of af_headcount_ratio';
COMMENT ON FUNCTION povext.af_state_intensity_final(povext.af_state) IS 'Final function of af_intensity';
COMMENT ON FUNCTION povext.af_state_m0_final(povext.af_state) IS 'Final function of af_m0';

CREATE AGGREGATE povext.af_headcount_ratio(deprivations povext.deprivations, standard text, cutoff_share numeric) (
    SFUNC = povext.af_state_accum_at_cutoff, STYPE = povext.af_state,
    FINALFUNC = povext.af_state_headcount_ratio_final,
    COMBINEFUNC = povext.af_state_combine, PARALLEL = SAFE
);
CREATE AGGREGATE povext.af_headcount_ratio(deprivations povext.deprivations, standard text, weight double precision, cutoff_share numeric) (
    SFUNC = povext.af_state_accum_at_cutoff, STYPE = povext.af_state,
    FINALFUNC = povext.af_state_headcount_ratio_final,
    COMBINEFUNC = povext.af_state_combine, PARALLEL = SAFE
);
CREATE AGGREGATE povext.af_intensity(deprivations povext.deprivations, standard text, cutoff_share numeric) (
    SFUNC = povext.af_state_accum_at_cutoff, STYPE = povext.af_state,
    FINALFUNC = povext.af_state_intensity_final,
    COMBINEFUNC = povext.af_state_combine, PARALLEL = SAFE
);
CREATE AGGREGATE povext.af_intensity(deprivations povext.deprivations, standard text, weight double precision, cutoff_share numeric) (
    SFUNC = povext.af_state_accum_at_cutoff, STYPE = povext.af_state,
    FINALFUNC = povext.af_state_intensity_final,
    COMBINEFUNC = povext.af_state_combine, PARALLEL = SAFE
);
CREATE AGGREGATE povext.af_m0(deprivations povext.deprivations, standard text, cutoff_share numeric) (
    SFUNC = povext.af_state_accum_at_cutoff, STYPE = povext.af_state,
    FINALFUNC = povext.af_state_m0_final,
    COMBINEFUNC = povext.af_state_combine, PARALLEL = SAFE
);
CREATE AGGREGATE povext.af_m0(deprivations povext.deprivations, standard text, weight double precision, cutoff_share numeric) (
    SFUNC = povext.af_state_accum_at_cutoff, STYPE = povext.af_state,
    FINALFUNC = povext.af_state_m0_final,
    COMBINEFUNC = povext.af_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE povext.af_headcount_ratio(povext.deprivations, text, numeric) IS
    'Alkire-Foster headcount ratio H at a cutoff share, as a plain number';
COMMENT ON AGGREGATE povext.af_headcount_ratio(povext.deprivations, text, double precision, numeric) IS
    'Alkire-Foster headcount ratio H at a cutoff share, with sampling weights, as a plain number';
COMMENT ON AGGREGATE povext.af_intensity(povext.deprivations, text, numeric) IS
    'Alkire-Foster intensity A at a cutoff share, as a plain number';
COMMENT ON AGGREGATE povext.af_intensity(povext.deprivations, text, double precision, numeric) IS
    'Alkire-Foster intensity A at a cutoff share, with sampling weights, as a plain number';
COMMENT ON AGGREGATE povext.af_m0(povext.deprivations, text, numeric) IS
    'Alkire-Foster adjusted headcount ratio M0 (the MPI) at a cutoff share, as a plain number';
COMMENT ON AGGREGATE povext.af_m0(povext.deprivations, text, double precision, numeric) IS
    'Alkire-Foster adjusted headcount ratio M0 (the MPI) at a cutoff share, with sampling weights, as a plain number';

-- povext install script: the Foster-Greer-Thorbecke poverty measures (P0
-- headcount, P1 gap, P2 severity) and the Watts index as mergeable
-- aggregates.  An aggregate builds a povext.fgt_state; states of wards add
-- up exactly to the state of their district (operator +, fgt_state_merge),
-- in any order, serially, in parallel or per partition; accessors turn a
-- state into measures.
--
-- poor_at_line chooses the boundary: true (the default) counts an income
-- equal to the line as poor (y <= z, Vietnamese law: "từ X trở xuống");
-- false counts only y < z, as the FGT literature does.

CREATE TYPE povext.fgt_state;

CREATE FUNCTION povext.fgt_state_in(cstring) RETURNS povext.fgt_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povext.fgt_state_out(povext.fgt_state) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povext.fgt_state_recv(internal) RETURNS povext.fgt_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povext.fgt_state_send(povext.fgt_state) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE povext.fgt_state (
    INPUT = povext.fgt_state_in,
    OUTPUT = povext.fgt_state_out,
    RECEIVE = povext.fgt_state_recv,
    SEND = povext.fgt_state_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = plain
);
COMMENT ON TYPE povext.fgt_state IS
    'Mergeable state of the FGT measures and the Watts index: poverty line, boundary (poor_at_line), rows, and exact integer sums over the poor with W = round(w*1e6): population and poor_population (sums of W, in millionths of a weight unit), gap_sum and gap_squared_sum (W*round(g*2^60), W*round(g^2*2^60), g = (z - y)/z), watts_whole_sum and watts_fraction_sum (W*k and W*round(f*2^60) where ln(z/y) = k + f, k integer), zero_income_poor (poor rows of income 0 and positive weight); no overflow for 1e8 rows of weight up to 1e6; text form is JSON and reads back exactly';

COMMENT ON FUNCTION povext.fgt_state_in(cstring) IS 'Input function of povext.fgt_state (its JSON text form)';
COMMENT ON FUNCTION povext.fgt_state_out(povext.fgt_state) IS 'Output function of povext.fgt_state (JSON; reads back exactly)';
COMMENT ON FUNCTION povext.fgt_state_recv(internal) IS 'Binary input function of povext.fgt_state';
COMMENT ON FUNCTION povext.fgt_state_send(povext.fgt_state) IS 'Binary output function of povext.fgt_state';

-- Transition and combine functions.  They are not STRICT: rows with a NULL
-- income, line or weight are skipped, and NULL states on either side of a
-- merge give the other.

CREATE FUNCTION povext.fgt_state_accum(povext.fgt_state, income float8, poverty_line float8)
    RETURNS povext.fgt_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION povext.fgt_state_accum(povext.fgt_state, float8, float8) IS
    'Transition function of the FGT aggregates: adds a row of weight 1, poor if income <= poverty_line; a NULL income or line skips the row';

CREATE FUNCTION povext.fgt_state_accum(povext.fgt_state, income float8, poverty_line float8, weight float8)
    RETURNS povext.fgt_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION povext.fgt_state_accum(povext.fgt_state, float8, float8, float8) IS
    'Transition function of the weighted FGT aggregates: adds a row, poor if income <= poverty_line; a NULL income, line or weight skips the row';

CREATE FUNCTION povext.fgt_state_accum(povext.fgt_state, income float8, poverty_line float8, weight float8,
                                       poor_at_line boolean)
    RETURNS povext.fgt_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION povext.fgt_state_accum(povext.fgt_state, float8, float8, float8, boolean) IS
    'Transition function of the weighted FGT aggregates with an explicit boundary: poor if income <= poverty_line (poor_at_line true) or income < poverty_line (false)';

CREATE FUNCTION povext.fgt_state_combine(povext.fgt_state, povext.fgt_state) RETURNS povext.fgt_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION povext.fgt_state_combine(povext.fgt_state, povext.fgt_state) IS
    'Combine function of the FGT aggregates: the state of the rows of both; a NULL or empty state on either side gives the other; different poverty lines or boundaries are an error';

CREATE FUNCTION povext.fgt_state_add(povext.fgt_state, povext.fgt_state) RETURNS povext.fgt_state
    AS 'MODULE_PATHNAME', 'fgt_state_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povext.fgt_state_add(povext.fgt_state, povext.fgt_state) IS
    'The state of the rows of both states (operator +); different poverty lines or boundaries are an error';

CREATE OPERATOR povext.+ (
    LEFTARG = povext.fgt_state, RIGHTARG = povext.fgt_state,
    FUNCTION = povext.fgt_state_add, COMMUTATOR = OPERATOR(povext.+)
);
COMMENT ON OPERATOR povext.+ (povext.fgt_state, povext.fgt_state) IS
    'merge of FGT states (e.g. two wards into their district), exact';

-- Accessors.  Population, poor population and P0 are numeric, exact
-- functions of the integer sums; P1, P2 and Watts are float8, since their
-- per-row terms are irrational or rounded.  Measures are NULL when the total
-- weight is 0.

CREATE FUNCTION povext.fgt_measures(state povext.fgt_state,
        OUT poverty_line float8, OUT poor_at_line boolean, OUT rows bigint,
        OUT population numeric, OUT poor_population numeric,
        OUT p0 numeric, OUT p1 float8, OUT p2 float8, OUT watts float8)
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povext.fgt_measures(povext.fgt_state) IS
    'Every measure of an FGT state: line, boundary, rows, weighted population and poor population (numeric, exact), P0 (numeric, poor population / population), P1, P2 and Watts (float8); measures are NULL when the total weight is 0, Watts also when a poor row has income 0';

CREATE FUNCTION povext.fgt_p0(state povext.fgt_state) RETURNS numeric
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povext.fgt_p0(povext.fgt_state) IS
    'Headcount ratio P0 of an FGT state: weighted share of the poor (numeric, from the exact integer sums); NULL when the total weight is 0';

CREATE FUNCTION povext.fgt_p1(state povext.fgt_state) RETURNS float8
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povext.fgt_p1(povext.fgt_state) IS
    'Poverty gap index P1 of an FGT state: weighted mean of (z - y)/z over everyone, 0 for the non-poor; NULL when the total weight is 0';

CREATE FUNCTION povext.fgt_p2(state povext.fgt_state) RETURNS float8
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povext.fgt_p2(povext.fgt_state) IS
    'Poverty severity index P2 of an FGT state: weighted mean of ((z - y)/z)^2 over everyone, 0 for the non-poor; NULL when the total weight is 0';

CREATE FUNCTION povext.fgt_watts(state povext.fgt_state) RETURNS float8
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povext.fgt_watts(povext.fgt_state) IS
    'Watts index of an FGT state: weighted mean of ln(z/y) over everyone, 0 for the non-poor; NULL when the total weight is 0 or a poor row has income 0';

-- Aggregates building states

CREATE AGGREGATE povext.fgt_state_agg(income float8, poverty_line float8) (
    SFUNC = povext.fgt_state_accum, STYPE = povext.fgt_state,
    COMBINEFUNC = povext.fgt_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE povext.fgt_state_agg(float8, float8) IS
    'FGT state of incomes against one poverty line, every row of weight 1, poor if income <= line; rows with a NULL income or line are skipped';

CREATE AGGREGATE povext.fgt_state_agg(income float8, poverty_line float8, weight float8) (
    SFUNC = povext.fgt_state_accum, STYPE = povext.fgt_state,
    COMBINEFUNC = povext.fgt_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE povext.fgt_state_agg(float8, float8, float8) IS
    'FGT state of weighted incomes against one poverty line, poor if income <= line; weights are rounded to 1e-6; rows with a NULL income, line or weight are skipped';

CREATE AGGREGATE povext.fgt_state_agg(income float8, poverty_line float8, weight float8, poor_at_line boolean) (
    SFUNC = povext.fgt_state_accum, STYPE = povext.fgt_state,
    COMBINEFUNC = povext.fgt_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE povext.fgt_state_agg(float8, float8, float8, boolean) IS
    'FGT state of weighted incomes against one poverty line; poor if income <= line when poor_at_line (Vietnamese rule), income < line otherwise (FGT literature)';

CREATE AGGREGATE povext.fgt_state_merge(povext.fgt_state) (
    SFUNC = povext.fgt_state_combine, STYPE = povext.fgt_state,
    COMBINEFUNC = povext.fgt_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE povext.fgt_state_merge(povext.fgt_state) IS
    'Merge of stored FGT states (e.g. ward states into a district state), exact; NULL states are ignored';

-- Convenience aggregates returning plain numbers (for BI tools)

CREATE AGGREGATE povext.fgt_p0(income float8, poverty_line float8) (
    SFUNC = povext.fgt_state_accum, STYPE = povext.fgt_state, FINALFUNC = povext.fgt_p0,
    COMBINEFUNC = povext.fgt_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE povext.fgt_p0(float8, float8) IS
    'Headcount ratio P0 (numeric) of incomes against a poverty line, poor if income <= line';

CREATE AGGREGATE povext.fgt_p0(income float8, poverty_line float8, weight float8) (
    SFUNC = povext.fgt_state_accum, STYPE = povext.fgt_state, FINALFUNC = povext.fgt_p0,
    COMBINEFUNC = povext.fgt_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE povext.fgt_p0(float8, float8, float8) IS
    'Weighted headcount ratio P0 (numeric) of incomes against a poverty line, poor if income <= line';

CREATE AGGREGATE povext.fgt_p0(income float8, poverty_line float8, weight float8, poor_at_line boolean) (
    SFUNC = povext.fgt_state_accum, STYPE = povext.fgt_state, FINALFUNC = povext.fgt_p0,
    COMBINEFUNC = povext.fgt_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE povext.fgt_p0(float8, float8, float8, boolean) IS
    'Weighted headcount ratio P0 (numeric) with an explicit boundary: poor if income <= line (poor_at_line) or income < line';

CREATE AGGREGATE povext.fgt_p1(income float8, poverty_line float8) (
    SFUNC = povext.fgt_state_accum, STYPE = povext.fgt_state, FINALFUNC = povext.fgt_p1,
    COMBINEFUNC = povext.fgt_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE povext.fgt_p1(float8, float8) IS
    'Poverty gap index P1 of incomes against a poverty line';

CREATE AGGREGATE povext.fgt_p1(income float8, poverty_line float8, weight float8) (
    SFUNC = povext.fgt_state_accum, STYPE = povext.fgt_state, FINALFUNC = povext.fgt_p1,
    COMBINEFUNC = povext.fgt_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE povext.fgt_p1(float8, float8, float8) IS
    'Weighted poverty gap index P1 of incomes against a poverty line';

CREATE AGGREGATE povext.fgt_p1(income float8, poverty_line float8, weight float8, poor_at_line boolean) (
    SFUNC = povext.fgt_state_accum, STYPE = povext.fgt_state, FINALFUNC = povext.fgt_p1,
    COMBINEFUNC = povext.fgt_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE povext.fgt_p1(float8, float8, float8, boolean) IS
    'Weighted poverty gap index P1 with an explicit boundary (the boundary does not change P1: the gap is 0 at the line)';

CREATE AGGREGATE povext.fgt_p2(income float8, poverty_line float8) (
    SFUNC = povext.fgt_state_accum, STYPE = povext.fgt_state, FINALFUNC = povext.fgt_p2,
    COMBINEFUNC = povext.fgt_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE povext.fgt_p2(float8, float8) IS
    'Poverty severity index P2 of incomes against a poverty line';

CREATE AGGREGATE povext.fgt_p2(income float8, poverty_line float8, weight float8) (
    SFUNC = povext.fgt_state_accum, STYPE = povext.fgt_state, FINALFUNC = povext.fgt_p2,
    COMBINEFUNC = povext.fgt_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE povext.fgt_p2(float8, float8, float8) IS
    'Weighted poverty severity index P2 of incomes against a poverty line';

CREATE AGGREGATE povext.fgt_p2(income float8, poverty_line float8, weight float8, poor_at_line boolean) (
    SFUNC = povext.fgt_state_accum, STYPE = povext.fgt_state, FINALFUNC = povext.fgt_p2,
    COMBINEFUNC = povext.fgt_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE povext.fgt_p2(float8, float8, float8, boolean) IS
    'Weighted poverty severity index P2 with an explicit boundary (the boundary does not change P2)';

CREATE AGGREGATE povext.fgt_watts(income float8, poverty_line float8) (
    SFUNC = povext.fgt_state_accum, STYPE = povext.fgt_state, FINALFUNC = povext.fgt_watts,
    COMBINEFUNC = povext.fgt_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE povext.fgt_watts(float8, float8) IS
    'Watts index of incomes against a poverty line; NULL if a poor income is 0';

CREATE AGGREGATE povext.fgt_watts(income float8, poverty_line float8, weight float8) (
    SFUNC = povext.fgt_state_accum, STYPE = povext.fgt_state, FINALFUNC = povext.fgt_watts,
    COMBINEFUNC = povext.fgt_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE povext.fgt_watts(float8, float8, float8) IS
    'Weighted Watts index of incomes against a poverty line; NULL if a poor income of positive weight is 0';

CREATE AGGREGATE povext.fgt_watts(income float8, poverty_line float8, weight float8, poor_at_line boolean) (
    SFUNC = povext.fgt_state_accum, STYPE = povext.fgt_state, FINALFUNC = povext.fgt_watts,
    COMBINEFUNC = povext.fgt_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE povext.fgt_watts(float8, float8, float8, boolean) IS
    'Weighted Watts index with an explicit boundary (the boundary does not change Watts: ln(z/y) is 0 at the line)';

-- povext install script: the weighted Gini coefficient and weighted
-- quantiles (for relative poverty lines, e.g. 60% of the weighted median),
-- defined as R's laeken package defines them.  An aggregate builds a
-- povext.sample_state holding every (value, weight) pair; states merge
-- exactly (operator +, sample_state_merge) and accessors sort the pairs, so
-- results do not depend on the order of rows or the plan.

CREATE TYPE povext.sample_state;

CREATE FUNCTION povext.sample_state_in(cstring) RETURNS povext.sample_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povext.sample_state_out(povext.sample_state) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povext.sample_state_recv(internal) RETURNS povext.sample_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povext.sample_state_send(povext.sample_state) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE povext.sample_state (
    INPUT = povext.sample_state_in,
    OUTPUT = povext.sample_state_out,
    RECEIVE = povext.sample_state_recv,
    SEND = povext.sample_state_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended
);
COMMENT ON TYPE povext.sample_state IS
    'Weighted sample for the Gini coefficient and quantiles: every (value, weight) pair, and the quantile order p of weighted_quantile; memory O(rows): 16 bytes per row stored, up to 32 per row while an aggregate fills it (capacity doubles), briefly 80 per row while it grows, plus 16 per row to sort an unsorted state; at most 67,108,862 rows; text form is JSON with the pairs sorted and reads back exactly';

COMMENT ON FUNCTION povext.sample_state_in(cstring) IS 'Input function of povext.sample_state (its JSON text form)';
COMMENT ON FUNCTION povext.sample_state_out(povext.sample_state) IS 'Output function of povext.sample_state (JSON, pairs sorted; reads back exactly)';
COMMENT ON FUNCTION povext.sample_state_recv(internal) IS 'Binary input function of povext.sample_state';
COMMENT ON FUNCTION povext.sample_state_send(povext.sample_state) IS 'Binary output function of povext.sample_state';

-- Transition, combine and final functions.  Transition and combine functions
-- are not STRICT: rows with a NULL value, weight or order are skipped, and
-- NULL states on either side of a merge give the other.

CREATE FUNCTION povext.sample_state_accum(povext.sample_state, value float8) RETURNS povext.sample_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION povext.sample_state_accum(povext.sample_state, float8) IS
    'Transition function of sample_state_agg(value): adds a row of weight 1; a NULL value skips the row';

CREATE FUNCTION povext.sample_state_accum(povext.sample_state, value float8, weight float8) RETURNS povext.sample_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION povext.sample_state_accum(povext.sample_state, float8, float8) IS
    'Transition function of the weighted sample aggregates: adds a row; a NULL value or weight skips the row';

CREATE FUNCTION povext.sample_state_accum_quantile(povext.sample_state, value float8, weight float8, p float8)
    RETURNS povext.sample_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION povext.sample_state_accum_quantile(povext.sample_state, float8, float8, float8) IS
    'Transition function of weighted_quantile: adds a row and keeps the order p, which must be in [0, 1] and the same for every row; a NULL value, weight or p skips the row';

CREATE FUNCTION povext.sample_state_combine(povext.sample_state, povext.sample_state) RETURNS povext.sample_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION povext.sample_state_combine(povext.sample_state, povext.sample_state) IS
    'Combine function of the sample aggregates: the rows of both states; a NULL or empty state on either side gives the other; different quantile orders are an error';

CREATE FUNCTION povext.sample_state_add(povext.sample_state, povext.sample_state) RETURNS povext.sample_state
    AS 'MODULE_PATHNAME', 'sample_state_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povext.sample_state_add(povext.sample_state, povext.sample_state) IS
    'The rows of both samples (operator +); different quantile orders are an error';

CREATE FUNCTION povext.sample_state_finish(povext.sample_state) RETURNS povext.sample_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povext.sample_state_finish(povext.sample_state) IS
    'Final function of sample_state_agg and sample_state_merge: the same sample, sorted and without spare room';

CREATE OPERATOR povext.+ (
    LEFTARG = povext.sample_state, RIGHTARG = povext.sample_state,
    FUNCTION = povext.sample_state_add, COMMUTATOR = OPERATOR(povext.+)
);
COMMENT ON OPERATOR povext.+ (povext.sample_state, povext.sample_state) IS
    'merge of weighted samples (e.g. two wards into their district), exact';

-- Accessors (laeken definitions; NULL for an empty sample or zero total weight)

CREATE FUNCTION povext.sample_gini(state povext.sample_state) RETURNS float8
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povext.sample_gini(povext.sample_state) IS
    'Weighted Gini coefficient in percent, as laeken::gini: 100 * ((2 * sum(w x cw) - sum(w^2 x)) / (sum(w) * sum(w x)) - 1) over values sorted ascending, cw the cumulative weights; NULL if empty, of zero total weight or if sum(w x) = 0';

CREATE FUNCTION povext.sample_quantile(state povext.sample_state, p float8) RETURNS float8
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povext.sample_quantile(povext.sample_state, float8) IS
    'Weighted quantile of order p in [0, 1], as laeken::weightedQuantile: the first sorted value whose cumulative weight share reaches p, the mean of it and the next value when the share equals p exactly; p = 0 and p = 1 give the smallest and largest value';

CREATE FUNCTION povext.sample_quantile(state povext.sample_state) RETURNS float8
    AS 'MODULE_PATHNAME', 'sample_quantile_stored' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povext.sample_quantile(povext.sample_state) IS
    'Weighted quantile (laeken::weightedQuantile) of the order kept in a state built by weighted_quantile; NULL if the state has no order';

CREATE FUNCTION povext.sample_median(state povext.sample_state) RETURNS float8
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povext.sample_median(povext.sample_state) IS
    'Weighted median, as laeken::weightedMedian (the weighted quantile of order 0.5)';

-- Aggregates building states

CREATE AGGREGATE povext.sample_state_agg(value float8) (
    SFUNC = povext.sample_state_accum, STYPE = povext.sample_state, FINALFUNC = povext.sample_state_finish,
    COMBINEFUNC = povext.sample_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE povext.sample_state_agg(float8) IS
    'Sample of values, each of weight 1; NULL values are skipped; NULL for no rows';

CREATE AGGREGATE povext.sample_state_agg(value float8, weight float8) (
    SFUNC = povext.sample_state_accum, STYPE = povext.sample_state, FINALFUNC = povext.sample_state_finish,
    COMBINEFUNC = povext.sample_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE povext.sample_state_agg(float8, float8) IS
    'Weighted sample of values; rows with a NULL value or weight are skipped; negative weights are an error';

CREATE AGGREGATE povext.sample_state_merge(povext.sample_state) (
    SFUNC = povext.sample_state_combine, STYPE = povext.sample_state, FINALFUNC = povext.sample_state_finish,
    COMBINEFUNC = povext.sample_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE povext.sample_state_merge(povext.sample_state) IS
    'Merge of stored samples (e.g. ward samples into a district sample), exact; NULL states are ignored';

-- Convenience aggregates returning plain numbers (for BI tools)

CREATE AGGREGATE povext.gini(value float8, weight float8) (
    SFUNC = povext.sample_state_accum, STYPE = povext.sample_state, FINALFUNC = povext.sample_gini,
    COMBINEFUNC = povext.sample_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE povext.gini(float8, float8) IS
    'Weighted Gini coefficient in percent, as laeken::gini; NULL for no rows or zero total weight';

CREATE AGGREGATE povext.weighted_median(value float8, weight float8) (
    SFUNC = povext.sample_state_accum, STYPE = povext.sample_state, FINALFUNC = povext.sample_median,
    COMBINEFUNC = povext.sample_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE povext.weighted_median(float8, float8) IS
    'Weighted median, as laeken::weightedMedian; NULL for no rows or zero total weight';

CREATE AGGREGATE povext.weighted_quantile(value float8, weight float8, p float8) (
    SFUNC = povext.sample_state_accum_quantile, STYPE = povext.sample_state, FINALFUNC = povext.sample_quantile,
    COMBINEFUNC = povext.sample_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE povext.weighted_quantile(float8, float8, float8) IS
    'Weighted quantile of order p, as laeken::weightedQuantile; p must be in [0, 1] and the same for every row of a group; NULL for no rows or zero total weight';
