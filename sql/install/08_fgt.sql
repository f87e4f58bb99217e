
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
