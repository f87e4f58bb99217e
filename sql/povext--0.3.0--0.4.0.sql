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
-- whose node has another catalog is refused).

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
