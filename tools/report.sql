-- Demo district: the report, per ward and for the district, printed for
-- the terminal and, with -v html_data=FILE, written as one JSON document
-- that tools/demo.sh puts into tools/report.html.  Every figure of both
-- comes from the temporary views below, and every query of the report is in
-- this file.  psql variables: registry (default district11).

\set ON_ERROR_STOP 1
\if :{?registry}
\else
\set registry district11
\endif
\pset footer off
SET client_min_messages = warning;
SET max_parallel_workers_per_gather = 0;

-- Last review of the registry (the transitions are those recognised then).
CREATE TEMP VIEW report_review AS
SELECT max(recognised_on) AS recognised_on FROM :"registry".status_history;

-- Households, poor and near-poor households and their rates (% of the
-- ward's households_total) under the standard of each followed scope, per
-- ward and for the district (ward NULL).
CREATE TEMP VIEW report_ward AS
WITH c AS (
    SELECT h.ward, s.scope, s.standard,
           count(*) FILTER (WHERE s.status = 'poor') AS poor,
           count(*) FILTER (WHERE s.status = 'near_poor') AS near_poor,
           count(*) FILTER (WHERE s.status IS NULL) AS undetermined
      FROM :"registry".household AS h JOIN :"registry".household_status AS s ON s.household = h.id
     GROUP BY h.ward, s.scope, s.standard
), g AS (
    SELECT w.code AS ward, w.name, w.households_total AS households, c.scope, c.standard,
           c.poor, c.near_poor, c.undetermined
      FROM :"registry".ward AS w JOIN c ON c.ward = w.code
    UNION ALL
    SELECT NULL, 'Toàn quận', sum(w.households_total), c.scope, c.standard,
           sum(c.poor), sum(c.near_poor), sum(c.undetermined)
      FROM :"registry".ward AS w JOIN c ON c.ward = w.code
     GROUP BY c.scope, c.standard
)
SELECT ward, name, households::bigint, scope, standard, poor::bigint, near_poor::bigint, undetermined::bigint,
       round(100.0 * poor / nullif(households, 0), 2) AS poor_rate,
       round(100.0 * near_poor / nullif(households, 0), 2) AS near_poor_rate
  FROM g;

-- Transitions recognised at the last review, per ward and for the district.
CREATE TEMP VIEW report_transition AS
WITH t AS (
    SELECT h.ward, s.scope, hs.transition
      FROM :"registry".status_history AS hs
      JOIN :"registry".household AS h ON h.id = hs.household
      JOIN povext.standard AS s ON s.code = hs.standard
     WHERE hs.recognised_on = (SELECT recognised_on FROM report_review)
)
SELECT ward, scope,
       count(*) FILTER (WHERE transition = 'escaped') AS escaped,
       count(*) FILTER (WHERE transition = 'newly_poor') AS newly_poor,
       count(*) FILTER (WHERE transition = 're_poor') AS re_poor,
       count(*) FILTER (WHERE transition = 'exceeded_near_poor') AS exceeded_near_poor,
       count(*) FILTER (WHERE transition = 'newly_near_poor') AS newly_near_poor
  FROM t GROUP BY GROUPING SETS ((ward, scope), (scope));

-- Alkire-Foster state of each ward's members (each household weighted by
-- its members) under the city standard's indicators, and of the district.
CREATE TEMP VIEW report_mpi_state AS
SELECT h.ward, s.standard, povext.af_state_agg(s.deprivations, s.standard, h.members::double precision) AS state
  FROM :"registry".household AS h JOIN :"registry".household_status AS s ON s.household = h.id
 WHERE s.scope = 'hcmc' AND h.members > 0
 GROUP BY GROUPING SETS ((h.ward, s.standard), (s.standard));

-- MPI at the standard's own cut-off (deprived in at least minimum_deprivations
-- of its indicators): H, A, M0 and the three indicators contributing most.
CREATE TEMP VIEW report_mpi AS
SELECT p.ward, p.standard, round(m.headcount_ratio, 4) AS h, round(m.intensity, 4) AS a, round(m.m0, 4) AS m0,
       (SELECT string_agg(pg_catalog.format('%s %s%%', i.indicator, round(100 * i.contribution)), ', '
                          ORDER BY i.contribution DESC, i.indicator)
          FROM (SELECT * FROM povext.af_indicators(p.state, m.cutoff_share)
                 WHERE contribution > 0 ORDER BY contribution DESC, indicator LIMIT 3) AS i) AS top_indicators
  FROM report_mpi_state AS p
  JOIN povext.standard AS st ON st.code = p.standard,
       povext.af_measures_at_count(p.state, st.minimum_deprivations) AS m;

-- Contribution of every indicator to the district's M0.
CREATE TEMP VIEW report_contribution AS
SELECT i.indicator, round(100 * i.contribution, 1) AS contribution_pct,
       round(100 * i.censored_headcount_ratio, 2) AS censored_pct
  FROM report_mpi_state AS p
  JOIN povext.standard AS st ON st.code = p.standard,
       povext.af_measures_at_count(p.state, st.minimum_deprivations) AS m,
       povext.af_indicators(p.state, m.cutoff_share) AS i
 WHERE p.ward IS NULL;

-- The district against its 2021-2025 targets, city standard.
CREATE TEMP VIEW report_target AS
SELECT t.measure, t.rate, t.target, t.rate < t.target AS met
  FROM report_ward AS w,
       LATERAL (VALUES ('poor', w.poor_rate, 0.5), ('near_poor', w.near_poor_rate, 1.5)) AS t(measure, rate, target)
 WHERE w.ward IS NULL AND w.scope = 'hcmc';

SELECT pg_catalog.format('Report of registry %s: statuses as of %s, last review %s',
                         :'registry', (SELECT reference_date FROM :"registry".registry_setting),
                         (SELECT recognised_on FROM report_review)) AS title \gset
\echo
\echo :title
\echo
\echo 'Households, poor and near-poor (rates in % of all households), city and national standards'
SELECT coalesce(c.ward, 'all') AS ward, c.name, c.households,
       c.standard AS city, c.poor, c.poor_rate, c.near_poor, c.near_poor_rate,
       n.standard AS national, n.poor AS nat_poor, n.poor_rate AS nat_poor_rate,
       n.near_poor AS nat_near_poor, n.near_poor_rate AS nat_near_poor_rate
  FROM report_ward AS c JOIN report_ward AS n ON n.ward IS NOT DISTINCT FROM c.ward AND n.scope = 'national'
 WHERE c.scope = 'hcmc'
 ORDER BY c.ward NULLS LAST;

\echo 'Transitions recognised at the last review'
SELECT coalesce(t.ward, 'all') AS ward, scope, escaped, newly_poor, re_poor, exceeded_near_poor, newly_near_poor
  FROM report_transition AS t ORDER BY t.ward NULLS LAST, t.scope;

\echo 'Multidimensional poverty of the members (Alkire-Foster, city standard, poor if deprived in at least 3 indicators)'
SELECT coalesce(m.ward, 'all') AS ward, standard, h, a, m0, top_indicators
  FROM report_mpi AS m ORDER BY m.ward NULLS LAST;

\echo 'The district against its targets (city standard, % of households)'
SELECT measure, rate, target, met FROM report_target ORDER BY measure DESC;

\if :{?html_data}
\o :html_data
\t on
\pset format unaligned
SELECT pg_catalog.replace(pg_catalog.json_build_object(
           'registry', :'registry',
           'reference_date', (SELECT reference_date FROM :"registry".registry_setting),
           'review_date', (SELECT recognised_on FROM report_review),
           'wards', (SELECT json_agg(w ORDER BY w.ward NULLS LAST, w.scope) FROM report_ward AS w),
           'transitions', (SELECT json_agg(t ORDER BY t.ward NULLS LAST, t.scope) FROM report_transition AS t),
           'mpi', (SELECT json_agg(m ORDER BY m.ward NULLS LAST) FROM report_mpi AS m),
           'contributions', (SELECT json_agg(c ORDER BY c.contribution_pct DESC, c.indicator) FROM report_contribution AS c),
           'targets', (SELECT json_agg(t ORDER BY t.measure DESC) FROM report_target AS t))::text,
       '<', '\u003c');
\o
\t off
\pset format aligned
\endif
