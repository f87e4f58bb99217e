
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
