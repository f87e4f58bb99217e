-- Demo district: a deterministic, seeded generator of a district shaped like
-- Ho Chi Minh City's District 11 at the start of 2020 (16 wards, 59,600
-- households), loaded through the registry so that its triggers derive every
-- household's deprivations and statuses.  docs/demo.md states the
-- assumptions.  Not part of the extension: run by tools/demo.sh and
-- tools/test.sh, or by hand against a database with povext:
--
--   psql -v registry=district11 -v scale=1 -v seed=2020 -f tools/district.sql
--
-- psql variables:
--   registry  schema of the registry (default district11); it must not exist
--   scale     households = round(59,600 x scale) (default 1); above 1 the
--             district is repeated (16 wards per copy), e.g. scale=42 gives
--             2,503,200 households in 672 wards, about a whole city
--   seed      the same seed gives the same district (default 2020)
--
-- Every number is drawn from hashint8extended(household, seed) rather than
-- random(), so the district does not depend on the order rows are made in.
-- The start-of-2020 lists are then calibrated on what the triggers derived:
-- round(43 x scale) poor and round(655 x scale) near-poor households under
-- the city standard of 2019-2020 (hcm-2019).

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

SELECT povext.create_registry(:'registry', ARRAY['national', 'hcmc']) \gset created_
UPDATE :"registry".registry_setting SET reference_date = '2020-01-01';

-- povext ships no cut-offs for the city standard of 2019-2020 (its list of
-- indicators is itself unverified), so those indicators would stay
-- undetermined.  Like a district DBA would, take the city's next standard's
-- numbers (hcm-2021: working age 15 to 60/55, health insurance from 6,
-- school from 3 to under 16, adult education 16-30, 6 m² a person).
INSERT INTO povext.indicator_cutoff (standard, indicator, parameter, value, legal_basis, confidence)
SELECT 'hcm-2019', c.indicator, c.parameter, c.value,
       'Demo district: hcm-2021''s cut-off taken for hcm-2019', 'unverified'
  FROM povext.indicator_cutoff AS c
 WHERE c.standard = 'hcm-2021'
   AND c.indicator IN (SELECT si.indicator FROM povext.standard_indicator AS si WHERE si.standard = 'hcm-2019')
ON CONFLICT DO NOTHING;

-- A uniform number in [0, 1) for draw k of household (or person) n.
CREATE FUNCTION pg_temp.u(n bigint, k integer) RETURNS double precision
    LANGUAGE sql IMMUTABLE
    RETURN (pg_catalog.hashint8extended(n * 64 + k, :seed) & 9007199254740991)::double precision / 9007199254740992;

-- A standard normal number from draws k and k + 1 (Box-Muller).
CREATE FUNCTION pg_temp.z(n bigint, k integer) RETURNS double precision
    LANGUAGE sql IMMUTABLE
    RETURN sqrt(-2 * ln(1 - pg_temp.u(n, k))) * cos(2 * pi() * pg_temp.u(n, k + 1));

-- Wards: District 11's 16 wards with unequal sizes (shares of the households).
CREATE TEMP TABLE g_ward AS
SELECT w AS ward_no,
       CASE WHEN c = 1 THEN pg_catalog.format('p%s', lpad(p::text, 2, '0'))
            ELSE pg_catalog.format('d%s-p%s', c, lpad(p::text, 2, '0')) END AS code,
       pg_catalog.format('Phường %s', p) AS name,
       CASE WHEN c = 1 THEN 'Quận 11' ELSE pg_catalog.format('Quận 11 (bản %s)', c) END AS district,
       weight
  FROM generate_series(1, greatest(1, ceil(:scale::numeric))::int) AS c,
       unnest('{1.00,0.85,1.20,0.95,1.30,0.80,1.10,0.90,1.05,1.15,0.75,0.95,1.00,1.25,1.10,0.65}'::numeric[])
           WITH ORDINALITY AS x(weight, p),
       LATERAL (SELECT (c - 1) * 16 + p::int AS w) AS ww;

-- Households: the ward by cumulative share, the size, the head's age, the
-- dwelling and the per-capita income of an ordinary household (above the
-- city's near-poor line; the calibration below makes the poor and near-poor).
CREATE TEMP TABLE g_household AS
WITH params AS (
    SELECT round(59600 * :scale::numeric)::bigint AS households,
           (SELECT array_agg(s ORDER BY ward_no)
              FROM (SELECT ward_no, sum(weight) OVER (ORDER BY ward_no) / sum(weight) OVER () AS s
                      FROM g_ward) AS x) AS bounds
), drawn AS (
    SELECT n, pg_temp.u(n, 1) AS u_size, p.households, p.bounds
      FROM params AS p, generate_series(1, p.households) AS n
)
SELECT n,
       (SELECT code FROM g_ward
         WHERE ward_no = 1 + width_bucket((n - 0.5) / households, bounds[1:cardinality(bounds) - 1])) AS ward,
       size,
       least(85, greatest(22, round(50 + 14 * pg_temp.z(n, 2))))::int AS head_age,
       pg_temp.u(n, 4) >= 0.015 AS housing_durable,
       round((size * 14 * exp(0.45 * pg_temp.z(n, 5)))::numeric, 1) AS floor_area,
       pg_temp.u(n, 7) >= 0.004 AS clean_water,
       pg_temp.u(n, 8) >= 0.008 AS hygienic_latrine,
       pg_temp.u(n, 9) >= 0.015 AS uses_telecom,
       pg_temp.u(n, 10) >= 0.008 AS has_information_device,
       36500000 + 42000000 * exp(0.6 * pg_temp.z(n, 11)) AS per_capita_income
  FROM drawn,
       LATERAL (SELECT CASE WHEN u_size < 0.10 THEN 1 WHEN u_size < 0.28 THEN 2 WHEN u_size < 0.50 THEN 3
                            WHEN u_size < 0.74 THEN 4 WHEN u_size < 0.88 THEN 5 WHEN u_size < 0.95 THEN 6
                            WHEN u_size < 0.98 THEN 7 ELSE 8 END AS size) AS s;

-- Members: the head, a spouse of about the same age, then children (born
-- when the head was 22 to 40) or, in one case in five, a parent of the head.
-- Person n's draws use 1,000 * household + position, apart from the
-- household's own.
CREATE TEMP TABLE g_member AS
WITH m AS MATERIALIZED (
    SELECT h.n AS household, j, h.head_age, 1000 * h.n + j AS pn,
           CASE WHEN j = 1 THEN h.head_age
                WHEN j = 2 THEN least(90, greatest(18, h.head_age + round(4 * pg_temp.z(1000 * h.n + j, 1))))
                WHEN pg_temp.u(1000 * h.n + j, 3) < 0.2 AND h.head_age < 60
                    THEN h.head_age + 22 + floor(pg_temp.u(1000 * h.n + j, 4) * 12)
                ELSE greatest(0, h.head_age - 22 - floor(pg_temp.u(1000 * h.n + j, 4) * 18)) END::int AS age
      FROM g_household AS h, generate_series(1, h.size) AS j
), p AS MATERIALIZED (
    SELECT m.*,
           CASE WHEN j = 1 THEN 'head' WHEN j = 2 THEN 'spouse'
                WHEN age > head_age THEN 'parent' ELSE 'child' END AS relation,
           CASE WHEN j = 1 THEN (CASE WHEN pg_temp.u(pn, 5) < 0.6 THEN 'male' ELSE 'female' END)
                WHEN pg_temp.u(pn, 5) < 0.5 THEN 'male' ELSE 'female' END AS sex,
           pg_temp.u(pn, 6) < CASE WHEN age >= 70 THEN 0.08 WHEN age >= 15 THEN 0.02 ELSE 0.01 END AS disability,
           CASE WHEN age BETWEEN 3 AND 5 THEN pg_temp.u(pn, 7) < 0.92
                WHEN age BETWEEN 6 AND 17 THEN pg_temp.u(pn, 7) < 0.97
                WHEN age BETWEEN 18 AND 22 THEN pg_temp.u(pn, 7) < 0.40
                ELSE false END AS attending_school,
           pg_temp.u(pn, 8) AS u_work, pg_temp.u(pn, 9) AS u_wage, pg_temp.u(pn, 10) AS u_contract,
           pg_temp.u(pn, 11) AS u_si, pg_temp.u(pn, 12) AS u_hi, pg_temp.u(pn, 13) AS u_level,
           pg_temp.u(pn, 14) AS u_day
      FROM m
), q AS MATERIALIZED (
    SELECT p.*,
           -- students are not counted as able to work: the registry's
           -- employment rule has no exemption for them (docs/demo.md)
           NOT disability AND NOT attending_school AND age BETWEEN 15 AND 64
               OR (age >= 65 AND NOT disability AND u_work < 0.3) AS working_capacity
      FROM p
), r AS MATERIALIZED (
    SELECT q.*,
           working_capacity AND age < 65 AND u_work < 0.95 AS employed
      FROM q
), s AS MATERIALIZED (
    SELECT r.*,
           employed AND u_wage < 0.62 AS works_for_wages
      FROM r
), t AS MATERIALIZED (
    SELECT s.*,
           CASE WHEN works_for_wages THEN u_contract < 0.85 END AS labour_contract
      FROM s
), v AS MATERIALIZED (
    SELECT t.*,
           CASE WHEN works_for_wages AND labour_contract THEN u_si < 0.93
                WHEN employed THEN u_si < 0.12 END AS social_insurance
      FROM t
)
SELECT household, j, pg_catalog.format('079%s%s', lpad(household::text, 7, '0'), lpad(j::text, 2, '0')) AS person_id,
       relation, sex, age,
       (date '2020-01-01' - make_interval(years => age) - make_interval(days => 1 + floor(u_day * 364)::int))::date AS birth_date,
       working_capacity, disability,
       -- children under 6 are insured free; most wage earners through
       -- social insurance; others buy a card or not
       CASE WHEN age < 6 OR age >= 80 OR social_insurance THEN true
            WHEN attending_school THEN u_hi < 0.97
            ELSE u_hi < 0.88 END AS health_insurance,
       attending_school,
       CASE WHEN attending_school THEN u_level < 0.99 ELSE u_level < 0.9 END AS school_level_ok,
       employed, works_for_wages, labour_contract, social_insurance,
       age < 16 AND pg_temp.u(pn, 15) < 0.05 AS stunted_or_underweight
  FROM v;

INSERT INTO :"registry".ward (code, name, district, households_total)
SELECT w.code, w.name, w.district, (SELECT count(*) FROM g_household AS h WHERE h.ward = w.code)
  FROM g_ward AS w ORDER BY w.ward_no;

-- One statement per table, as a COPY would: the statement-level triggers
-- compute each household once, after its members are in.
INSERT INTO :"registry".household (id, code, ward, area, address, housing_durable, floor_area, clean_water,
                                   hygienic_latrine, uses_telecom, has_information_device, household_income)
SELECT n, pg_catalog.format('Q11-%s', lpad(n::text, 7, '0')), ward, 'urban',
       pg_catalog.format('%s, %s', 1 + floor(pg_temp.u(n, 20) * 400), ward),
       housing_durable, floor_area, clean_water, hygienic_latrine, uses_telecom, has_information_device,
       round((per_capita_income * size)::numeric, -3)
  FROM g_household ORDER BY n;
SELECT pg_catalog.setval(pg_catalog.pg_get_serial_sequence(:'registry' || '.household', 'id'), max(id))
  FROM :"registry".household \gset
INSERT INTO :"registry".member (person_id, household, birth_date, sex, relation_to_head, working_capacity,
                                disability, health_insurance, attending_school, school_level_ok, employed,
                                works_for_wages, labour_contract, social_insurance, stunted_or_underweight)
SELECT person_id, household, birth_date, sex, relation, working_capacity, disability, health_insurance,
       attending_school, school_level_ok, employed, works_for_wages, labour_contract, social_insurance,
       stunted_or_underweight
  FROM g_member ORDER BY household, j;

-- Calibration: the lists of the start of 2020.  The poor are the households
-- most deprived under the city standard (ties broken by a draw); the
-- near-poor are drawn among those deprived in at most one of its indicators
-- (with health_access, which no registry rule decides, still under the 3 of
-- the two-band rule).  Their incomes are set in the bands of hcm-2019:
-- poor at most 28 million VND a person a year, near-poor above 28 and up to
-- 36 million; about a quarter of the poor are also under the national
-- line of 2016-2020 (900,000 VND a month in towns).
CREATE TEMP TABLE g_calibration AS
WITH s AS (
    SELECT h.id, h.members, s.deprivations AS city, n.deprivations AS nat,
           povext.deprivation_count(s.deprivations) AS city_count,
           pg_temp.u(h.id, 30) AS draw
      FROM :"registry".household AS h
      JOIN :"registry".household_status AS s ON s.household = h.id AND s.scope = 'hcmc'
      JOIN :"registry".household_status AS n ON n.household = h.id AND n.scope = 'national'
), poor AS (
    SELECT id, 'poor' AS list FROM s ORDER BY city_count DESC, draw LIMIT round(43 * :scale::numeric)
), near AS (
    SELECT id, 'near_poor' AS list FROM s
     WHERE city_count <= 1 AND id NOT IN (SELECT id FROM poor)
     ORDER BY draw LIMIT round(655 * :scale::numeric)
)
SELECT l.id, l.list, s.members,
       CASE WHEN l.list = 'near_poor' THEN 28200000 + 7600000 * pg_temp.u(l.id, 31)
            -- national poor (at most 10.8 million a year), or above the
            -- national near-poor line (15.6 million): in between, the
            -- national two-band rule would need health_access, which
            -- stays undetermined
            WHEN pg_temp.u(l.id, 32) < 0.25 THEN 7000000 + 3600000 * pg_temp.u(l.id, 31)
            ELSE 16000000 + 11800000 * pg_temp.u(l.id, 31) END AS per_capita_income
  FROM (SELECT * FROM poor UNION ALL SELECT * FROM near) AS l JOIN s USING (id);

UPDATE :"registry".household AS h
   SET household_income = round((c.per_capita_income * c.members)::numeric, -3)
  FROM g_calibration AS c WHERE c.id = h.id;

-- Lists of the start of 2019, loaded as earlier decisions: most of today's
-- poor and some households that have since escaped (so that the 2020
-- review records escapes, and the next one can record re-poor households).
INSERT INTO :"registry".status_history (household, standard, status, deprivations, recognised_on, review_kind,
                                        decision_ref, transition, standard_changed)
SELECT s.household, 'hcm-2019', 'poor', s.deprivations, '2019-01-01', 'periodic',
       'Danh sách đầu năm 2019 (demo)', 'newly_poor', false
  FROM :"registry".household_status AS s
 WHERE s.scope = 'hcmc'
   AND (s.household IN (SELECT id FROM g_calibration WHERE list = 'poor' AND pg_temp.u(id, 33) < 0.7)
        OR s.household IN (SELECT id FROM g_calibration WHERE list = 'near_poor' AND pg_temp.u(id, 33) < 0.06)
        OR (s.household NOT IN (SELECT id FROM g_calibration) AND pg_temp.u(s.household, 33) < 0.0004))
 ORDER BY s.household;

-- Fresh statistics for the reviews (autovacuum would take them later).
ANALYZE :"registry".household, :"registry".member, :"registry".household_status, :"registry".status_history;

-- The baseline of the income target: the mean per-capita income of the
-- poor households of the start of 2020, as report_target computes it now
-- (a district's DBA enters the figure of its own 2020 list).
UPDATE :"registry".target AS t
   SET baseline_value = r.poor_mean_income
  FROM :"registry".report_target AS r
 WHERE r.scope = t.scope AND r.measure = t.measure AND t.measure = 'poor_income_ratio' AND r.poor_mean_income > 0;
