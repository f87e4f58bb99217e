
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
