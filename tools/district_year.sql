-- Demo district: a year of changes after the review of 1 January 2020, up
-- to the periodic review of 1 December 2020 (tools/demo.sh).  Written to
-- the registry as a ward officer's client would, one statement per kind of
-- change; the triggers recompute what each statement touched.  Draws come
-- from hashint8extended(household or person, seed), so the same district
-- and seed give the same year.  psql variables: registry, scale, seed (as
-- tools/district.sql; the same values).

\set ON_ERROR_STOP 1
\if :{?registry}
\else
\set registry district11
\endif
\if :{?scale}
\else
\set scale 1
\endif
\if :{?seed}
\else
\set seed 2020
\endif
SET max_parallel_workers_per_gather = 0;

-- A uniform number in [0, 1) for draw k of household (or person) n.
CREATE FUNCTION pg_temp.u(n bigint, k integer) RETURNS double precision
    LANGUAGE sql IMMUTABLE
    RETURN (pg_catalog.hashint8extended(n * 64 + k, :seed) & 9007199254740991)::double precision / 9007199254740992;

-- Ages, standards and statuses are taken on the day of the next review.
UPDATE :"registry".registry_setting SET reference_date = '2020-12-01';

-- The lists as recognised on 1 January 2020, for choosing who changes.
CREATE TEMP TABLE y_list AS
SELECT h.id, h.members, s.status, povext.deprivation_count(s.deprivations) AS city_count,
       EXISTS (SELECT FROM :"registry".status_history AS e
                WHERE e.household = h.id AND e.transition = 'escaped') AS escaped_before
  FROM :"registry".household AS h
  JOIN :"registry".household_status AS s ON s.household = h.id AND s.scope = 'hcmc';

-- Incomes rise 3 to 12% (wages and prices of 2020); about half of the poor
-- and a third of the near-poor rise far more (a job found through the
-- ward's placement, a loan from the poverty fund).
UPDATE :"registry".household AS h
   SET household_income = round((h.household_income
                                * CASE WHEN l.status = 'poor' AND pg_temp.u(h.id, 41) < 0.5 THEN 1.45 + 0.4 * pg_temp.u(h.id, 42)
                                       WHEN l.status = 'near_poor' AND pg_temp.u(h.id, 41) < 0.33 THEN 1.3 + 0.2 * pg_temp.u(h.id, 42)
                                       ELSE 1.03 + 0.09 * pg_temp.u(h.id, 40) END)::numeric, -3)
  FROM y_list AS l WHERE l.id = h.id;

-- A few households fall back (COVID-19: work lost, a member's illness): a
-- few in a ten thousand of the others become poor, among them some that
-- had escaped before (re-poor); about one in a thousand becomes near-poor
-- (among those deprived in at most one indicator, as the near-poor are).
UPDATE :"registry".household AS h
   SET household_income = round((CASE WHEN l.escaped_before AND pg_temp.u(h.id, 43) < 0.12
                                           OR NOT l.escaped_before AND pg_temp.u(h.id, 43) < 0.0002
                                      THEN 20000000 + 7000000 * pg_temp.u(h.id, 44)
                                      ELSE 29000000 + 6500000 * pg_temp.u(h.id, 44) END * l.members)::numeric, -3)
  FROM y_list AS l
 WHERE l.id = h.id AND l.status = 'not_poor'
   AND (l.escaped_before AND pg_temp.u(h.id, 43) < 0.12
        OR NOT l.escaped_before AND pg_temp.u(h.id, 43) < 0.0002
        OR l.city_count <= 1 AND pg_temp.u(h.id, 43) BETWEEN 0.5 AND 0.5011);

-- Members are born (about 16 a thousand households), insured free as
-- children under 6; per-capita incomes fall with the new mouths.
INSERT INTO :"registry".member (person_id, household, birth_date, sex, relation_to_head, working_capacity,
                                disability, health_insurance, attending_school, school_level_ok,
                                employed, stunted_or_underweight)
SELECT pg_catalog.format('079%s99', lpad(l.id::text, 7, '0')), l.id,
       date '2020-01-02' + floor(pg_temp.u(l.id, 45) * 320)::int,
       CASE WHEN pg_temp.u(l.id, 46) < 0.51 THEN 'male' ELSE 'female' END, 'child',
       false, false, true, false, true, false, false
  FROM y_list AS l WHERE pg_temp.u(l.id, 47) < 0.016
 ORDER BY l.id;

-- Grown children move (marriage): about one in a hundred of those aged 23
-- to 35 joins another household of the district.
UPDATE :"registry".member AS m
   SET household = 1 + floor(pg_temp.u(m.household * 1000 + 7, 48) * (SELECT count(*) FROM y_list))::bigint,
       relation_to_head = 'spouse of a child'
 WHERE m.relation_to_head = 'child'
   AND m.birth_date BETWEEN '1985-01-01' AND '1996-12-31'
   AND pg_temp.u(hashtext(m.person_id), 49) < 0.01;

-- Everyone else ages: households no statement touched are recomputed as of
-- the new reference date (a daily job would do the same).
SELECT povext.registry_recompute(:'registry', only_due => true) AS recomputed \gset

-- Fresh statistics for the next review.
ANALYZE :"registry".household, :"registry".member, :"registry".household_status, :"registry".status_history;
