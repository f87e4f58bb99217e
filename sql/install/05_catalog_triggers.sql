
-- povext install script: triggers of the catalog tables, created after the
-- shipped rows are loaded, so that every row inserted later is the DBA's.

CREATE FUNCTION povext.indicator_assign_bit() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF NEW.bit IS DISTINCT FROM OLD.bit THEN
            RAISE EXCEPTION 'cannot change the bit of indicator "%"', OLD.code
                USING ERRCODE = 'object_not_in_prerequisite_state',
                      DETAIL = 'Stored deprivation sets refer to indicators by bit.';
        END IF;
    ELSIF NEW.bit IS NOT NULL THEN
        -- a bit given explicitly (e.g. by a restore) is never given again
        IF NEW.bit > (SELECT s.last_value FROM povext.indicator_bit_seq AS s) THEN
            PERFORM pg_catalog.setval('povext.indicator_bit_seq', NEW.bit);
        END IF;
    ELSE
        -- a row with the code of an existing one keeps its bit (it corrects a
        -- shipped row, or fails as a duplicate); a bad code spends no bit
        SELECT i.bit INTO NEW.bit FROM povext.indicator AS i WHERE i.code = NEW.code;
        IF FOUND THEN
            RETURN NEW;
        END IF;
        IF NEW.code IS NULL OR NEW.code !~ '^[a-z][a-z0-9_]*$' OR length(NEW.code) > 63 THEN
            RAISE EXCEPTION 'invalid indicator code "%"', NEW.code
                USING ERRCODE = 'check_violation',
                      DETAIL = 'Codes are lower-case letters, digits and underscores, start with a letter and have at most 63 characters.';
        END IF;
        IF (SELECT s.is_called AND s.last_value >= 63 FROM povext.indicator_bit_seq AS s) THEN
            RAISE EXCEPTION 'cannot add indicator "%": all 64 indicator bits have been given', NEW.code
                USING ERRCODE = 'program_limit_exceeded';
        END IF;
        NEW.bit := pg_catalog.nextval('povext.indicator_bit_seq');
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION povext.indicator_assign_bit() IS
    'Trigger: gives a new indicator the next never-used bit and forbids changing the bit of an existing one';

CREATE TRIGGER indicator_assign_bit BEFORE INSERT OR UPDATE ON povext.indicator
    FOR EACH ROW EXECUTE FUNCTION povext.indicator_assign_bit();
COMMENT ON TRIGGER indicator_assign_bit ON povext.indicator IS
    'Gives new indicators a bit; bits never change';

CREATE FUNCTION povext.catalog_key(catalog_table regclass) RETURNS text[]
    LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
    SELECT array_agg(a.attname::text ORDER BY k.ord)
      FROM pg_index AS i
     CROSS JOIN unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
      JOIN pg_attribute AS a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
     WHERE i.indrelid = catalog_table AND i.indisprimary
$$;
COMMENT ON FUNCTION povext.catalog_key(regclass) IS
    'Primary key columns of a catalog table, in key order';

CREATE FUNCTION povext.shipped_row_guard() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    key_columns text[] := povext.catalog_key(TG_RELID);
    key_list text;
    column_list text;
    has_shipped_rows boolean;
    replaced boolean;
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        EXECUTE format('SELECT EXISTS (SELECT FROM %I.%I WHERE shipped)', TG_TABLE_SCHEMA, TG_TABLE_NAME)
           INTO has_shipped_rows;
        IF has_shipped_rows THEN
            RAISE EXCEPTION 'cannot truncate povext.%: it holds rows shipped with povext', TG_TABLE_NAME
                USING ERRCODE = 'object_not_in_prerequisite_state',
                      HINT = 'Delete the rows a DBA added with DELETE instead.';
        END IF;
        RETURN NULL;
    END IF;

    IF TG_OP = 'DELETE' THEN
        IF OLD.shipped THEN
            RAISE EXCEPTION 'cannot delete a row of povext.% shipped with povext', TG_TABLE_NAME
                USING ERRCODE = 'object_not_in_prerequisite_state',
                      DETAIL = format('The row is %s.', to_jsonb(OLD)),
                      HINT = 'Correct it with UPDATE instead, e.g. end a standard''s period of force.';
        END IF;
        RETURN OLD;
    END IF;

    IF TG_OP = 'UPDATE' THEN
        IF OLD.shipped AND EXISTS (SELECT FROM unnest(key_columns) AS k
                                    WHERE to_jsonb(OLD) -> k IS DISTINCT FROM to_jsonb(NEW) -> k) THEN
            RAISE EXCEPTION 'cannot change the key of a row of povext.% shipped with povext', TG_TABLE_NAME
                USING ERRCODE = 'object_not_in_prerequisite_state',
                      DETAIL = format('The key (%s) of shipped rows is fixed.', array_to_string(key_columns, ', ')),
                      HINT = 'Add a row of your own with the new key instead.';
        END IF;
        NEW.shipped := OLD.shipped;
        NEW.corrected := OLD.shipped;
        RETURN NEW;
    END IF;

    -- INSERT: a row with the key of a shipped row corrects that row in place
    -- (this is also how a restore puts a correction back).
    SELECT string_agg(format('%I', a.attname), ', ' ORDER BY a.attnum) INTO column_list
      FROM pg_attribute AS a
     WHERE a.attrelid = TG_RELID AND a.attnum > 0 AND NOT a.attisdropped
       AND a.attname NOT IN ('shipped', 'corrected');
    SELECT string_agg(format('%I', k), ', ') INTO key_list FROM unnest(key_columns) AS k;
    EXECUTE format(
        'UPDATE %1$I.%2$I AS t SET (%3$s) = (SELECT %3$s FROM jsonb_populate_record(NULL::%1$I.%2$I, $1))'
        ' WHERE t.shipped AND (%4$s) = (SELECT %4$s FROM jsonb_populate_record(NULL::%1$I.%2$I, $1))'
        ' RETURNING true',
        TG_TABLE_SCHEMA, TG_TABLE_NAME, column_list, key_list)
      INTO replaced USING to_jsonb(NEW);
    IF replaced THEN
        RETURN NULL;
    END IF;
    NEW.shipped := false;
    NEW.corrected := false;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION povext.shipped_row_guard() IS
    'Trigger: keeps shipped rows (no delete, truncate or change of key; a correction marks them corrected), makes inserted rows the DBA''s, and lets an inserted row with a shipped row''s key correct that row';

CREATE FUNCTION povext.catalog_changed() RETURNS trigger
    AS 'MODULE_PATHNAME' LANGUAGE C;
COMMENT ON FUNCTION povext.catalog_changed() IS
    'Trigger: tells every backend that its cached copy of the indicator and standard catalog is out of date';

CREATE TRIGGER shipped_row_guard BEFORE INSERT OR UPDATE OR DELETE ON povext.indicator
    FOR EACH ROW EXECUTE FUNCTION povext.shipped_row_guard();
CREATE TRIGGER shipped_row_guard_truncate BEFORE TRUNCATE ON povext.indicator
    FOR EACH STATEMENT EXECUTE FUNCTION povext.shipped_row_guard();
CREATE TRIGGER catalog_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON povext.indicator
    FOR EACH STATEMENT EXECUTE FUNCTION povext.catalog_changed();
ALTER TABLE povext.indicator ENABLE ALWAYS TRIGGER catalog_changed;
COMMENT ON TRIGGER shipped_row_guard ON povext.indicator IS 'Keeps shipped rows and marks corrections';
COMMENT ON TRIGGER shipped_row_guard_truncate ON povext.indicator IS 'Refuses to truncate shipped rows';
COMMENT ON TRIGGER catalog_changed ON povext.indicator IS 'Invalidates the classification cache of every backend';
SELECT pg_catalog.pg_extension_config_dump('povext.indicator', 'WHERE NOT shipped OR corrected');

CREATE TRIGGER shipped_row_guard BEFORE INSERT OR UPDATE OR DELETE ON povext.standard
    FOR EACH ROW EXECUTE FUNCTION povext.shipped_row_guard();
CREATE TRIGGER shipped_row_guard_truncate BEFORE TRUNCATE ON povext.standard
    FOR EACH STATEMENT EXECUTE FUNCTION povext.shipped_row_guard();
CREATE TRIGGER catalog_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON povext.standard
    FOR EACH STATEMENT EXECUTE FUNCTION povext.catalog_changed();
ALTER TABLE povext.standard ENABLE ALWAYS TRIGGER catalog_changed;
COMMENT ON TRIGGER shipped_row_guard ON povext.standard IS 'Keeps shipped rows and marks corrections';
COMMENT ON TRIGGER shipped_row_guard_truncate ON povext.standard IS 'Refuses to truncate shipped rows';
COMMENT ON TRIGGER catalog_changed ON povext.standard IS 'Invalidates the classification cache of every backend';
SELECT pg_catalog.pg_extension_config_dump('povext.standard', 'WHERE NOT shipped OR corrected');

CREATE TRIGGER shipped_row_guard BEFORE INSERT OR UPDATE OR DELETE ON povext.standard_line
    FOR EACH ROW EXECUTE FUNCTION povext.shipped_row_guard();
CREATE TRIGGER shipped_row_guard_truncate BEFORE TRUNCATE ON povext.standard_line
    FOR EACH STATEMENT EXECUTE FUNCTION povext.shipped_row_guard();
CREATE TRIGGER catalog_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON povext.standard_line
    FOR EACH STATEMENT EXECUTE FUNCTION povext.catalog_changed();
ALTER TABLE povext.standard_line ENABLE ALWAYS TRIGGER catalog_changed;
COMMENT ON TRIGGER shipped_row_guard ON povext.standard_line IS 'Keeps shipped rows and marks corrections';
COMMENT ON TRIGGER shipped_row_guard_truncate ON povext.standard_line IS 'Refuses to truncate shipped rows';
COMMENT ON TRIGGER catalog_changed ON povext.standard_line IS 'Invalidates the classification cache of every backend';
SELECT pg_catalog.pg_extension_config_dump('povext.standard_line', 'WHERE NOT shipped OR corrected');

CREATE TRIGGER shipped_row_guard BEFORE INSERT OR UPDATE OR DELETE ON povext.standard_indicator
    FOR EACH ROW EXECUTE FUNCTION povext.shipped_row_guard();
CREATE TRIGGER shipped_row_guard_truncate BEFORE TRUNCATE ON povext.standard_indicator
    FOR EACH STATEMENT EXECUTE FUNCTION povext.shipped_row_guard();
CREATE TRIGGER catalog_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON povext.standard_indicator
    FOR EACH STATEMENT EXECUTE FUNCTION povext.catalog_changed();
ALTER TABLE povext.standard_indicator ENABLE ALWAYS TRIGGER catalog_changed;
COMMENT ON TRIGGER shipped_row_guard ON povext.standard_indicator IS 'Keeps shipped rows and marks corrections';
COMMENT ON TRIGGER shipped_row_guard_truncate ON povext.standard_indicator IS 'Refuses to truncate shipped rows';
COMMENT ON TRIGGER catalog_changed ON povext.standard_indicator IS 'Invalidates the classification cache of every backend';
SELECT pg_catalog.pg_extension_config_dump('povext.standard_indicator', 'WHERE NOT shipped OR corrected');
SELECT pg_catalog.pg_extension_config_dump('povext.indicator_bit_seq', '');
