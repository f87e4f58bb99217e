-- povext 0.2.0 -> 0.3.0.  Hand-written; every statement of this release is
-- listed here, and the file is frozen once 0.3.0 is released.
\echo Use "ALTER EXTENSION povext UPDATE TO '0.3.0'" to load this file. \quit

-- pg_dump by non-superusers and indicator bits
--
-- The bits ever given were the position of povext.indicator_bit_seq.  A
-- sequence is not transactional, so a rolled-back insert used its bit up,
-- and an explicit bit moved the sequence past every bit below it (setval,
-- which also needs UPDATE on the sequence); pg_dump needed SELECT on it.
-- Now the bits ever given are those of the rows of povext.indicator and of
-- povext.retired_indicator_bit (the bits of deleted indicators), both
-- transactional; a new indicator gets the lowest bit of neither.

CREATE TABLE povext.retired_indicator_bit (
    bit smallint PRIMARY KEY CHECK (bit BETWEEN 0 AND 63),
    code text
);
COMMENT ON TABLE povext.retired_indicator_bit IS
    'Bits of deleted indicators (kept by a trigger): never given to a new indicator, so stored deprivation sets cannot change meaning';
COMMENT ON COLUMN povext.retired_indicator_bit.bit IS 'Bit of a deleted indicator';
COMMENT ON COLUMN povext.retired_indicator_bit.code IS
    'Code of the first deleted indicator with this bit; NULL for bits given before povext 0.3.0 that no indicator held any more';
GRANT SELECT ON povext.retired_indicator_bit TO PUBLIC;
SELECT pg_catalog.pg_extension_config_dump('povext.retired_indicator_bit', '');

-- Every bit the sequence gave and no indicator holds is retired: it may have
-- been deleted, or rolled back, and cannot be told apart.
INSERT INTO povext.retired_indicator_bit (bit)
SELECT b FROM pg_catalog.generate_series(0, 63) AS b, povext.indicator_bit_seq AS s
 WHERE (b OPERATOR(pg_catalog.<) s.last_value OR (b OPERATOR(pg_catalog.=) s.last_value AND s.is_called))
   AND NOT EXISTS (SELECT FROM povext.indicator AS i WHERE i.bit OPERATOR(pg_catalog.=) b);
-- ALTER EXTENSION DROP also takes the sequence out of the tables pg_dump
-- dumps (a plain DROP would leave its OID there).
ALTER EXTENSION povext DROP SEQUENCE povext.indicator_bit_seq;
DROP SEQUENCE povext.indicator_bit_seq;

CREATE OR REPLACE FUNCTION povext.indicator_assign_bit() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF NEW.bit IS DISTINCT FROM OLD.bit THEN
            RAISE EXCEPTION 'cannot change the bit of indicator "%"', OLD.code
                USING ERRCODE = 'object_not_in_prerequisite_state',
                      DETAIL = 'Stored deprivation sets refer to indicators by bit.';
        END IF;
        RETURN NEW;
    END IF;
    -- The bits ever given are those of the rows of povext.indicator and of
    -- povext.retired_indicator_bit, so a rolled-back or failed insert uses no
    -- bit up, and an explicit bit only that bit.
    IF NEW.bit IS NULL THEN
        -- a row with the code of an existing one keeps its bit (it corrects a
        -- shipped row, or fails as a duplicate)
        SELECT i.bit INTO NEW.bit FROM povext.indicator AS i WHERE i.code = NEW.code;
        IF FOUND THEN
            RETURN NEW;
        END IF;
        IF NEW.code IS NULL OR NEW.code !~ '^[a-z][a-z0-9_]*$' OR length(NEW.code) > 63 THEN
            RAISE EXCEPTION 'invalid indicator code "%"', NEW.code
                USING ERRCODE = 'check_violation',
                      DETAIL = 'Codes are lower-case letters, digits and underscores, start with a letter and have at most 63 characters.';
        END IF;
    END IF;
    -- One insert at a time chooses a bit, so two cannot choose the same one:
    -- the lock (held to commit; it does not block readers or other writers)
    -- makes a concurrent insert wait, and its next query sees this row.
    -- Explicit bits take it too, so that an insert without bit waits for them.
    LOCK TABLE povext.indicator IN SHARE UPDATE EXCLUSIVE MODE;
    IF NEW.bit IS NULL THEN
        SELECT min(b) INTO NEW.bit FROM generate_series(0, 63) AS b
         WHERE NOT EXISTS (SELECT FROM povext.indicator AS i WHERE i.bit = b)
           AND NOT EXISTS (SELECT FROM povext.retired_indicator_bit AS r WHERE r.bit = b);
        IF NEW.bit IS NULL THEN
            RAISE EXCEPTION 'cannot add indicator "%": all 64 indicator bits have been given', NEW.code
                USING ERRCODE = 'program_limit_exceeded',
                      DETAIL = 'A bit is given once in the life of a database; povext.retired_indicator_bit lists the bits of deleted indicators.';
        END IF;
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION povext.indicator_assign_bit() IS
    'Trigger: gives a new indicator the lowest bit that no indicator holds or held, and forbids changing the bit of an existing one';

-- Runs with the privileges of the deleting role, which needs INSERT on
-- povext.retired_indicator_bit: inserting there can only withhold bits, never
-- give one twice (that would take UPDATE or DELETE, which nobody is granted).
CREATE FUNCTION povext.indicator_retire_bit() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    -- a bit deleted again after being put back keeps its first code
    INSERT INTO povext.retired_indicator_bit (bit, code) VALUES (OLD.bit, OLD.code)
        ON CONFLICT (bit) DO NOTHING;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION povext.indicator_retire_bit() IS
    'Trigger: records the bit of a deleted indicator in povext.retired_indicator_bit, so that it is never given again';

CREATE TRIGGER indicator_retire_bit AFTER DELETE ON povext.indicator
    FOR EACH ROW EXECUTE FUNCTION povext.indicator_retire_bit();
COMMENT ON TRIGGER indicator_retire_bit ON povext.indicator IS
    'Keeps the bits of deleted indicators, which are never given again';
