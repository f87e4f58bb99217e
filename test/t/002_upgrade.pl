# ALTER EXTENSION povext UPDATE from every released version: the DBA's rows
# survive, and the updated extension has exactly the objects (and, where the
# DBA changed nothing, the catalog rows) of a fresh install of the current
# version.
use strict;
use warnings;
use Test::More;
use FindBin;
use PovextTest;

my @released = qw(0.1.0 0.2.0);
my $node = start_node('upgrade');
sub psql { my ($db, $sql) = @_; return $node->safe_psql($db, $sql) . "\n"; }

my ($current) = `cat $FindBin::Bin/../../povext.control` =~ /^default_version = '(.*)'/m;
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

$node->safe_psql('postgres', 'CREATE DATABASE fresh');
psql('fresh', 'CREATE EXTENSION povext CASCADE');
is(psql('fresh', "SELECT extversion FROM pg_extension WHERE extname = 'povext'"), "$current\n",
	"a fresh install is version $current");
my $fresh_members = psql('fresh', $members);
my $fresh_catalog = psql('fresh', "CREATE TABLE public.household (id int, deprivations povext.deprivations); $catalog");

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
	psql($untouched, "CREATE EXTENSION povext VERSION '$version' CASCADE");
	psql($untouched, 'ALTER EXTENSION povext UPDATE');
	is(psql($untouched, "CREATE TABLE public.household (id int, deprivations povext.deprivations); $catalog"),
		$fresh_catalog, "$version updated without DBA changes: the catalog rows of a fresh install");

	psql($db, $dba_rows);
	my $before = psql($db, $dba_catalog);
	psql($db, 'ALTER EXTENSION povext UPDATE');
	is(psql($db, "SELECT extversion FROM pg_extension WHERE extname = 'povext'"), "$current\n",
		"$version: ALTER EXTENSION UPDATE reaches $current");
	is(psql($db, $dba_catalog), $before, "$version: the DBA's indicators, standards, corrections and data survive");
	is(psql($db, q{SELECT string_agg(concat_ws(' ', area, in_force, near_poor_line, corrected), E'\n' ORDER BY area)
					 FROM povext.standard_line WHERE standard = 'hcm-2024'}),
		"urban [2024-10-01,2027-01-01) 50000000 t\nrural [2024-10-01,2026-01-01) 54000000 f\n",
		"$version: hcm-2024 is corrected where the DBA did not correct it, up to the DBA's own standard");
	is(psql($db, q{SELECT concat_ws(' ', povext.classify(52000000, '{}', 'hcmc', 'urban', '2026-12-15'),
					 povext.classify(52000000, '{}', 'hcmc', 'rural', '2026-12-15'))}),
		"middle near_poor\n", "$version: a review of December 2026 uses the DBA's rows");
	is(psql($db, $members), $fresh_members, "$version: the updated extension has exactly the objects of a fresh install");
	is(psql($db, "SELECT povext.classify(2050000, '{}', 'vn-2022', 'urban')"), "near_poor\n",
		"$version: the correction still classifies");
	is(psql($db,
			"SELECT (povext.af_measures(povext.af_state_agg(deprivations, 'ward-pilot'), 1)).headcount_ratio FROM public.household"),
		"1\n", "$version: aggregates work on the updated extension with a custom indicator");
}

done_testing();
