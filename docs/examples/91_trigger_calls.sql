SELECT catalog_changed();
SELECT shipped_row_guard();
SELECT catalog_key('povext.standard_line');
