-- povext 0.3.0 -> 0.4.0.  Hand-written; every statement of this release is
-- listed here, and the file is frozen once 0.4.0 is released.  The schema
-- was checked by the 0.3.0 script's guard when 0.3.0 was installed; only
-- its owner (the extension's owner or a superuser) can have changed it since.
\echo Use "ALTER EXTENSION povext UPDATE TO '0.4.0'" to load this file. \quit

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
