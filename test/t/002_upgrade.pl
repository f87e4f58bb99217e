# ALTER EXTENSION povext UPDATE from every released version: the DBA's rows
# survive, and the updated extension has exactly the objects (and, where the
# DBA changed nothing, the catalog rows) of a fresh install of the current
# version.  A household registry (new in 0.3.0, so none can exist before the
# update) created after the update works as on a fresh install.
use strict;
use warnings;
use Test::More;
use FindBin;
use PovextTest;

my @released = qw(0.1.0 0.2.0 0.3.0);
my $node = start_node('upgrade');
sub psql { my ($db, $sql) = @_; return $node->safe_psql($db, $sql) . "\n"; }

my $current = povext_version();
my $members = q{
	SELECT string_agg(pg_describe_object(classid, objid, objsubid), E'\n' ORDER BY 1)
	  FROM pg_depend WHERE refclassid = 'pg_extension'::regclass AND deptype = 'e'
	   AND refobjid = (SELECT oid FROM pg_extension WHERE extname = 'povext')
};
# Every catalog row, the DBA's and the shipped ones.
my $catalog = q{
	SELECT string_agg(x, E'\n' ORDER BY x) FROM (
		SELECT i::text AS x FROM povext.indicator AS i UNION ALL SELECT s::text FROM povext.standard AS s
		UNION ALL SELECT l::text FROM povext.standard_line AS l UNION ALL SELECT w::text FROM povext.standard_indicator AS w
		UNION ALL SELECT c::text FROM povext.indicator_cutoff AS c
		UNION ALL SELECT h::text FROM public.household AS h) AS rows
};
# The rows a DBA added or corrected (an update may correct the other shipped
# rows).
my $dba_catalog = q{
	SELECT string_agg(x, E'\n' ORDER BY x) FROM (
		SELECT i::text AS x FROM povext.indicator AS i WHERE NOT i.shipped OR i.corrected
		UNION ALL SELECT s::text FROM povext.standard AS s WHERE NOT s.shipped OR s.corrected
		UNION ALL SELECT l::text FROM povext.standard_line AS l WHERE NOT l.shipped OR l.corrected
		UNION ALL SELECT w::text FROM povext.standard_indicator AS w WHERE NOT w.shipped OR w.corrected
		UNION ALL SELECT h::text FROM public.household AS h) AS rows
};
my $dba_rows = q{
	INSERT INTO povext.indicator (code, dimension, description_vi, description_en)
	VALUES ('clean_cooking', 'living_standards', 'Không dùng bếp sạch', 'No clean cooking stove');
	INSERT INTO povext.standard (code, scope, name, unit, rule, minimum_deprivations, legal_basis, confidence)
	VALUES ('ward-pilot', 'ward_pilot', 'Pilot standard', 'month', 'two_band', 1, 'Ward decision 1/2025', 'unverified');
	INSERT INTO povext.standard_line (standard, scope, area, in_force, poor_line, near_poor_line, legal_basis, confidence)
	VALUES ('ward-pilot', 'ward_pilot', 'urban', '[2025-01-01,)', 2500000, 3000000, 'Ward decision 1/2025', 'unverified');
	INSERT INTO povext.standard_indicator (standard, indicator, weight_numerator, weight_denominator, confidence)
	VALUES ('ward-pilot', 'clean_cooking', 1, 1, 'unverified');
	UPDATE povext.standard_line SET poor_line = 2100000, near_poor_line = 2100000
	 WHERE standard = 'vn-2022' AND area = 'urban';
	-- the DBA's own fix of hcm-2024 (0.3.0 corrects the shipped rows) and
	-- an HCMC standard of the DBA's from 2026, where 0.3.0 extends hcm-2024
	UPDATE povext.standard_line SET near_poor_line = 50000000, in_force = '[2024-10-01,2027-01-01)'
	 WHERE standard = 'hcm-2024' AND area = 'urban';
	INSERT INTO povext.standard (code, scope, name, unit, rule, minimum_deprivations, legal_basis, confidence)
	VALUES ('hcm-rural-2026', 'hcmc', 'Rural communes 2026', 'year', 'two_band', 1, 'District decision 2/2026', 'unverified');
	INSERT INTO povext.standard_line (standard, scope, area, in_force, poor_line, near_poor_line, legal_basis, confidence)
	VALUES ('hcm-rural-2026', 'hcmc', 'rural', '[2026-01-01,)', 50000000, 60000000, 'District decision 2/2026', 'unverified');
	INSERT INTO povext.standard_indicator (standard, indicator, weight_numerator, weight_denominator, confidence)
	VALUES ('hcm-rural-2026', 'water', 1, 1, 'unverified');
	CREATE TABLE public.household (id int, deprivations povext.deprivations);
	INSERT INTO public.household VALUES (1, '{water,clean_cooking}');
};

# A registry following both scopes, households with and without a household
# income, one without members, a member's change and a move between
# households through the triggers; then its derived values.
my $registry = q{
	SELECT povext.create_registry('reg', ARRAY['national', 'hcmc']);
	UPDATE reg.registry_setting SET reference_date = '2026-06-01';
	INSERT INTO reg.ward VALUES ('w1', 'Phường 1', 'Quận 11', 500);
	INSERT INTO reg.household (code, ward, area, housing_durable, floor_area, clean_water, hygienic_latrine,
	                           uses_telecom, has_information_device, household_income)
	VALUES ('h1', 'w1', 'urban', true, 21, true, true, true, true, 66000000),
	       ('h2', 'w1', 'urban', false, 40, true, false, true, true, NULL),
	       ('h3', 'w1', 'rural', true, 30, false, true, true, false, 30000000),
	       ('h4', 'w1', 'rural', true, 30, true, true, true, true, NULL);
	INSERT INTO reg.member (person_id, household, birth_date, sex, working_capacity, disability, health_insurance,
	                        attending_school, school_level_ok, employed, works_for_wages, labour_contract,
	                        social_insurance, stunted_or_underweight, income)
	VALUES ('a', 1, '1980-03-02', 'male', true, false, true, false, true, true, true, false, false, false, NULL),
	       ('b', 1, '1982-07-15', 'female', true, false, false, false, true, false, false, NULL, NULL, false, NULL),
	       ('c', 1, '2020-06-01', 'female', false, false, false, true, true, false, false, NULL, NULL, false, NULL),
	       ('d', 2, '1950-01-20', 'male', false, true, true, false, true, false, false, NULL, NULL, false, 30000000),
	       ('e', 2, '1955-09-09', 'female', false, false, true, false, true, false, false, NULL, NULL, false, NULL),
	       ('f', 3, '1990-01-01', 'male', true, false, true, false, true, true, false, NULL, true, false, NULL),
	       ('g', 3, '2015-05-05', 'male', false, false, true, false, false, false, false, NULL, NULL, true, NULL);
	UPDATE reg.member SET health_insurance = true WHERE person_id = 'c';
	UPDATE reg.member SET income = 6000000 WHERE person_id = 'e';
	UPDATE reg.member SET household = 4 WHERE person_id = 'g';
};
my $registry_values = q{
	SELECT string_agg(concat_ws(' ', h.code, h.members, h.per_capita_income_year, h.computed_at,
	                            s.scope, s.standard, s.deprivations, s.undetermined, coalesce(s.status::text, '-')),
	                  E'\n' ORDER BY h.code, s.scope)
	  FROM reg.household AS h LEFT JOIN reg.household_status AS s ON s.household = h.id
};
my $registry_check = q{SELECT count(*) FROM povext.registry_check('reg')};
# The registry's views and functions as defined, and those that are members
# of the extension (none: the 0.4.0 update replaces a view of a registry
# made under 0.3.0 without keeping it in the extension).
my $registry_objects = q{
	SELECT string_agg(x, E'\n' ORDER BY x) FROM (
		SELECT concat_ws(' ', c.relname, pg_get_viewdef(c.oid)) AS x
		  FROM pg_class AS c WHERE c.relnamespace = 'reg'::regnamespace AND c.relkind = 'v'
		UNION ALL
		SELECT concat_ws(' ', p.oid::regprocedure, pg_get_function_result(p.oid), p.prosecdef, p.proconfig, p.prosrc)
		  FROM pg_proc AS p WHERE p.pronamespace = 'reg'::regnamespace
		UNION ALL
		SELECT 'member ' || pg_describe_object(d.classid, d.objid, d.objsubid)
		  FROM pg_depend AS d WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
		   AND pg_describe_object(d.classid, d.objid, d.objsubid) LIKE '%reg.%') AS objects
};

$node->safe_psql('postgres', 'CREATE DATABASE fresh');
psql('fresh', 'CREATE EXTENSION povext CASCADE');
is(psql('fresh', "SELECT extversion FROM pg_extension WHERE extname = 'povext'"), "$current\n",
	"a fresh install is version $current");
my $fresh_members = psql('fresh', $members);
my $fresh_catalog = psql('fresh', "CREATE TABLE public.household (id int, deprivations povext.deprivations); $catalog");
psql('fresh', $registry);
my $fresh_registry = psql('fresh', $registry_values);
my $fresh_registry_objects = psql('fresh', $registry_objects);
like($fresh_registry, qr/^h1 3 22000000.00 2026-06-01 hcmc hcm-2024 \{\S+\} \{\} \w+\n/,
	'a registry on a fresh install derives its households');
is(psql('fresh', $registry_check), "0\n", 'a registry on a fresh install is consistent');

for my $version (@released)
{
	my $db = "from_$version" =~ s/\./_/gr;
	$node->safe_psql('postgres', "CREATE DATABASE $db");
	psql($db, "CREATE EXTENSION povext VERSION '$version' CASCADE");
	is(psql($db, "SELECT extversion FROM pg_extension WHERE extname = 'povext'"), "$version\n",
		"version $version installs");

	# Untouched: the update gives the fresh install's catalog rows.
	my $untouched = "${db}_untouched";
	$node->safe_psql('postgres', "CREATE DATABASE $untouched");
	# From 0.3.0 on, the registry is made before the update and must come
	# through it; before 0.3.0 there were no registries.
	my $registry_before = $version ge '0.3.0';
	psql($untouched, "CREATE EXTENSION povext VERSION '$version' CASCADE");
	psql($untouched, $registry) if $registry_before;
	psql($untouched, 'ALTER EXTENSION povext UPDATE');
	is(psql($untouched, "CREATE TABLE public.household (id int, deprivations povext.deprivations); $catalog"),
		$fresh_catalog, "$version updated without DBA changes: the catalog rows of a fresh install");
	psql($untouched, $registry) unless $registry_before;
	is(psql($untouched, $registry_values), $fresh_registry,
		"$version updated: a registry derives what it derives on a fresh install");
	is(psql($untouched, $registry_check), "0\n", "$version updated: the registry is consistent");
	is(psql($untouched, $registry_objects), $fresh_registry_objects,
		"$version updated: the registry has the report views and functions of a fresh install's");
	is(psql($untouched, "SELECT povext.registry_recompute('reg')"), "0\n",
		"$version updated: a full recomputation finds nothing to write");

	# From 0.3.0 on, hcm-2024's rural line is in force to 2031: the DBA ends
	# it before adding the rural standard of 2026.
	psql($db, "UPDATE povext.standard_line SET in_force = '[2024-10-01,2026-01-01)'
	            WHERE standard = 'hcm-2024' AND area = 'rural'") if $version ge '0.3.0';
	psql($db, $dba_rows);
	my $before = psql($db, $dba_catalog);
	psql($db, 'ALTER EXTENSION povext UPDATE');
	is(psql($db, "SELECT extversion FROM pg_extension WHERE extname = 'povext'"), "$current\n",
		"$version: ALTER EXTENSION UPDATE reaches $current");
	is(psql($db, $dba_catalog), $before, "$version: the DBA's indicators, standards, corrections and data survive");
	is(psql($db, q{SELECT string_agg(concat_ws(' ', area, in_force, near_poor_line, corrected), E'\n' ORDER BY area)
					 FROM povext.standard_line WHERE standard = 'hcm-2024'}),
		"urban [2024-10-01,2027-01-01) 50000000 t\nrural [2024-10-01,2026-01-01) 54000000 "
		  . ($version ge '0.3.0' ? 't' : 'f') . "\n",
		"$version: hcm-2024 is corrected where the DBA did not correct it, up to the DBA's own standard");
	is(psql($db, q{SELECT concat_ws(' ', povext.classify(52000000, '{}', 'hcmc', 'urban', '2026-12-15'),
					 povext.classify(52000000, '{}', 'hcmc', 'rural', '2026-12-15'))}),
		($version ge '0.3.0' ? 'not_poor' : 'middle') . " near_poor\n",   # 0.3.0 has no middle line
		"$version: a review of December 2026 uses the DBA's rows");
	is(psql($db, $members), $fresh_members, "$version: the updated extension has exactly the objects of a fresh install");
	is(psql($db, "SELECT povext.classify(2050000, '{}', 'vn-2022', 'urban')"), "near_poor\n",
		"$version: the correction still classifies");
	is(psql($db,
			"SELECT (povext.af_measures(povext.af_state_agg(deprivations, 'ward-pilot'), 1)).headcount_ratio FROM public.household"),
		"1\n", "$version: aggregates work on the updated extension with a custom indicator");
	# With the DBA's lines (vn-2022 urban, hcm-2024 urban) the statuses may
	# differ from a fresh install's, but the registry is kept consistent.
	psql($db, $registry);
	is(psql($db, $registry_check), "0\n", "$version with the DBA's rows: a new registry is consistent");
	is(psql($db, "UPDATE povext.standard_line SET poor_line = 1000000 WHERE standard = 'vn-2022' AND area = 'urban';
	              $registry_check;
	              SELECT povext.registry_recompute('reg', only_due => true)"), "0\n0\n",
		"$version with the DBA's rows: a line change is recomputed in the same statement");
}

# A registry made under 0.3.0 that reported a custom indicator deleted since:
# the update replaces its report_household, keeping that column, now NULL.
$node->safe_psql('postgres', 'CREATE DATABASE deleted_indicator');
psql('deleted_indicator', "CREATE EXTENSION povext VERSION '0.3.0' CASCADE");
psql('deleted_indicator', q{UPDATE povext.standard_line SET in_force = '[2024-10-01,2026-01-01)'
	WHERE standard = 'hcm-2024' AND area = 'rural';} . $dba_rows . q{
	SELECT povext.create_registry('reg', ARRAY['national', 'ward_pilot']);
	INSERT INTO reg.ward VALUES ('w1', 'Phường 1', 'Quận 11', 500);
	INSERT INTO reg.household (code, ward, area, household_income) VALUES ('h1', 'w1', 'urban', 30000000);
	INSERT INTO reg.member (person_id, household, birth_date) VALUES ('a', 1, '1980-01-01');
	UPDATE povext.standard_indicator SET indicator = 'water' WHERE indicator = 'clean_cooking';
	DELETE FROM public.household;
	DELETE FROM povext.indicator WHERE code = 'clean_cooking'});
psql('deleted_indicator', 'ALTER EXTENSION povext UPDATE');
is(psql('deleted_indicator', q{SELECT string_agg(DISTINCT household_code || ' ' || (deprived_clean_cooking IS NULL), ', ')
	                                 FROM reg.report_household}),
	"h1 true\n", 'an indicator deleted since the registry was made keeps its report_household column, NULL');
done_testing();
