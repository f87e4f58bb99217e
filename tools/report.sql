-- Demo district: the report, per ward and for the district, printed for
-- the terminal and, with -v html_data=FILE, written as one JSON document
-- that tools/demo.sh puts into tools/report.html.  Every figure of both is
-- read from the registry's report views (report_ward, report_transition,
-- report_mpi, report_mpi_contribution, report_target; docs/registry.md),
-- which a BI tool reads the same way: the temporary tables below only pick
-- rows and columns and pivot the transitions (tables, so that each report
-- view is computed once).  psql variables: registry (default district11).

\set ON_ERROR_STOP 1
\if :{?registry}
\else
\set registry district11
\endif
\pset footer off
SET client_min_messages = warning;
SET max_parallel_workers_per_gather = 0;

-- Transitions of every review, and the last review of the registry (the
-- transitions shown are those recognised then).
CREATE TEMP TABLE demo_transition_all AS
SELECT * FROM :"registry".report_transition;
CREATE TEMP TABLE demo_review AS
SELECT max(recognised_on) AS recognised_on FROM demo_transition_all;

-- Households, poor and near-poor households and their rates (% of the
-- ward's households_total) under the standards of each followed scope, per
-- ward and for the district (ward NULL).
CREATE TEMP TABLE demo_ward AS
SELECT ward, ward_name AS name, households_total AS households, scope, standards AS standard,
       poor_households AS poor, near_poor_households AS near_poor, undetermined_households AS undetermined,
       poor_rate_pct AS poor_rate, near_poor_rate_pct AS near_poor_rate
  FROM :"registry".report_ward;

-- Transitions recognised at the last review, per ward and for the district,
-- one column per transition.
CREATE TEMP TABLE demo_transition AS
SELECT ward, scope,
       coalesce(sum(households) FILTER (WHERE transition = 'escaped'), 0)::integer AS escaped,
       coalesce(sum(households) FILTER (WHERE transition = 'newly_poor'), 0)::integer AS newly_poor,
       coalesce(sum(households) FILTER (WHERE transition = 're_poor'), 0)::integer AS re_poor,
       coalesce(sum(households) FILTER (WHERE transition = 'exceeded_near_poor'), 0)::integer AS exceeded_near_poor,
       coalesce(sum(households) FILTER (WHERE transition = 'newly_near_poor'), 0)::integer AS newly_near_poor
  FROM demo_transition_all
 WHERE recognised_on = (SELECT recognised_on FROM demo_review)
 GROUP BY ward, scope;

-- Contribution of every indicator to M0, city standard, per ward and for
-- the district, with its labels.  The standard counts health_access, which
-- no registry rule derives, so no household has every indicator determined:
-- the report shows the all_* measures, over every household with an
-- undetermined indicator counted as not deprived.
CREATE TEMP TABLE demo_contribution AS
SELECT ward, standard, code AS indicator, label_vi, label_en, all_contribution_pct AS contribution_pct,
       all_censored_headcount_pct AS censored_pct
  FROM :"registry".report_mpi_contribution
 WHERE scope = 'hcmc' AND kind = 'indicator';

-- Multidimensional poverty of the households, city standard (all_*, as
-- above): H, A, M0 and the three indicators contributing most.
CREATE TEMP TABLE demo_mpi AS
SELECT m.ward, m.standard, m.cutoff_count, m.households, m.all_poor_households AS poor_households,
       m.all_headcount_ratio AS h, m.all_intensity AS a, m.all_m0 AS m0,
       (SELECT string_agg(pg_catalog.format('%s %s%%', c.indicator, round(c.contribution_pct)), ', '
                          ORDER BY c.contribution_pct DESC, c.indicator)
          FROM (SELECT * FROM demo_contribution AS c
                 WHERE c.ward IS NOT DISTINCT FROM m.ward AND c.standard = m.standard AND c.contribution_pct > 0
                 ORDER BY c.contribution_pct DESC, c.indicator LIMIT 3) AS c) AS top_indicators
  FROM :"registry".report_mpi AS m
 WHERE m.scope = 'hcmc';

-- The district against its targets, city standard, in the order shown.
CREATE TEMP TABLE demo_target AS
SELECT measure, measure_vi, measure_en, target_year, current_value, comparison, target_value, met,
       array_position(ARRAY['poor_rate_pct', 'near_poor_rate_pct', 'poor_income_ratio'], measure) AS rank
  FROM :"registry".report_target
 WHERE scope = 'hcmc';

SELECT pg_catalog.format('Report of registry %s: statuses as of %s, last review %s',
                         :'registry', (SELECT as_of FROM :"registry".report_ward WHERE ward IS NULL AND scope = 'hcmc'),
                         (SELECT recognised_on FROM demo_review)) AS title \gset
\echo
\echo :title
\echo
\echo 'Households, poor and near-poor (rates in % of all households), city and national standards'
SELECT coalesce(c.ward, 'all') AS ward, coalesce(c.name, 'Toàn quận') AS name, c.households,
       c.standard AS city, c.poor, c.poor_rate, c.near_poor, c.near_poor_rate,
       n.standard AS national, n.poor AS nat_poor, n.poor_rate AS nat_poor_rate,
       n.near_poor AS nat_near_poor, n.near_poor_rate AS nat_near_poor_rate
  FROM demo_ward AS c JOIN demo_ward AS n ON n.ward IS NOT DISTINCT FROM c.ward AND n.scope = 'national'
 WHERE c.scope = 'hcmc'
 ORDER BY c.ward NULLS LAST;

\echo 'Transitions recognised at the last review'
SELECT coalesce(t.ward, 'all') AS ward, scope, escaped, newly_poor, re_poor, exceeded_near_poor, newly_near_poor
  FROM demo_transition AS t ORDER BY t.ward NULLS LAST, t.scope;

\echo 'Multidimensional poverty of the households (Alkire-Foster, city standard, undetermined indicators counted as not deprived)'
SELECT coalesce(m.ward, 'all') AS ward, standard, cutoff_count AS cutoff, households,
       poor_households AS mpi_poor, h, a, m0, top_indicators
  FROM demo_mpi AS m ORDER BY m.ward NULLS LAST, m.standard;

\echo 'The district against its targets (city standard)'
SELECT measure, target_year, current_value, comparison, target_value, met FROM demo_target ORDER BY rank;

\if :{?html_data}
\o :html_data
\t on
\pset format unaligned
SELECT pg_catalog.replace(pg_catalog.json_build_object(
           'registry', :'registry',
           'reference_date', (SELECT as_of FROM :"registry".report_ward WHERE ward IS NULL AND scope = 'hcmc'),
           'review_date', (SELECT recognised_on FROM demo_review),
           'wards', (SELECT json_agg(w ORDER BY w.ward NULLS LAST, w.scope) FROM demo_ward AS w),
           'transitions', (SELECT json_agg(t ORDER BY t.ward NULLS LAST, t.scope) FROM demo_transition AS t),
           'mpi', (SELECT json_agg(m ORDER BY m.ward NULLS LAST, m.standard) FROM demo_mpi AS m),
           'contributions', (SELECT json_agg(c ORDER BY c.contribution_pct DESC, c.indicator)
                               FROM demo_contribution AS c WHERE c.ward IS NULL),
           'targets', (SELECT json_agg(t ORDER BY t.rank) FROM demo_target AS t))::text,
       '<', '\u003c');
\o
\t off
\pset format aligned
\endif
