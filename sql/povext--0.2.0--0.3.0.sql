-- povext 0.2.0 -> 0.3.0.  Hand-written; every statement of this release is
-- listed here, and the file is frozen once 0.3.0 is released.
\echo Use "ALTER EXTENSION povext UPDATE TO '0.3.0'" to load this file. \quit

-- Portable binary form of deprivations (topic E): send and receive carry
-- indicator codes instead of the per-database bits, so send now reads the
-- catalog and is STABLE like the output function.
ALTER FUNCTION povext.deprivations_send(povext.deprivations) STABLE;
COMMENT ON FUNCTION povext.deprivations_recv(internal) IS
    'Binary input function of povext.deprivations: indicator codes, mapped to this database''s bits; the raw mask of povext 0.2.0 only with shipped indicators';
COMMENT ON FUNCTION povext.deprivations_send(povext.deprivations) IS
    'Binary output function of povext.deprivations: version byte 1 and the indicator codes, never the per-database bits';
