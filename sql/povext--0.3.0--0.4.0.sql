-- povext 0.3.0 -> 0.4.0.  Hand-written; every statement of this release is
-- listed here, and the file is frozen once 0.4.0 is released.  The schema
-- was checked by the 0.3.0 script's guard when 0.3.0 was installed; only
-- its owner (the extension's owner or a superuser) can have changed it since.
\echo Use "ALTER EXTENSION povext UPDATE TO '0.4.0'" to load this file. \quit
