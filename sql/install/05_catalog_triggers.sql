
-- povext install script: triggers of the catalog tables, created after the
-- shipped rows are loaded, so that every row inserted later is the DBA's.

-- Triggers: bits of new indicators, protection of shipped rows, and the
-- invalidation of every backend's cache of the catalog.

CREATE FUNCTION povext.indicator_assign_bit() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF NEW.bit IS DISTINCT FROM OLD.bit THEN
            RAISE EXCEPTION 'cannot change the bit of indicator "%"', OLD.code
                USING ERRCODE = 'object_not_in_prerequisite_state',
                      DETAIL = 'Stored deprivation sets refer to indicators by bit.';
        END IF;
    ELSIF NEW.bit IS NULL THEN
        PERFORM pg_catalog.pg_advisory_xact_lock('povext.indicator'::regclass::oid::bigint);
        SELECT min(b) INTO NEW.bit
          FROM pg_catalog.generate_series(0, 63) AS b
         WHERE b NOT IN (SELECT i.bit FROM povext.indicator AS i);
        IF NEW.bit IS NULL THEN
            RAISE EXCEPTION 'cannot add indicator "%": all 64 indicator bits are in use', NEW.code
                USING ERRCODE = 'program_limit_exceeded';
        END IF;
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION povext.indicator_assign_bit() IS
    'Trigger: gives a new indicator the lowest free bit and forbids changing the bit of an existing one';

CREATE TRIGGER indicator_assign_bit BEFORE INSERT OR UPDATE ON povext.indicator
    FOR EACH ROW EXECUTE FUNCTION povext.indicator_assign_bit();

CREATE FUNCTION povext.shipped_row_guard() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    key_columns text;
    all_columns text;
    replaced boolean;
    has_shipped_rows boolean;
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        EXECUTE pg_catalog.format('SELECT EXISTS (SELECT FROM %I.%I WHERE shipped)', TG_TABLE_SCHEMA, TG_TABLE_NAME)
           INTO has_shipped_rows;
        IF NOT has_shipped_rows THEN
            RETURN NULL;
        END IF;
        RAISE EXCEPTION 'cannot truncate %: it holds rows shipped with povext', TG_TABLE_NAME
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'Delete the rows a DBA added with DELETE instead.';
    ELSIF TG_OP = 'DELETE' THEN
        IF OLD.shipped THEN
            RAISE EXCEPTION 'cannot delete a row of % shipped with povext', TG_TABLE_NAME
                USING ERRCODE = 'object_not_in_prerequisite_state',
                      DETAIL = pg_catalog.format('The row is %s.', pg_catalog.to_jsonb(OLD)),
                      HINT = 'Correct it with UPDATE instead, e.g. end a standard''s period of force.';
        END IF;
        RETURN OLD;
    END IF;
    NEW.shipped := false;
    IF TG_OP = 'UPDATE' THEN
        RETURN NEW;
    END IF;

    -- INSERT: a row with the key of a shipped row replaces that row in place.
    SELECT pg_catalog.string_agg(pg_catalog.format('%I', a.attname), ', ' ORDER BY k.ord)
      INTO key_columns
      FROM pg_catalog.pg_index AS i,
           unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord),
           pg_catalog.pg_attribute AS a
     WHERE i.indrelid = TG_RELID AND i.indisprimary
       AND a.attrelid = TG_RELID AND a.attnum = k.attnum;
    SELECT pg_catalog.string_agg(pg_catalog.format('%I', a.attname), ', ' ORDER BY a.attnum)
      INTO all_columns
      FROM pg_catalog.pg_attribute AS a
     WHERE a.attrelid = TG_RELID AND a.attnum > 0 AND NOT a.attisdropped;
    EXECUTE pg_catalog.format(
        'UPDATE %1$I.%2$I AS t SET (%3$s) = (SELECT %3$s FROM pg_catalog.jsonb_populate_record(NULL::%1$I.%2$I, $1))'
        ' WHERE t.shipped AND (%4$s) = (SELECT %4$s FROM pg_catalog.jsonb_populate_record(NULL::%1$I.%2$I, $1))'
        ' RETURNING true',
        TG_TABLE_SCHEMA, TG_TABLE_NAME, all_columns, key_columns)
      INTO replaced USING pg_catalog.to_jsonb(NEW);
    IF replaced THEN
        RETURN NULL;
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION povext.shipped_row_guard() IS
    'Trigger: forbids deleting shipped rows and truncating, marks inserted and updated rows as the DBA''s, and lets an inserted row with a shipped row''s key replace the shipped row';

CREATE FUNCTION povext.catalog_changed() RETURNS trigger
    AS 'MODULE_PATHNAME' LANGUAGE C;
COMMENT ON FUNCTION povext.catalog_changed() IS
    'Trigger: tells every backend that its cached copy of the indicator and standard catalog is out of date';

CREATE TRIGGER shipped_row_guard BEFORE INSERT OR UPDATE OR DELETE ON povext.indicator
    FOR EACH ROW WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION povext.shipped_row_guard();
CREATE TRIGGER shipped_row_guard_truncate BEFORE TRUNCATE ON povext.indicator
    FOR EACH STATEMENT EXECUTE FUNCTION povext.shipped_row_guard();
CREATE TRIGGER catalog_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON povext.indicator
    FOR EACH STATEMENT EXECUTE FUNCTION povext.catalog_changed();
SELECT pg_catalog.pg_extension_config_dump('povext.indicator', 'WHERE NOT shipped');

CREATE TRIGGER shipped_row_guard BEFORE INSERT OR UPDATE OR DELETE ON povext.standard
    FOR EACH ROW WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION povext.shipped_row_guard();
CREATE TRIGGER shipped_row_guard_truncate BEFORE TRUNCATE ON povext.standard
    FOR EACH STATEMENT EXECUTE FUNCTION povext.shipped_row_guard();
CREATE TRIGGER catalog_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON povext.standard
    FOR EACH STATEMENT EXECUTE FUNCTION povext.catalog_changed();
SELECT pg_catalog.pg_extension_config_dump('povext.standard', 'WHERE NOT shipped');

CREATE TRIGGER shipped_row_guard BEFORE INSERT OR UPDATE OR DELETE ON povext.standard_line
    FOR EACH ROW WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION povext.shipped_row_guard();
CREATE TRIGGER shipped_row_guard_truncate BEFORE TRUNCATE ON povext.standard_line
    FOR EACH STATEMENT EXECUTE FUNCTION povext.shipped_row_guard();
CREATE TRIGGER catalog_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON povext.standard_line
    FOR EACH STATEMENT EXECUTE FUNCTION povext.catalog_changed();
SELECT pg_catalog.pg_extension_config_dump('povext.standard_line', 'WHERE NOT shipped');

CREATE TRIGGER shipped_row_guard BEFORE INSERT OR UPDATE OR DELETE ON povext.standard_indicator
    FOR EACH ROW WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION povext.shipped_row_guard();
CREATE TRIGGER shipped_row_guard_truncate BEFORE TRUNCATE ON povext.standard_indicator
    FOR EACH STATEMENT EXECUTE FUNCTION povext.shipped_row_guard();
CREATE TRIGGER catalog_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON povext.standard_indicator
    FOR EACH STATEMENT EXECUTE FUNCTION povext.catalog_changed();
SELECT pg_catalog.pg_extension_config_dump('povext.standard_indicator', 'WHERE NOT shipped');
