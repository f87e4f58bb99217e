
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
