-- povext 0.3.0 -> 0.4.0.  Hand-written; every statement of this release is
-- listed here, and the file is frozen once 0.4.0 is released.  The schema
-- was checked by the 0.3.0 script's guard when 0.3.0 was installed; only
-- its owner (the extension's owner or a superuser) can have changed it since.
\echo Use "ALTER EXTENSION povext UPDATE TO '0.4.0'" to load this file. \quit

-- distributed registry
--
-- povext.distribute_registry() distributes a registry on a Citus cluster
-- (after povext.citus_setup()): its small tables become reference tables;
-- household is distributed by id, and member, household_status and
-- status_history by household, co-located with it, so that a household,
-- its members and its statuses are in one shard index.  The registry's
-- triggers then fire on the shards and name the co-located shards there
-- (src/citus.c).  Citus refuses what a shard cannot check alone, so:
-- household.code is no longer unique (a plain index instead), a person is
-- unique within a household only (member's key is (household, person_id)),
-- status_history's key is (household, id), and the foreign keys to
-- household have no ON UPDATE CASCADE (a household's id cannot change).
-- registry_recompute, registry_check and the recomputation after a catalog
-- change run on every shard in the caller's distributed transaction,
-- through one distributed query over the registry_shard table (one row in
-- each shard) that calls registry_shard_recompute or registry_shard_check
-- once per shard with the fingerprint of the coordinator's catalog (a shard
-- whose node has another catalog is refused).  A registry whose ward
-- officer was set up before it is distributed has policies with subqueries,
-- which Citus refuses in the middle of a distribution: it is refused first.

CREATE FUNCTION povext.registry_shard_recompute(registry name, shard regclass, catalog text,
                                                as_of date DEFAULT NULL, only_due boolean DEFAULT false)
    RETURNS bigint
    AS 'MODULE_PATHNAME', 'registry_shard_recompute' LANGUAGE C VOLATILE;
COMMENT ON FUNCTION povext.registry_shard_recompute(name, regclass, text, date, boolean) IS
    'registry_recompute on one Citus shard of a distributed registry, given the fingerprint of the coordinator''s catalog (run on each shard by registry_recompute on the coordinator)';

CREATE FUNCTION povext.registry_shard_check(registry name, shard regclass, catalog text)
    RETURNS TABLE (household bigint, stored text, computed text)
    AS 'MODULE_PATHNAME', 'registry_shard_check' LANGUAGE C STABLE PARALLEL RESTRICTED;
COMMENT ON FUNCTION povext.registry_shard_check(name, regclass, text) IS
    'registry_check on one Citus shard of a distributed registry, given the fingerprint of the coordinator''s catalog (run on each shard by registry_check on the coordinator)';

CREATE FUNCTION povext.distribute_registry(registry name) RETURNS void
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
    SET citus.enable_unsafe_triggers = on SET citus.multi_shard_modify_mode = 'sequential' AS $$
DECLARE
    s text := quote_ident(registry);
    t text;
    has_households boolean;
BEGIN
    IF registry IS NULL THEN
        RAISE EXCEPTION USING MESSAGE = povext.message('registry schema must not be NULL'),
                  ERRCODE = 'null_value_not_allowed';
    END IF;
    IF NOT EXISTS (SELECT FROM pg_extension WHERE extname = 'citus') THEN
        RAISE EXCEPTION USING MESSAGE = povext.message('extension "citus" is not installed in this database'),
                  ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = povext.message('Create extension citus, then povext, on the coordinator.');
    END IF;
    IF (SELECT groupid FROM pg_dist_local_group) <> 0 THEN
        RAISE EXCEPTION USING MESSAGE = povext.message('povext.distribute_registry() must run on the coordinator'),
                  ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    IF to_regclass('povext_citus.catalog') IS NULL THEN
        RAISE EXCEPTION USING MESSAGE = povext.message('cannot distribute registry "%" before povext is set up for Citus',
                                       registry::text),
                  ERRCODE = 'object_not_in_prerequisite_state',
                  DETAIL = povext.message('Without the setup, each node would compute its shards with its own catalog.'),
                  HINT = povext.message('Run SELECT povext.citus_setup(); on the coordinator first.');
    END IF;
    IF to_regclass(format('%s.registry_setting', s)) IS NULL OR to_regclass(format('%s.household', s)) IS NULL THEN
        RAISE EXCEPTION USING MESSAGE = povext.message('schema "%" has no povext registry', registry::text),
                  ERRCODE = 'undefined_table',
                  HINT = povext.message('Create one with povext.create_registry(''%'').', registry::text);
    END IF;

    IF to_regclass(format('%s.registry_shard', s)) IS NULL THEN
        -- the rows of a registry's tables would stay behind in the
        -- coordinator's copies: a registry is distributed empty
        EXECUTE format('SELECT EXISTS (SELECT FROM %s.household)', s) INTO STRICT has_households;
        IF has_households THEN
            RAISE EXCEPTION USING MESSAGE = povext.message('cannot distribute registry "%": it has households', registry::text),
                      ERRCODE = 'object_not_in_prerequisite_state',
                      HINT = povext.message('Distribute a new registry, then copy the households and members into it with INSERT ... SELECT.');
        END IF;
        -- Citus refuses a policy with a subquery on a distributed table, as
        -- those setup_roles makes for a ward officer: refused with a way out
        -- rather than Citus's error from the middle of the distribution
        IF EXISTS (SELECT FROM pg_policy AS p JOIN pg_class AS c ON c.oid = p.polrelid
                    WHERE c.relnamespace = registry::regnamespace
                      AND (p.polqual::text LIKE '%{SUBLINK %' OR p.polwithcheck::text LIKE '%{SUBLINK %')) THEN
            RAISE EXCEPTION USING MESSAGE = povext.message('cannot distribute registry "%": a row-level security policy of its tables has a subquery',
                                           registry::text),
                      ERRCODE = 'feature_not_supported',
                      DETAIL = povext.message('Citus does not support subqueries in the policies of a distributed table; povext.setup_roles makes such policies for a ward officer.'),
                      HINT = povext.message('Drop the policies with DROP POLICY, distribute the registry, then call povext.setup_roles without ward_officer.');
        END IF;
        -- constraints that Citus refuses on a distributed table: uniqueness
        -- without the distribution column, ON UPDATE CASCADE on it
        EXECUTE format($ddl$
            ALTER TABLE %1$s.household DROP CONSTRAINT IF EXISTS household_code_key;
            CREATE INDEX household_code_idx ON %1$s.household (code);
            ALTER TABLE %1$s.member DROP CONSTRAINT member_pkey, ADD PRIMARY KEY (household, person_id),
                DROP CONSTRAINT member_household_fkey,
                ADD CONSTRAINT member_household_fkey FOREIGN KEY (household) REFERENCES %1$s.household (id)
                    ON DELETE RESTRICT;
            ALTER TABLE %1$s.household_status DROP CONSTRAINT household_status_household_fkey,
                ADD CONSTRAINT household_status_household_fkey FOREIGN KEY (household) REFERENCES %1$s.household (id)
                    ON DELETE CASCADE;
            ALTER TABLE %1$s.status_history DROP CONSTRAINT status_history_pkey, ADD PRIMARY KEY (household, id);
            CREATE TABLE %1$s.registry_shard (
                shard bigint PRIMARY KEY,
                recomputed_at timestamptz
            );
            COMMENT ON TABLE %1$s.registry_shard IS
                'One row in each shard of the distributed registry: povext recomputes and checks the registry shard by shard through it';
        $ddl$, s);
        FOREACH t IN ARRAY ARRAY['registry_setting', 'ward', 'report_setting', 'target', 'ward_assignment'] LOOP
            PERFORM create_reference_table(format('%s.%I', s, t)::regclass);
        END LOOP;
        PERFORM create_distributed_table(format('%s.household', s)::regclass, 'id');
        FOREACH t IN ARRAY ARRAY['member', 'household_status', 'status_history', 'registry_shard'] LOOP
            PERFORM create_distributed_table(format('%s.%I', s, t)::regclass,
                                             CASE t WHEN 'registry_shard' THEN 'shard' ELSE 'household' END,
                                             colocate_with => format('%s.household', s));
        END LOOP;
    END IF;

    -- one row in each shard (again after the shards changed)
    EXECUTE format('DELETE FROM %s.registry_shard', s);
    EXECUTE format('INSERT INTO %1$s.registry_shard (shard)'
                   ' SELECT min(v) FROM generate_series(0, 100000) AS v'
                   ' GROUP BY get_shard_id_for_distribution_column(%2$L, v)', s, s || '.registry_shard');
END
$$;
COMMENT ON FUNCTION povext.distribute_registry(name) IS
    'Run on a Citus coordinator after povext.citus_setup(): distributes the registry in the schema named by household (its small tables become reference tables), its triggers running on the shards; again after its shards change';
-- review fixes
--
-- The trigger functions that act beyond the table they are attached to are
-- for povext's catalog tables only, where the extension's owner attached
-- them.  EXECUTE is checked when a trigger is created, not when it fires, so
-- revoking it from PUBLIC leaves those triggers working and keeps other
-- roles from attaching the functions to tables of their own:
-- registry_catalog_changed on a table named like a catalog table made
-- povext recompute every listed registry as its owner (rewriting a status
-- the owner had set, under ExclusiveLock) for any role, and catalog_changed
-- let any role invalidate every backend's catalog cache at will.
REVOKE EXECUTE ON FUNCTION povext.registry_catalog_changed() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION povext.catalog_changed() FROM PUBLIC;

-- small-cell suppression of indicator contributions
--
-- report_mpi_contribution_suppressed hid a row's censored headcount and
-- contribution only when the poor households were few: with 8 poor
-- households, 2 of them deprived in water, it showed water's censored
-- headcount (25 %) while report_indicator_suppressed hid the 2.  A row's
-- percentages are now also hidden (suppressed true) when the households
-- poor and deprived in its indicator are 1..k-1, and on a dimension row
-- when those of any of its indicators are: the households poor and
-- deprived in a dimension are at least those of each of its indicators
-- and none only when each has none, so a dimension with 1..k-1 of them
-- always has such an indicator (the state does not count a dimension's
-- households itself); and a dimension's contribution, the sum of its
-- indicators', would give a hidden indicator's as the difference with the
-- others shown.  report_mpi_contribution gains, at the end, dimension and
-- the counts (poor_deprived_households, all_poor_deprived_households; NULL
-- on dimension rows).  registry_create_mpi_contribution creates both views
-- for a new registry (registry_create_reports, re-stated once with the
-- next section's change, calls it) and replaces them in the registries
-- made before (the update loop at the end of the next section): CREATE OR
-- REPLACE VIEW keeps their grants and the users' views on them, and
-- registry_create_suppressed_view now replaces a suppressed view's
-- rows function (whose columns CREATE OR REPLACE FUNCTION cannot change)
-- with its owner and grants.

-- A suppressed view: the report view's rows read as the registry owner (so
-- that the reader needs no privilege on the household tables) with the
-- select list given, which hides small counts; EXECUTE only for the roles
-- setup_roles grants it to.
-- The function returns a TABLE of the report view's column names and types,
-- not SETOF the view's row type: Citus 13 counts the functions used by an
-- object that depends on a relation's columns as that relation's
-- dependencies, so report_ward -> report_ward_rows() -> type report_ward ->
-- report_ward was a cycle, and distributing a registry table failed with
-- "Citus can not handle circular dependencies between distributed objects".
-- A suppressed view made before is replaced: CREATE OR REPLACE FUNCTION
-- cannot change the columns of its rows function, so a new one takes the
-- old one's owner and grants, and the view (keeping its own grants and the
-- views of users on it) reads the new one; the old one is then dropped
-- (refused if a user's object depends on it).
CREATE OR REPLACE FUNCTION povext.registry_create_suppressed_view(registry name, report_view name, select_list text)
    RETURNS void
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    result_columns text;
    rows_function text := format('%I.%I()', registry, report_view || '_rows');
    old_function regprocedure := to_regprocedure(rows_function);
    statement text;
BEGIN
    SELECT string_agg(format('%I %s', a.attname, format_type(a.atttypid, a.atttypmod)), ', ' ORDER BY a.attnum)
      INTO result_columns
      FROM pg_attribute AS a
     WHERE a.attrelid = format('%I.%I', registry, report_view)::regclass
       AND a.attnum > 0 AND NOT a.attisdropped;
    IF old_function IS NOT NULL THEN
        EXECUTE format('ALTER FUNCTION %s RENAME TO %I', old_function, report_view || '_rows_replaced');
    END IF;
    EXECUTE format($ddl$
        CREATE FUNCTION %1$I.%3$I() RETURNS TABLE (%6$s)
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
            AS $f$ SELECT %5$s FROM %1$I.%2$I AS r CROSS JOIN (SELECT c.min_cell_count AS k FROM %1$I.report_setting AS c) AS k $f$;
        REVOKE EXECUTE ON FUNCTION %1$I.%3$I() FROM PUBLIC;
        COMMENT ON FUNCTION %1$I.%3$I() IS
            'Rows of %2$s as the registry owner with small counts hidden; only for the roles that read %4$s';
        CREATE OR REPLACE VIEW %1$I.%4$I WITH (security_invoker = true) AS SELECT * FROM %1$I.%3$I();
        COMMENT ON VIEW %1$I.%4$I IS
            'report view %2$s with small-cell suppression: counts above 0 and below report_setting.min_cell_count, and what is computed from them, are NULL and suppressed is true';
    $ddl$, registry, report_view, report_view || '_rows', report_view || '_suppressed', select_list,
       result_columns);
    IF old_function IS NOT NULL THEN
        EXECUTE format('ALTER FUNCTION %s OWNER TO %s', rows_function,
                       (SELECT p.proowner::regrole FROM pg_proc AS p WHERE p.oid = old_function));
        FOR statement IN
            SELECT format('GRANT EXECUTE ON FUNCTION %s TO %s%s', rows_function,
                          CASE a.grantee WHEN 0 THEN 'PUBLIC' ELSE a.grantee::regrole::text END,
                          CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END)
              FROM pg_proc AS p CROSS JOIN LATERAL aclexplode(COALESCE(p.proacl, acldefault('f', p.proowner))) AS a
             WHERE p.oid = old_function AND a.grantee <> p.proowner AND a.privilege_type = 'EXECUTE'
        LOOP
            EXECUTE statement;
        END LOOP;
        EXECUTE format('DROP FUNCTION %s', old_function);
    END IF;
END
$$;
COMMENT ON FUNCTION povext.registry_create_suppressed_view(name, name, text) IS
    'Called by registry_create_reports: creates (or replaces, with the grants of the one before) view <report_view>_suppressed over a SECURITY DEFINER function that reads the report view with the select list given';

-- Creates or replaces a registry's report_mpi_contribution view and its
-- suppressed twin.
CREATE FUNCTION povext.registry_create_mpi_contribution(registry name)
    RETURNS void
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    s text := quote_ident(registry);
    -- the count a row's percentages are hidden by: its indicator's, or on
    -- a dimension row the smallest above 0 of its indicators' (0 if none)
    cell text := $c$COALESCE(CASE r.kind WHEN 'indicator' THEN r.%1$I
                     ELSE min(NULLIF(r.%1$I, 0)) OVER (PARTITION BY r.district, r.ward, r.level, r.scope, r.standard, r.dimension)
                 END, 0)$c$;
BEGIN
    PERFORM povext.registry_require(registry);
    EXECUTE format($ddl$
        CREATE OR REPLACE VIEW %1$s.report_mpi_contribution WITH (security_invoker = true) AS
        WITH ind AS (
            -- the indicators of the standard (from the state of every
            -- household), with their measures over the determined
            -- households where there are some
            SELECT st.district, st.ward, st.level, st.scope, st.standard,
                   m.poor_population::integer AS poor_households, xa.indicator, i.dimension,
                   x.censored_headcount_ratio, x.contribution,
                   ma.poor_population::integer AS all_poor_households,
                   xa.censored_headcount_ratio AS all_censored_headcount_ratio, xa.contribution AS all_contribution,
                   m.population, ma.population AS all_population
              FROM %1$s.mpi_state AS st
              JOIN povext.standard AS sd ON sd.code = st.standard
             CROSS JOIN LATERAL povext.af_measures_at_count(st.state_all, sd.minimum_deprivations) AS ma
             CROSS JOIN LATERAL povext.af_indicators(st.state_all, ma.cutoff_share) AS xa
              LEFT JOIN LATERAL povext.af_measures_at_count(st.state, sd.minimum_deprivations) AS m ON true
              LEFT JOIN LATERAL povext.af_indicators(st.state, m.cutoff_share) AS x ON x.indicator = xa.indicator
              JOIN povext.indicator AS i ON i.code = xa.indicator
        )
        SELECT c.district, c.ward, c.level, c.scope, c.standard, c.poor_households, 'indicator' AS kind, c.indicator AS code,
               povext.label('indicator', c.indicator, 'vi') AS label_vi,
               povext.label('indicator', c.indicator, 'en') AS label_en,
               round(100 * c.censored_headcount_ratio, 2) AS censored_headcount_pct,
               round(100 * c.contribution, 2) AS contribution_pct,
               false AS suppressed,
               c.all_poor_households,
               round(100 * c.all_censored_headcount_ratio, 2) AS all_censored_headcount_pct,
               round(100 * c.all_contribution, 2) AS all_contribution_pct,
               c.dimension,
               -- the censored ratio times its denominator, exact once
               -- rounded (the ratio has at least 16 significant digits)
               round(c.censored_headcount_ratio * c.population)::integer AS poor_deprived_households,
               round(c.all_censored_headcount_ratio * c.all_population)::integer AS all_poor_deprived_households
          FROM ind AS c
        UNION ALL
        SELECT c.district, c.ward, c.level, c.scope, c.standard, c.poor_households, 'dimension', c.dimension,
               povext.label('dimension', c.dimension, 'vi'), povext.label('dimension', c.dimension, 'en'),
               NULL, round(100 * sum(c.contribution), 2), false,
               c.all_poor_households, NULL, round(100 * sum(c.all_contribution), 2),
               c.dimension, NULL, NULL
          FROM ind AS c
         GROUP BY c.district, c.ward, c.level, c.scope, c.standard, c.poor_households, c.all_poor_households, c.dimension;
        COMMENT ON VIEW %1$s.report_mpi_contribution IS
            'Contribution (percent of M0) of each indicator and each dimension to the multidimensional poverty of report_mpi, with each indicator''s censored headcount (percent of households poor and deprived in it) and count of those households (poor_deprived_households; NULL on dimension rows); all_* over every household as report_mpi''s all_* columns';
    $ddl$, s);
    PERFORM povext.registry_create_suppressed_view(registry, 'report_mpi_contribution', format($q$
        r.district, r.ward, r.level, r.scope, r.standard,
        povext.small_cell_value(r.poor_households, r.poor_households, k.k),
        r.kind, r.code, r.label_vi, r.label_en,
        povext.small_cell_value(povext.small_cell_value(r.censored_headcount_pct, r.poor_households, k.k), %1$s, k.k),
        povext.small_cell_value(povext.small_cell_value(r.contribution_pct, r.poor_households, k.k), %1$s, k.k),
        povext.is_small_cell(r.poor_households, k.k) OR povext.is_small_cell(r.all_poor_households, k.k)
            OR povext.is_small_cell(%1$s, k.k) OR povext.is_small_cell(%2$s, k.k),
        povext.small_cell_value(r.all_poor_households, r.all_poor_households, k.k),
        povext.small_cell_value(povext.small_cell_value(r.all_censored_headcount_pct, r.all_poor_households, k.k), %2$s, k.k),
        povext.small_cell_value(povext.small_cell_value(r.all_contribution_pct, r.all_poor_households, k.k), %2$s, k.k),
        r.dimension,
        povext.small_cell_value(r.poor_deprived_households, r.poor_deprived_households, k.k),
        povext.small_cell_value(r.all_poor_deprived_households, r.all_poor_deprived_households, k.k)
    $q$, format(cell, 'poor_deprived_households'), format(cell, 'all_poor_deprived_households')));
END
$$;
COMMENT ON FUNCTION povext.registry_create_mpi_contribution(name) IS
    'Called by registry_create_reports and the 0.4.0 update: creates or replaces the registry''s report_mpi_contribution view and report_mpi_contribution_suppressed, which hides a row''s percentages when the households poor and deprived in its indicator, or in any indicator of its dimension, are a small cell';

-- distributed registry: reviews, reports, roles
--
-- What a ward officer, an analyst and a BI tool run on a registry now also
-- works on one distributed by distribute_registry, with the plain
-- registry's results (test/t/007_citus.pl compares them as text).
--
-- registry_review: Citus refused its check of the households listed (a
-- subquery correlated with unnest()) and its history lookups (a LATERAL
-- subquery with LIMIT and an EXISTS correlated with the household, both
-- joining the povext.standard catalog, a plain table on each node).  The
-- listed households are now checked against the array of those found in
-- the ward, and the history of the ward's households is read once, in a
-- co-located join, then reduced to the last status and whether one was
-- poor per household and scope (DISTINCT ON, bool_or).  The same query
-- serves a plain registry, which it reads with hash joins instead of one
-- index lookup per household and scope.
CREATE OR REPLACE FUNCTION povext.registry_review(registry name, ward text, recognised_on date, review_kind text,
                                       decision_ref text, households bigint[] DEFAULT NULL)
    RETURNS TABLE (household bigint, code text, scope text, standard text, previous_status povext.status,
                   status povext.status, transition text, standard_changed boolean)
    LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, pg_temp SET jit = off AS $$
DECLARE
    r record;
    bad_household bigint;
    bad_date date;
    found_rows bigint;
    skipped text[] := '{}';
BEGIN
    PERFORM povext.registry_require(registry);
    IF ward IS NULL OR recognised_on IS NULL OR review_kind IS NULL THEN
        RAISE EXCEPTION USING MESSAGE = povext.message('ward, recognised_on and review_kind of a review must not be NULL'),
                  ERRCODE = 'null_value_not_allowed';
    END IF;
    IF review_kind NOT IN ('periodic', 'regular') THEN
        RAISE EXCEPTION USING MESSAGE = povext.message('invalid review kind "%"', review_kind),
                  ERRCODE = 'invalid_parameter_value',
                  DETAIL = povext.message('Valid review kinds are: periodic (once a year), regular (on request).');
    END IF;
    EXECUTE format('SELECT EXISTS (SELECT FROM %I.ward AS w WHERE w.code = $1)', registry) INTO r USING ward;
    IF NOT r.exists THEN
        RAISE EXCEPTION USING MESSAGE = povext.message('ward "%" does not exist in registry "%"', ward, registry::text),
                  ERRCODE = 'undefined_object';
    END IF;
    -- the households of the ward listed are read first: Citus refuses a
    -- subquery correlated with unnest()
    EXECUTE format('SELECT u.id FROM unnest($1) AS u(id)
                     WHERE u.id IS NULL
                        OR u.id <> ALL (ARRAY(SELECT h.id FROM %I.household AS h WHERE h.id = ANY ($1) AND h.ward = $2))
                     LIMIT 1', registry)
       INTO bad_household USING households, ward;
    GET DIAGNOSTICS found_rows = ROW_COUNT;
    IF found_rows > 0 THEN
        RAISE EXCEPTION USING MESSAGE = povext.message('household % is not in ward "%" of registry "%"',
                                       coalesce(bad_household::text, 'NULL'),
                                       ward,
                                       registry::text),
                  ERRCODE = 'invalid_parameter_value';
    END IF;

    -- One review at a time appends to the history (readers are not blocked),
    -- so two reviews cannot both take a household as not yet recognised.
    EXECUTE format('LOCK TABLE %I.status_history IN SHARE ROW EXCLUSIVE MODE', registry);

    -- The history is in date order, one recognition a day: a review on or
    -- before a household's last recognition would change the transitions of
    -- the ones after it.
    EXECUTE format('SELECT e.household, e.recognised_on FROM %1$I.status_history AS e
                      JOIN %1$I.household AS h ON h.id = e.household
                     WHERE h.ward = $1 AND ($2 IS NULL OR h.id = ANY ($2)) AND e.recognised_on >= $3
                     ORDER BY e.household, e.recognised_on DESC LIMIT 1', registry)
       INTO bad_household, bad_date USING ward, households, recognised_on;
    GET DIAGNOSTICS found_rows = ROW_COUNT;
    IF found_rows > 0 THEN
        RAISE EXCEPTION USING MESSAGE = povext.message('household % already has a status recognised on %',
                                       bad_household::text,
                                       to_char(bad_date, 'YYYY-MM-DD')),
                  ERRCODE = 'object_not_in_prerequisite_state',
                  DETAIL = povext.message('A review appends to the history in date order; a household is recognised at most once a day.');
    END IF;
    -- The statuses recognised are those computed as of the review date.
    EXECUTE format('SELECT s.household, s.as_of FROM %1$I.household_status AS s
                      JOIN %1$I.household AS h ON h.id = s.household
                     WHERE h.ward = $1 AND ($2 IS NULL OR h.id = ANY ($2)) AND s.as_of <> $3
                     ORDER BY s.household LIMIT 1', registry)
       INTO bad_household, bad_date USING ward, households, recognised_on;
    GET DIAGNOSTICS found_rows = ROW_COUNT;
    IF found_rows > 0 THEN
        RAISE EXCEPTION USING MESSAGE = povext.message('the statuses of household % are computed as of %, not as of the review date %',
                                       bad_household::text,
                                       to_char(bad_date, 'YYYY-MM-DD'),
                                       to_char(recognised_on, 'YYYY-MM-DD')),
                  ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = povext.message('Set %.registry_setting.reference_date to % and run povext.registry_recompute(%, only_due => true).',
                                     quote_ident(registry),
                                     to_char(recognised_on, 'YYYY-MM-DD'),
                                     quote_nullable(registry));
    END IF;

    FOR r IN EXECUTE format($q$
        WITH ward_status AS (
            SELECT h.id, h.code, h.area, h.members, s.scope, s.standard, s.deprivations, s.status
              FROM %1$I.household AS h
              JOIN %1$I.household_status AS s ON s.household = h.id
             WHERE h.ward = $1 AND ($2 IS NULL OR h.id = ANY ($2))
        ), history AS (
            -- per household and scope, the last status recognised and
            -- whether one was poor; the history rows are read with their
            -- household (one co-located join on Citus) and the catalog
            -- joined after, as Citus cannot join a shard with a povext
            -- catalog table, a plain table on each node
            SELECT e.household, es.scope, e.standard, e.status, e.recognised_on, e.id
              FROM (SELECT e.household, e.standard, e.status, e.recognised_on, e.id
                      FROM %1$I.status_history AS e
                      JOIN %1$I.household AS h ON h.id = e.household
                     WHERE h.ward = $1 AND ($2 IS NULL OR h.id = ANY ($2))
                    OFFSET 0) AS e
              JOIN povext.standard AS es ON es.code = e.standard
        ), previous AS (
            SELECT DISTINCT ON (e.household, e.scope) e.household, e.scope, e.standard, e.status,
                   bool_or(e.status = 'poor') OVER (PARTITION BY e.household, e.scope) AS poor_before
              FROM history AS e
             ORDER BY e.household, e.scope, e.recognised_on DESC, e.id DESC
        ), current AS (
            SELECT c.*, p.standard AS previous_standard, p.status AS previous_status,
                   COALESCE(p.poor_before, false) AS poor_before
              FROM ward_status AS c
              LEFT JOIN previous AS p ON p.household = c.id AND p.scope = c.scope
        ), decided AS (
            SELECT c.*, povext.status_transition(c.previous_status, c.status, c.poor_before) AS transition
              FROM current AS c
        ), caused AS (
            -- caused by the standard: the household would have kept its
            -- level under the previous standard, with today's income and
            -- deprivations (NULL if that cannot be computed)
            SELECT d.*,
                   CASE WHEN d.status IS NULL THEN NULL
                        WHEN d.previous_standard IS NULL OR d.previous_standard = d.standard
                             OR d.transition = 'unchanged' THEN false
                        WHEN EXISTS (SELECT FROM povext.standard_line AS l
                                      WHERE l.standard = d.previous_standard AND l.area = d.area)
                        THEN povext.status_transition(
                                 d.previous_status,
                                 povext.classify_household(povext.registry_household_income($6, d.id), d.members,
                                                           d.deprivations, d.previous_standard, d.area),
                                 d.poor_before) = 'unchanged'
                   END AS standard_changed
              FROM decided AS d
        ), appended AS (
            INSERT INTO %1$I.status_history (household, standard, status, deprivations, recognised_on,
                                             review_kind, decision_ref, transition, standard_changed)
            SELECT c.id, c.standard, c.status, c.deprivations, $3, $4, $5, c.transition, c.standard_changed
              FROM caused AS c WHERE c.status IS NOT NULL
        )
        SELECT c.id, c.code, c.scope, c.standard, c.previous_status, c.status, c.transition, c.standard_changed
          FROM caused AS c ORDER BY c.id, c.scope
    $q$, registry) USING ward, households, recognised_on, review_kind, decision_ref, registry
    LOOP
        household := r.id; code := r.code; scope := r.scope; standard := r.standard;
        previous_status := r.previous_status; status := r.status;
        transition := r.transition; standard_changed := r.standard_changed;
        IF r.status IS NULL THEN
            skipped := skipped || format('%s (%s)', coalesce(r.code, r.id::text), r.scope);
        END IF;
        RETURN NEXT;
    END LOOP;
    IF cardinality(skipped) > 0 THEN
        RAISE WARNING USING MESSAGE = povext.message('% statuses of ward "%" were not recognised: they are undetermined',
                                       cardinality(skipped)::text,
                                       ward),
                  DETAIL = povext.message('Households (scope): %.', array_to_string(skipped, ', ')),
                  HINT = povext.message('Complete the missing answers and incomes, then review these households with a regular review.');
    END IF;
END
$$;
COMMENT ON FUNCTION povext.registry_review(name, text, date, text, text, bigint[]) IS
    'Recognises the computed statuses of the households of a ward (or of the households listed) as of the review date: appends them to status_history with the transition and whether the standard caused it; undetermined statuses are skipped with a warning';

-- Report views: report_indicator, mpi_state (read by report_mpi and
-- report_mpi_contribution) and report_transition group by GROUPING SETS,
-- which Citus cannot run on shards ("could not run distributed query with
-- GROUPING").  They now read the registry's households and statuses (or
-- history) in a CTE of the co-located tables only.  PostgreSQL inlines a
-- CTE read once, so a plain registry's plans are unchanged (the views'
-- GROUPING SETS subquery was not flattened before either); Citus, when the
-- inlined query cannot run on the shards, runs the CTE on the shards and
-- the rest of the view on the coordinator over its rows (one row per
-- household and scope, or per history row, crosses the network).
-- report_household looked up the indicators of each row's standard in the
-- povext.standard_indicator catalog, a plain table on each node, in a
-- subquery correlated with the row, which Citus refused ("direct joins
-- between distributed and local tables are not supported"); it now joins
-- them per standard (one aggregate over the catalog), which Citus sends to
-- the shards, and PostgreSQL hashes instead of running a subquery per
-- row.  The views are made by registry_create_household_views (with
-- report_mpi, which reads mpi_state, in registry_create_reports' order of
-- creation, which is the order DROP ... CASCADE reports them in), which
-- registry_create_reports calls for a new registry and this update for the
-- registries made before.

-- Creates or replaces the report views of a registry that read its
-- households and statuses in a shape Citus can run, and report_mpi.
CREATE FUNCTION povext.registry_create_household_views(registry name)
    RETURNS void
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    s text := quote_ident(registry);
    indicators text[];
    indicator_columns text;
BEGIN
    PERFORM povext.registry_require(registry);
    -- One boolean column per indicator that a standard of a followed scope
    -- counts (the columns are fixed when the view is created, and kept
    -- when it is replaced).
    IF to_regclass(format('%s.report_household', s)) IS NULL THEN
        EXECUTE format($q$
            SELECT array_agg(i.code ORDER BY i.bit)
              FROM povext.indicator AS i
             WHERE EXISTS (SELECT FROM povext.standard_indicator AS si JOIN povext.standard AS sd ON sd.code = si.standard
                            WHERE si.indicator = i.code
                              AND sd.scope IN (SELECT unnest(r.followed_scopes) FROM %s.registry_setting AS r))
        $q$, s) INTO indicators;
    ELSE
        SELECT array_agg(substr(a.attname, length('deprived_') + 1) ORDER BY a.attnum) INTO indicators
          FROM pg_attribute AS a
         WHERE a.attrelid = format('%s.report_household', s)::regclass
           AND a.attnum > 0 AND NOT a.attisdropped AND a.attname LIKE 'deprived\_%';
    END IF;
    -- an indicator deleted from the catalog since keeps its column, NULL
    SELECT string_agg(CASE WHEN EXISTS (SELECT FROM povext.indicator AS i WHERE i.code = u.code)
                           THEN format('CASE WHEN c.counted OPERATOR(povext.@>) %1$L::povext.deprivations
                                     AND NOT s.undetermined OPERATOR(povext.@>) %1$L::povext.deprivations
                                   THEN s.deprivations OPERATOR(povext.@>) %1$L::povext.deprivations END AS %2$I',
                                       '{' || u.code || '}', 'deprived_' || u.code)
                           ELSE format('NULL::boolean AS %I', 'deprived_' || u.code) END,
                      E',\n' ORDER BY u.n)
      INTO indicator_columns
      FROM unnest(indicators) WITH ORDINALITY AS u(code, n);

    EXECUTE format($ddl$
        CREATE OR REPLACE VIEW %1$s.report_household WITH (security_invoker = true) AS
        SELECT h.id AS household_id, h.code AS household_code, w.district, h.ward, h.area::text AS area, h.members,
               round(h.per_capita_income_year) AS per_capita_income_year,
               s.scope, s.standard, s.as_of, s.status::text AS status,
               povext.label('status', s.status::text, 'vi') AS status_vi,
               povext.label('status', s.status::text, 'en') AS status_en,
               povext.deprivation_count(s.deprivations) AS deprivation_count,
               povext.deprivation_count(s.undetermined) AS undetermined_count,
               %2$s
          FROM %1$s.household AS h
          JOIN %1$s.ward AS w ON w.code = h.ward
          JOIN %1$s.household_status AS s ON s.household = h.id
          -- the indicators each standard counts (no row: none, and each
          -- column NULL as with an empty set)
          LEFT JOIN (SELECT si.standard, povext.deprivations_from_codes(array_agg(si.indicator)) AS counted
                       FROM povext.standard_indicator AS si GROUP BY si.standard) AS c ON c.standard = s.standard;
        COMMENT ON VIEW %1$s.report_household IS
            'Household rows (no names or addresses) with the computed status under each followed scope and one boolean column per indicator: true deprived, false not, NULL undetermined or not counted by the standard';

        CREATE OR REPLACE VIEW %1$s.report_indicator WITH (security_invoker = true) AS
        WITH hs AS (
            SELECT h.ward, s.scope, s.standard, s.deprivations, s.undetermined
              FROM %1$s.household AS h
              JOIN %1$s.household_status AS s ON s.household = h.id
        )
        SELECT r.district, r.ward, r.level, r.scope, r.indicator,
               povext.label('indicator', r.indicator, 'vi') AS indicator_vi,
               povext.label('indicator', r.indicator, 'en') AS indicator_en,
               r.dimension,
               povext.label('dimension', r.dimension, 'vi') AS dimension_vi,
               povext.label('dimension', r.dimension, 'en') AS dimension_en,
               r.households, r.deprived_households, r.undetermined_households,
               round(100.0 * r.deprived_households / NULLIF(r.households - r.undetermined_households, 0), 2) AS deprived_share_pct,
               false AS suppressed
          FROM (SELECT w.district, w.code AS ward,
                       CASE WHEN GROUPING(w.code) = 0 THEN 'ward' ELSE 'district' END AS level,
                       s.scope, i.code AS indicator, i.dimension,
                       count(*)::integer AS households,
                       count(*) FILTER (WHERE s.deprivations OPERATOR(povext.@>) povext.deprivations_from_codes(ARRAY[i.code]))::integer
                           AS deprived_households,
                       count(*) FILTER (WHERE s.undetermined OPERATOR(povext.@>) povext.deprivations_from_codes(ARRAY[i.code]))::integer
                           AS undetermined_households
                  FROM %1$s.ward AS w
                  JOIN hs AS s ON s.ward = w.code
                  JOIN povext.standard_indicator AS si ON si.standard = s.standard
                  JOIN povext.indicator AS i ON i.code = si.indicator
                 GROUP BY GROUPING SETS ((w.district, w.code, s.scope, i.code, i.dimension),
                                         (w.district, s.scope, i.code, i.dimension))) AS r;
        COMMENT ON VIEW %1$s.report_indicator IS
            'Indicator headcounts per ward and per district: households whose standard counts the indicator, those deprived and undetermined in it, and the share deprived (percent of those determined)';

        CREATE OR REPLACE VIEW %1$s.mpi_state WITH (security_invoker = true) AS
        WITH hs AS (
            SELECT h.ward, s.scope, s.standard, s.deprivations, s.undetermined
              FROM %1$s.household AS h
              JOIN %1$s.household_status AS s ON s.household = h.id
        )
        SELECT w.district, w.code AS ward,
               CASE WHEN GROUPING(w.code) = 0 THEN 'ward' ELSE 'district' END AS level,
               s.scope, s.standard,
               count(*)::integer AS households,
               count(*) FILTER (WHERE povext.deprivation_count(s.undetermined) = 0)::integer AS households_measured,
               povext.af_state_agg(s.deprivations, s.standard)
                   FILTER (WHERE povext.deprivation_count(s.undetermined) = 0) AS state,
               -- every household, an undetermined indicator counted as not
               -- deprived: the only measure when a standard counts an
               -- indicator no registry rule derives (health_access)
               povext.af_state_agg(s.deprivations, s.standard) AS state_all
          FROM %1$s.ward AS w
          JOIN hs AS s ON s.ward = w.code
         GROUP BY GROUPING SETS ((w.district, w.code, s.scope, s.standard), (w.district, s.scope, s.standard));
        COMMENT ON VIEW %1$s.mpi_state IS
            'Building block of report_mpi and report_mpi_contribution: the Alkire-Foster state (povext.af_state) of the households of each ward and district whose deprivations are all determined (state), and of every household with undetermined indicators counted as not deprived (state_all)';

        CREATE OR REPLACE VIEW %1$s.report_mpi WITH (security_invoker = true) AS
        SELECT st.district, st.ward, st.level, st.scope, st.standard, st.households, st.households_measured,
               sd.minimum_deprivations AS cutoff_count,
               m.poor_population::integer AS poor_households,
               round(m.headcount_ratio, 4) AS headcount_ratio,
               round(m.intensity, 4) AS intensity,
               round(m.m0, 4) AS m0,
               false AS suppressed,
               a.poor_population::integer AS all_poor_households,
               round(a.headcount_ratio, 4) AS all_headcount_ratio,
               round(a.intensity, 4) AS all_intensity,
               round(a.m0, 4) AS all_m0
          FROM %1$s.mpi_state AS st
          JOIN povext.standard AS sd ON sd.code = st.standard
          LEFT JOIN LATERAL povext.af_measures_at_count(st.state, sd.minimum_deprivations) AS m ON true
          LEFT JOIN LATERAL povext.af_measures_at_count(st.state_all, sd.minimum_deprivations) AS a ON true;
        COMMENT ON VIEW %1$s.report_mpi IS
            'Multidimensional poverty by ward and district (Alkire-Foster, households deprived in at least the standard''s minimum number of indicators): H, A and M0 over the households whose deprivations are all determined, and (all_*) over every household with undetermined indicators counted as not deprived';

        CREATE OR REPLACE VIEW %1$s.report_transition WITH (security_invoker = true) AS
        WITH he AS (
            SELECT h.ward, e.recognised_on, e.review_kind, e.decision_ref, e.standard, e.transition
              FROM %1$s.status_history AS e
              JOIN %1$s.household AS h ON h.id = e.household
        )
        SELECT r.district, r.ward, r.level, r.recognised_on, r.review_kind, r.decision_ref, r.scope, r.standard,
               r.transition,
               povext.label('transition', r.transition, 'vi') AS transition_vi,
               povext.label('transition', r.transition, 'en') AS transition_en,
               r.households, false AS suppressed
          FROM (SELECT w.district, w.code AS ward,
                       CASE WHEN GROUPING(w.code) = 0 THEN 'ward' ELSE 'district' END AS level,
                       e.recognised_on, e.review_kind, e.decision_ref, sd.scope, e.standard, e.transition,
                       count(*)::integer AS households
                  FROM he AS e
                  JOIN %1$s.ward AS w ON w.code = e.ward
                  JOIN povext.standard AS sd ON sd.code = e.standard
                 GROUP BY GROUPING SETS ((w.district, w.code, e.recognised_on, e.review_kind, e.decision_ref, sd.scope, e.standard, e.transition),
                                         (w.district, e.recognised_on, e.review_kind, sd.scope, e.standard, e.transition))) AS r;
        COMMENT ON VIEW %1$s.report_transition IS
            'Households per transition recognised at each review, per ward (with its decision) and per district and review date';
    $ddl$, s, indicator_columns);
END
$$;
COMMENT ON FUNCTION povext.registry_create_household_views(name) IS
    'Called by registry_create_reports and the 0.4.0 update: creates or replaces the registry''s report_household, report_indicator, mpi_state, report_mpi and report_transition views, which read its households in a CTE of the registry''s tables only (so that Citus can run them on a distributed registry)';

CREATE OR REPLACE FUNCTION povext.registry_create_reports(registry name)
    RETURNS void
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    s text := quote_ident(registry);
BEGIN
    PERFORM povext.registry_require(registry);
    EXECUTE format($ddl$
        CREATE TABLE %1$s.report_setting (
            singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
            min_cell_count integer NOT NULL DEFAULT 5 CHECK (min_cell_count >= 1)
        );
        COMMENT ON TABLE %1$s.report_setting IS 'povext report settings (one row)';
        COMMENT ON COLUMN %1$s.report_setting.min_cell_count IS
            'k of small-cell suppression: the *_suppressed views hide counts above 0 and below k (NULL, with suppressed true)';
        INSERT INTO %1$s.report_setting DEFAULT VALUES;

        CREATE TABLE %1$s.target (
            scope text NOT NULL,
            measure text NOT NULL CHECK (measure IN ('poor_rate_pct', 'near_poor_rate_pct', 'poor_income_ratio')),
            target_year integer NOT NULL,
            comparison text NOT NULL CHECK (comparison IN ('<', '<=', '>', '>=')),
            target_value numeric NOT NULL CHECK (target_value >= 0 AND target_value < 'Infinity'),
            baseline_year integer,
            baseline_value numeric CHECK (baseline_value > 0 AND baseline_value < 'Infinity'),
            source text,
            PRIMARY KEY (scope, measure, target_year),
            CHECK ((measure = 'poor_income_ratio') = (baseline_year IS NOT NULL))
        );
        COMMENT ON TABLE %1$s.target IS
            'Targets of the registry''s district, compared with the current statuses by the report_target view';
        COMMENT ON COLUMN %1$s.target.scope IS 'Scope whose current statuses the target is measured with (national, hcmc)';
        COMMENT ON COLUMN %1$s.target.measure IS
            'poor_rate_pct, near_poor_rate_pct (percent of ward.households_total) or poor_income_ratio (mean per-capita income of poor households over baseline_value)';
        COMMENT ON COLUMN %1$s.target.comparison IS 'How the current value must compare with target_value';
        COMMENT ON COLUMN %1$s.target.baseline_value IS
            'For poor_income_ratio: mean per-capita income of poor households in baseline_year, VND per person per year (NULL until known)';
        INSERT INTO %1$s.target (scope, measure, target_year, comparison, target_value, baseline_year, source)
        SELECT f.scope, t.measure, 2025, t.comparison, t.target_value, t.baseline_year, 'District targets for 2025'
          FROM unnest((SELECT r.followed_scopes FROM %1$s.registry_setting AS r)) AS f(scope),
               (VALUES ('poor_rate_pct', '<', 0.5, NULL::integer),
                       ('near_poor_rate_pct', '<', 1.5, NULL),
                       ('poor_income_ratio', '>=', 1.3, 2020)) AS t(measure, comparison, target_value, baseline_year);

        CREATE TABLE %1$s.ward_assignment (
            role_name name NOT NULL,
            ward text NOT NULL REFERENCES %1$s.ward (code) ON UPDATE CASCADE ON DELETE CASCADE,
            PRIMARY KEY (role_name, ward)
        );
        COMMENT ON TABLE %1$s.ward_assignment IS
            'Wards a role (and every member of it) may read and write under the ward-officer policies of povext.setup_roles';

        CREATE VIEW %1$s.report_ward WITH (security_invoker = true) AS
        SELECT r.district, r.ward, r.ward_name, r.level, r.scope, r.standards, r.as_of,
               r.households_total, r.households, r.people,
               r.poor_households, r.poor_people, r.near_poor_households, r.near_poor_people,
               r.undetermined_households,
               round(100.0 * r.poor_households / NULLIF(r.households_total, 0), 2) AS poor_rate_pct,
               round(100.0 * r.near_poor_households / NULLIF(r.households_total, 0), 2) AS near_poor_rate_pct,
               false AS suppressed
          FROM (SELECT w.district, w.code AS ward, w.name AS ward_name,
                       CASE WHEN GROUPING(w.code) = 0 THEN 'ward' ELSE 'district' END AS level,
                       f.scope,
                       string_agg(DISTINCT s.standard, ', ') AS standards,
                       max(s.as_of) AS as_of,
                       CASE WHEN GROUPING(w.code) = 0 THEN max(w.households_total)
                            ELSE (SELECT CASE WHEN count(*) = count(x.households_total) THEN sum(x.households_total)::integer END
                                    FROM %1$s.ward AS x WHERE x.district IS NOT DISTINCT FROM w.district) END AS households_total,
                       count(s.household)::integer AS households,
                       COALESCE(sum(h.members) FILTER (WHERE s.household IS NOT NULL), 0)::integer AS people,
                       count(*) FILTER (WHERE s.status = 'poor')::integer AS poor_households,
                       COALESCE(sum(h.members) FILTER (WHERE s.status = 'poor'), 0)::integer AS poor_people,
                       count(*) FILTER (WHERE s.status = 'near_poor')::integer AS near_poor_households,
                       COALESCE(sum(h.members) FILTER (WHERE s.status = 'near_poor'), 0)::integer AS near_poor_people,
                       count(*) FILTER (WHERE s.household IS NOT NULL AND s.status IS NULL)::integer AS undetermined_households
                  FROM %1$s.ward AS w
                 CROSS JOIN unnest((SELECT r.followed_scopes FROM %1$s.registry_setting AS r)) AS f(scope)
                  LEFT JOIN (%1$s.household AS h JOIN %1$s.household_status AS s ON s.household = h.id)
                         ON h.ward = w.code AND s.scope = f.scope
                 GROUP BY GROUPING SETS ((w.district, w.code, w.name, f.scope), (w.district, f.scope))) AS r;
        COMMENT ON VIEW %1$s.report_ward IS
            'Per ward and per district (level district): households and people, poor and near-poor counts and rates (percent of ward.households_total) under the standard of each followed scope';

    $ddl$, s);
    PERFORM povext.registry_create_household_views(registry);
    EXECUTE format($ddl$
        CREATE VIEW %1$s.report_target WITH (security_invoker = true) AS
        WITH current_status AS (
            SELECT s.scope, max(s.as_of) AS as_of,
                   count(*) FILTER (WHERE s.status = 'poor')::integer AS poor_households,
                   count(*) FILTER (WHERE s.status = 'near_poor')::integer AS near_poor_households,
                   avg(h.per_capita_income_year) FILTER (WHERE s.status = 'poor') AS poor_mean_income
              FROM %1$s.household AS h JOIN %1$s.household_status AS s ON s.household = h.id
             GROUP BY s.scope
        ), total AS (
            SELECT CASE WHEN count(*) = count(w.households_total) THEN sum(w.households_total)::integer END AS households_total
              FROM %1$s.ward AS w
        ), measured AS (
            SELECT t.scope, t.measure, t.target_year, t.comparison, t.target_value, t.baseline_year, t.baseline_value,
                   c.as_of, n.households_total, COALESCE(c.poor_households, 0) AS poor_households,
                   COALESCE(c.near_poor_households, 0) AS near_poor_households,
                   round(c.poor_mean_income) AS poor_mean_income,
                   CASE t.measure
                       WHEN 'poor_rate_pct' THEN round(100.0 * COALESCE(c.poor_households, 0) / NULLIF(n.households_total, 0), 2)
                       WHEN 'near_poor_rate_pct' THEN round(100.0 * COALESCE(c.near_poor_households, 0) / NULLIF(n.households_total, 0), 2)
                       WHEN 'poor_income_ratio' THEN round(c.poor_mean_income / t.baseline_value, 2)
                   END AS current_value
              FROM %1$s.target AS t
              LEFT JOIN current_status AS c ON c.scope = t.scope
             CROSS JOIN total AS n
        )
        SELECT m.scope, m.measure,
               povext.label('measure', m.measure, 'vi') AS measure_vi,
               povext.label('measure', m.measure, 'en') AS measure_en,
               m.target_year, m.comparison, m.target_value, m.baseline_year, m.baseline_value,
               m.as_of, m.households_total, m.poor_households, m.near_poor_households, m.poor_mean_income,
               m.current_value,
               CASE m.comparison WHEN '<' THEN m.current_value < m.target_value
                                 WHEN '<=' THEN m.current_value <= m.target_value
                                 WHEN '>' THEN m.current_value > m.target_value
                                 WHEN '>=' THEN m.current_value >= m.target_value END AS met,
               false AS suppressed
          FROM measured AS m;
        COMMENT ON VIEW %1$s.report_target IS
            'Progress against the targets of the target table: current value of each measure from the current computed statuses, and whether it meets the target';
    $ddl$, s);

    -- The suppressed views: the same columns, small counts hidden.
    PERFORM povext.registry_create_suppressed_view(registry, 'report_ward', $q$
        r.district, r.ward, r.ward_name, r.level, r.scope, r.standards, r.as_of, r.households_total,
        povext.small_cell_value(r.households, r.households, k.k),
        povext.small_cell_value(r.people, r.people, k.k),
        povext.small_cell_value(r.poor_households, r.poor_households, k.k),
        CASE WHEN NOT povext.is_small_cell(r.poor_households, k.k) THEN povext.small_cell_value(r.poor_people, r.poor_people, k.k) END,
        povext.small_cell_value(r.near_poor_households, r.near_poor_households, k.k),
        CASE WHEN NOT povext.is_small_cell(r.near_poor_households, k.k) THEN povext.small_cell_value(r.near_poor_people, r.near_poor_people, k.k) END,
        povext.small_cell_value(r.undetermined_households, r.undetermined_households, k.k),
        povext.small_cell_value(r.poor_rate_pct, r.poor_households, k.k),
        povext.small_cell_value(r.near_poor_rate_pct, r.near_poor_households, k.k),
        povext.is_small_cell(r.households, k.k) OR povext.is_small_cell(r.people, k.k)
            OR povext.is_small_cell(r.poor_households, k.k) OR povext.is_small_cell(r.poor_people, k.k)
            OR povext.is_small_cell(r.near_poor_households, k.k) OR povext.is_small_cell(r.near_poor_people, k.k)
            OR povext.is_small_cell(r.undetermined_households, k.k)
    $q$);
    PERFORM povext.registry_create_suppressed_view(registry, 'report_indicator', $q$
        r.district, r.ward, r.level, r.scope, r.indicator, r.indicator_vi, r.indicator_en,
        r.dimension, r.dimension_vi, r.dimension_en,
        povext.small_cell_value(r.households, r.households, k.k),
        povext.small_cell_value(r.deprived_households, r.deprived_households, k.k),
        povext.small_cell_value(r.undetermined_households, r.undetermined_households, k.k),
        povext.small_cell_value(r.deprived_share_pct, r.deprived_households, k.k),
        povext.is_small_cell(r.households, k.k) OR povext.is_small_cell(r.deprived_households, k.k)
            OR povext.is_small_cell(r.undetermined_households, k.k)
    $q$);
    PERFORM povext.registry_create_suppressed_view(registry, 'report_mpi', $q$
        r.district, r.ward, r.level, r.scope, r.standard,
        povext.small_cell_value(r.households, r.households, k.k),
        povext.small_cell_value(r.households_measured, r.households_measured, k.k),
        r.cutoff_count,
        CASE WHEN NOT povext.is_small_cell(r.households_measured, k.k) THEN povext.small_cell_value(r.poor_households, r.poor_households, k.k) END,
        CASE WHEN NOT povext.is_small_cell(r.households_measured, k.k) THEN povext.small_cell_value(r.headcount_ratio, r.poor_households, k.k) END,
        CASE WHEN NOT povext.is_small_cell(r.households_measured, k.k) THEN povext.small_cell_value(r.intensity, r.poor_households, k.k) END,
        CASE WHEN NOT povext.is_small_cell(r.households_measured, k.k) THEN povext.small_cell_value(r.m0, r.poor_households, k.k) END,
        povext.is_small_cell(r.households, k.k) OR povext.is_small_cell(r.households_measured, k.k)
            OR povext.is_small_cell(r.poor_households, k.k) OR povext.is_small_cell(r.all_poor_households, k.k),
        CASE WHEN NOT povext.is_small_cell(r.households, k.k) THEN povext.small_cell_value(r.all_poor_households, r.all_poor_households, k.k) END,
        CASE WHEN NOT povext.is_small_cell(r.households, k.k) THEN povext.small_cell_value(r.all_headcount_ratio, r.all_poor_households, k.k) END,
        CASE WHEN NOT povext.is_small_cell(r.households, k.k) THEN povext.small_cell_value(r.all_intensity, r.all_poor_households, k.k) END,
        CASE WHEN NOT povext.is_small_cell(r.households, k.k) THEN povext.small_cell_value(r.all_m0, r.all_poor_households, k.k) END
    $q$);
    PERFORM povext.registry_create_mpi_contribution(registry);
    PERFORM povext.registry_create_suppressed_view(registry, 'report_transition', $q$
        r.district, r.ward, r.level, r.recognised_on, r.review_kind, r.decision_ref, r.scope, r.standard,
        r.transition, r.transition_vi, r.transition_en,
        povext.small_cell_value(r.households, r.households, k.k),
        povext.is_small_cell(r.households, k.k)
    $q$);
    PERFORM povext.registry_create_suppressed_view(registry, 'report_target', $q$
        r.scope, r.measure, r.measure_vi, r.measure_en, r.target_year, r.comparison, r.target_value,
        r.baseline_year, r.baseline_value, r.as_of, r.households_total,
        povext.small_cell_value(r.poor_households, r.poor_households, k.k),
        povext.small_cell_value(r.near_poor_households, r.near_poor_households, k.k),
        povext.small_cell_value(r.poor_mean_income, r.poor_households, k.k),
        povext.small_cell_value(r.current_value,
                                CASE r.measure WHEN 'near_poor_rate_pct' THEN r.near_poor_households ELSE r.poor_households END, k.k),
        povext.small_cell_value(r.met,
                                CASE r.measure WHEN 'near_poor_rate_pct' THEN r.near_poor_households ELSE r.poor_households END, k.k),
        povext.is_small_cell(CASE r.measure WHEN 'near_poor_rate_pct' THEN r.near_poor_households ELSE r.poor_households END, k.k)
            OR povext.is_small_cell(r.poor_households, k.k) OR povext.is_small_cell(r.near_poor_households, k.k)
    $q$);
END
$$;
COMMENT ON FUNCTION povext.registry_create_reports(name) IS
    'Called by create_registry: creates the registry''s report views, their *_suppressed forms, and the report_setting, target and ward_assignment tables';

-- The registries made before 0.4.0 get the views of this section and of
-- the small-cell fix above.  An object an update script creates becomes a
-- member of the extension, and one it replaces must be a member already
-- (else "An extension is not allowed to replace an object that it does not
-- own"): the views are members while they are replaced, and neither they
-- nor the new rows function of report_mpi_contribution_suppressed stay
-- members.  CREATE OR REPLACE VIEW keeps their grants and the users' views
-- on them, and report_household keeps its indicator columns.
DO $$
DECLARE
    registry name;
    report_view text;
    report_views text[] := ARRAY['report_mpi_contribution', 'report_mpi_contribution_suppressed', 'report_household',
                                 'report_indicator', 'mpi_state', 'report_mpi', 'report_transition'];
BEGIN
    FOR registry IN SELECT r.schema_name FROM povext.registry AS r ORDER BY r.schema_name LOOP
        CONTINUE WHEN pg_catalog.to_regclass(pg_catalog.format('%I.report_mpi_contribution_suppressed', registry)) IS NULL
                   OR pg_catalog.to_regclass(pg_catalog.format('%I.report_transition', registry)) IS NULL;
        FOREACH report_view IN ARRAY report_views LOOP
            EXECUTE pg_catalog.format('ALTER EXTENSION povext ADD VIEW %I.%I', registry, report_view);
        END LOOP;
        PERFORM povext.registry_create_mpi_contribution(registry);
        PERFORM povext.registry_create_household_views(registry);
        FOREACH report_view IN ARRAY report_views LOOP
            EXECUTE pg_catalog.format('ALTER EXTENSION povext DROP VIEW %I.%I', registry, report_view);
        END LOOP;
        EXECUTE pg_catalog.format('ALTER EXTENSION povext DROP FUNCTION %I.report_mpi_contribution_rows()', registry);
    END LOOP;
END
$$;

-- setup_roles: the ward officer's policies use subqueries (the wards of the
-- role's assignments, the households of those wards), which Citus refuses
-- in the policies of a distributed table (Citus 13 failed with "unexpected
-- non-SELECT command in SubLink" after setup_roles had run some of its
-- statements).  On a distributed registry a ward officer is refused with a
-- povext error before any statement runs; the other roles are set up.
CREATE OR REPLACE FUNCTION povext.setup_roles(registry name, catalog_maintainer name DEFAULT NULL, ward_officer name DEFAULT NULL,
                                   analyst name DEFAULT NULL, bi_reader name DEFAULT NULL)
    RETURNS SETOF text
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    s text := quote_ident(registry);
    statements text[] := '{}';
    statement text;
    role_name name;
    catalog_tables text[] := ARRAY['povext.indicator', 'povext.standard', 'povext.standard_line', 'povext.standard_indicator',
                                   'povext.indicator_cutoff', 'povext.monitoring_window', 'povext.poor_group_rule', 'povext.label'];
    report_views text[] := ARRAY['report_ward', 'report_indicator', 'report_mpi', 'report_mpi_contribution',
                                 'report_transition', 'report_target'];
    -- wards of the current user's assignments (current_user is the
    -- invoker of a security_invoker view, and role names need not exist)
    assigned text := format('(SELECT a.ward FROM %s.ward_assignment AS a WHERE a.role_name IN '
                            '(SELECT r.rolname FROM pg_catalog.pg_roles AS r WHERE pg_catalog.pg_has_role(CURRENT_USER, r.oid, ''MEMBER'')))', s);
    t text;
BEGIN
    IF registry IS NULL AND COALESCE(ward_officer, analyst, bi_reader) IS NOT NULL THEN
        RAISE EXCEPTION USING MESSAGE = povext.message('ward officer, analyst and BI reader roles need a registry'),
                  ERRCODE = 'null_value_not_allowed',
                  HINT = povext.message('Pass the schema of a registry created with povext.create_registry.');
    END IF;
    IF registry IS NOT NULL THEN
        PERFORM povext.registry_require(registry);
        IF NOT pg_has_role((SELECT c.relowner FROM pg_class AS c
                             WHERE c.oid = format('%s.household', s)::regclass), 'USAGE') THEN
            RAISE EXCEPTION USING MESSAGE = povext.message('only the owner of registry "%" can set up its roles',
                                           registry::text),
                      ERRCODE = 'insufficient_privilege';
        END IF;
        -- Citus refuses subqueries in the policies of a distributed table,
        -- and the ward officer's policies (its wards, their households)
        -- need them; refused before any statement runs
        IF ward_officer IS NOT NULL AND to_regclass(format('%s.registry_shard', s)) IS NOT NULL THEN
            RAISE EXCEPTION USING MESSAGE = povext.message('povext.setup_roles() cannot set up ward officer "%" on distributed registry "%"',
                                           ward_officer::text, registry::text),
                      ERRCODE = 'feature_not_supported',
                      DETAIL = povext.message('The ward officer''s row-level security policies need subqueries, which Citus does not support in the policies of a distributed table.'),
                      HINT = povext.message('Call it without ward_officer: the catalog maintainer, analyst and BI reader roles work on a distributed registry.');
        END IF;
    END IF;
    IF catalog_maintainer IS NOT NULL
       AND NOT (SELECT bool_and(has_table_privilege(c, 'INSERT WITH GRANT OPTION, UPDATE WITH GRANT OPTION, DELETE WITH GRANT OPTION'))
                  FROM unnest(catalog_tables) AS c) THEN
        RAISE EXCEPTION USING MESSAGE = povext.message('role "%" cannot grant the rights of a catalog maintainer',
                                       current_user::text),
                  ERRCODE = 'insufficient_privilege',
                  DETAIL = povext.message('Granting INSERT, UPDATE and DELETE on povext''s catalog tables needs their grant option.'),
                  HINT = povext.message('Run it as the role that created the extension, or have that role grant the rights with GRANT OPTION.');
    END IF;

    FOREACH role_name IN ARRAY ARRAY[catalog_maintainer, ward_officer, analyst, bi_reader] LOOP
        IF role_name IS NOT NULL AND NOT EXISTS (SELECT FROM pg_roles AS r WHERE r.rolname = role_name) THEN
            statements := statements || format('CREATE ROLE %I NOLOGIN', role_name);
        END IF;
    END LOOP;

    -- catalog maintainer: standards, lines, indicators, cut-offs, labels
    IF catalog_maintainer IS NOT NULL THEN
        statements := statements
            || format('GRANT INSERT, UPDATE, DELETE ON %s TO %I', array_to_string(catalog_tables, ', '), catalog_maintainer)
            || format('GRANT INSERT ON povext.retired_indicator_bit TO %I', catalog_maintainer);
    END IF;

    -- ward officer: households and members of the assigned wards, through
    -- row-level security; the registry's triggers write household_status as
    -- the officer, so the policies let them write it for those households
    IF ward_officer IS NOT NULL THEN
        statements := statements
            || format('GRANT USAGE ON SCHEMA %s TO %I', s, ward_officer)
            || format('GRANT SELECT ON %1$s.registry_setting, %1$s.report_setting, %1$s.target, %1$s.ward, %1$s.ward_assignment, %1$s.status_history TO %2$I',
                      s, ward_officer)
            || format('GRANT SELECT, INSERT, UPDATE, DELETE ON %1$s.household, %1$s.member, %1$s.household_status TO %2$I', s, ward_officer)
            || format('GRANT USAGE ON SEQUENCE %s TO %I', pg_get_serial_sequence(format('%s.household', s), 'id'), ward_officer)
            || format('GRANT SELECT ON %1$s.report_household, %1$s.mpi_state, %2$s TO %3$I', s,
                      (SELECT string_agg(format('%s.%I', s, v), ', ') FROM unnest(report_views) AS v), ward_officer);
        FOREACH t IN ARRAY ARRAY['ward', 'household', 'member', 'household_status', 'status_history', 'ward_assignment'] LOOP
            statements := statements || format('ALTER TABLE %s.%I ENABLE ROW LEVEL SECURITY', s, t);
        END LOOP;
        statements := statements
            || format('CREATE POLICY %1$I ON %2$s.ward_assignment FOR SELECT TO %1$I USING (role_name IN (SELECT r.rolname FROM pg_catalog.pg_roles AS r WHERE pg_catalog.pg_has_role(CURRENT_USER, r.oid, ''MEMBER'')))',
                      ward_officer, s)
            || format('CREATE POLICY %1$I ON %2$s.ward FOR SELECT TO %1$I USING (code IN %3$s)', ward_officer, s, assigned)
            || format('CREATE POLICY %1$I ON %2$s.household FOR ALL TO %1$I USING (ward IN %3$s) WITH CHECK (ward IN %3$s)',
                      ward_officer, s, assigned)
            || format('CREATE POLICY %1$I ON %2$s.%3$I FOR %4$s TO %1$I USING (household IN (SELECT h.id FROM %2$s.household AS h))%5$s',
                      ward_officer, s, 'member', 'ALL', format(' WITH CHECK (household IN (SELECT h.id FROM %s.household AS h))', s))
            || format('CREATE POLICY %1$I ON %2$s.%3$I FOR %4$s TO %1$I USING (household IN (SELECT h.id FROM %2$s.household AS h))%5$s',
                      ward_officer, s, 'household_status', 'ALL', format(' WITH CHECK (household IN (SELECT h.id FROM %s.household AS h))', s))
            || format('CREATE POLICY %1$I ON %2$s.%3$I FOR %4$s TO %1$I USING (household IN (SELECT h.id FROM %2$s.household AS h))%5$s',
                      ward_officer, s, 'status_history', 'SELECT', '');
    END IF;

    -- analyst and BI reader: the suppressed report views, nothing else of the
    -- registry; the analyst also reads the targets and settings
    FOREACH role_name IN ARRAY ARRAY[analyst, bi_reader] LOOP
        CONTINUE WHEN role_name IS NULL;
        statements := statements
            || format('GRANT USAGE ON SCHEMA %s TO %I', s, role_name)
            || format('GRANT SELECT ON %s TO %I',
                      (SELECT string_agg(format('%s.%I', s, v || '_suppressed'), ', ') FROM unnest(report_views) AS v), role_name)
            || format('GRANT EXECUTE ON FUNCTION %s TO %I',
                      (SELECT string_agg(format('%s.%I()', s, v || '_rows'), ', ') FROM unnest(report_views) AS v), role_name);
    END LOOP;
    IF analyst IS NOT NULL THEN
        statements := statements || format('GRANT SELECT ON %1$s.target, %1$s.report_setting TO %2$I', s, analyst);
    END IF;

    FOREACH statement IN ARRAY statements LOOP
        EXECUTE statement;
        RETURN NEXT statement;
    END LOOP;
END
$$;
COMMENT ON FUNCTION povext.setup_roles(name, name, name, name, name) IS
    'Creates (if missing) and grants the roles of povext: catalog maintainer (catalog tables), ward officer (households and members of the wards of registry.ward_assignment, through row-level security), analyst and BI reader (the registry''s *_suppressed report views); returns the statements run';

