\echo Use "ALTER EXTENSION povext UPDATE TO '0.2.0'" to load this file. \quit

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
