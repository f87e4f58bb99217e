-- povext 0.2.0 -> 0.3.0.  Hand-written; every statement of this release is
-- listed here, and the file is frozen once 0.3.0 is released.
\echo Use "ALTER EXTENSION povext UPDATE TO '0.3.0'" to load this file. \quit

-- shipped standards corrected in 0.3.0
--
-- Corrections of rows shipped with 0.1.0 and 0.2.0; docs/standards.md gives
-- the source and confidence of every fact.  A row a DBA has corrected is
-- left as the DBA made it.  The shipped_row_guard trigger takes every update
-- of a shipped row for a DBA's correction, so it is off while povext
-- corrects its own rows (corrected stays false, and pg_dump keeps leaving
-- these rows to CREATE EXTENSION).

ALTER TABLE povext.standard DISABLE TRIGGER shipped_row_guard;
ALTER TABLE povext.standard_line DISABLE TRIGGER shipped_row_guard;

-- hcm-2024: the city's 2025 review classified by income bands, poor at or
-- below 46 million VND a year and near-poor above 46 and up to 54 million;
-- two_band is the shipped rule that has a near-poor band above the poor
-- line (income_and_deprivation ignores near_poor_line).
UPDATE povext.standard
   SET rule = 'two_band',
       legal_basis = 'NQ 15/NQ-HĐND 2024 (13 indicators); lines applied in the 2025 review (QĐ 505/QĐ-UBND, January 2026)',
       confidence = 'unknown',
       note = 'Lines confirmed by the 2025 review: poor at or below 46 million VND a year, near-poor above 46 and up to 54 million; no middle line is known. '
              'How the 13 indicators combine with income is unknown: two_band is assumed, so a household of the near-poor band deprived in 3 or more indicators is poor. '
              'In force from 2024-10-01 to the end of the city''s 2025-2030 period according to secondary sources.'
 WHERE code = 'hcm-2024' AND shipped AND NOT corrected;

-- The lines of the 2025 review, in force to the end of 2030 (the city's
-- 2025-2030 period, a secondary source) so that the reviews of 2026 and
-- later classify.  A DBA's own HCMC standard that starts after 2025 keeps
-- its period: the shipped one ends where it begins.
UPDATE povext.standard_line AS l
   SET near_poor_line = 54000000,
       middle_line = NULL,
       in_force = pg_catalog.daterange(pg_catalog.lower(l.in_force),
                      (SELECT LEAST(pg_catalog.min(pg_catalog.lower(o.in_force)), '2031-01-01'::pg_catalog.date)
                         FROM povext.standard_line AS o
                        WHERE o.scope = l.scope AND o.area = l.area
                          AND pg_catalog.lower(o.in_force) >= pg_catalog.upper(l.in_force))),
       legal_basis = 'NQ 15/NQ-HĐND 2024; lines confirmed by the 2025 review (QĐ 505/QĐ-UBND, January 2026); end of force 2030 from secondary sources',
       confidence = 'secondary'
 WHERE l.standard = 'hcm-2024' AND l.shipped AND NOT l.corrected;

-- vn-2022: the lines are in force to the end of 2026 by the amendment the
-- standard row already cites.
UPDATE povext.standard_line
   SET legal_basis = 'NĐ 07/2021/NĐ-CP, Art. 3 (amended by NĐ 30/2025/NĐ-CP)'
 WHERE standard = 'vn-2022' AND shipped AND NOT corrected;

ALTER TABLE povext.standard ENABLE TRIGGER shipped_row_guard;
ALTER TABLE povext.standard_line ENABLE TRIGGER shipped_row_guard;
