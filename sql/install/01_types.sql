-- povext install script: enum types.
-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION povext" to load this file. \quit

CREATE TYPE povext.status AS ENUM ('poor', 'near_poor', 'middle', 'not_poor');
COMMENT ON TYPE povext.status IS
    'Poverty status of a household under a standard: poor (hộ nghèo), near_poor (hộ cận nghèo), middle (hộ có mức sống trung bình), not_poor';

CREATE TYPE povext.area AS ENUM ('urban', 'rural');
COMMENT ON TYPE povext.area IS
    'Area a household lives in (thành thị / nông thôn); national standards set different lines for each';

CREATE TYPE povext.income_unit AS ENUM ('month', 'year');
COMMENT ON TYPE povext.income_unit IS
    'Period a per-capita income line is expressed in: VND per person per month (national standards) or per year (HCMC)';

CREATE TYPE povext.rule_kind AS ENUM ('two_band', 'income_and_deprivation', 'weighted_score');
COMMENT ON TYPE povext.rule_kind IS
    'How a standard combines income and deprivations: two_band (2016-2020 national, HCMC to 2024), income_and_deprivation (2022-2025 national), weighted_score (deprivation index only, e.g. the global MPI)';

CREATE TYPE povext.confidence AS ENUM ('confirmed', 'secondary', 'unverified', 'unknown');
COMMENT ON TYPE povext.confidence IS
    'How well a shipped fact is supported: confirmed in a legal text, secondary or partial source, commonly cited but unverified, or unknown (a plausible placeholder)';
