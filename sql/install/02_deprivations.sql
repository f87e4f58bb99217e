
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
