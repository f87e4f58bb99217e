-- Valgrind (tools/valgrind.sh, 2026-12-01, before the fix of SpiNumeric):
-- "Conditional jump or move depends on uninitialised value(s)" at
-- CheckLine (catalog_cache.c:203) < LoadLines < LoadCatalog < PovextGetCatalog,
-- the uninitialised bytes coming from a neighbouring allocation.  Every
-- catalog load reads the income lines as numerics with a 4-byte header,
-- but SPI returns short-header (1-byte) numerics, so numeric_is_nan() and
-- numeric_is_inf() read past the copied value.  102 of the regression
-- suite's reports; a plain catalog load shows it:
SELECT povext.classify(1000000, '{}', 'vn-2022', 'urban');
