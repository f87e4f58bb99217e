-- povext 0.2.0 -> 0.3.0.  Hand-written; every statement of this release is
-- listed here, and the file is frozen once 0.3.0 is released.
\echo Use "ALTER EXTENSION povext UPDATE TO '0.3.0'" to load this file. \quit
