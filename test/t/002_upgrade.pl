# ALTER EXTENSION povext UPDATE from every earlier version: the DBA's rows
# survive, and the updated extension has exactly the objects of a fresh
# install of the current version.
use strict;
use warnings;
use Test::More;
use FindBin;
use lib $FindBin::Bin;
use PovextTest;

my $current = `sed -n "s/^default_version = '\\(.*\\)'/\\1/p" $ENV{POVEXT_TOP}/povext.control`;
chomp $current;
my $members = q{
	SELECT string_agg(pg_describe_object(classid, objid, objsubid), E'\n' ORDER BY 1)
	  FROM pg_depend WHERE refclassid = 'pg_extension'::regclass AND deptype = 'e'
	   AND refobjid = (SELECT oid FROM pg_extension WHERE extname = 'povext')
};
$members =~ s/\s+/ /g;

fresh_database($_) for qw(povext_upgrade_fresh povext_upgrade_old);
psql('povext_upgrade_fresh', "SET client_min_messages = warning; CREATE EXTENSION povext CASCADE");
psql('povext_upgrade_old', "SET client_min_messages = warning; CREATE EXTENSION povext VERSION '0.1.0' CASCADE");
is(psql('povext_upgrade_old', "SELECT extversion FROM pg_extension WHERE extname = 'povext'"), "0.1.0\n",
	'version 0.1.0 installs');

psql('povext_upgrade_old', q{
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
	CREATE TABLE public.household (id int, deprivations povext.deprivations);
	INSERT INTO public.household VALUES (1, '{water,clean_cooking}');
});
my $catalog = q{
	SELECT string_agg(x, E'\n' ORDER BY x) FROM (
		SELECT i::text AS x FROM povext.indicator AS i UNION ALL SELECT s::text FROM povext.standard AS s
		UNION ALL SELECT l::text FROM povext.standard_line AS l UNION ALL SELECT w::text FROM povext.standard_indicator AS w
		UNION ALL SELECT h::text FROM public.household AS h) AS rows
};
$catalog =~ s/\s+/ /g;
my $before = psql('povext_upgrade_old', $catalog);

psql('povext_upgrade_old', "ALTER EXTENSION povext UPDATE");
is(psql('povext_upgrade_old', "SELECT extversion FROM pg_extension WHERE extname = 'povext'"), "$current\n",
	"ALTER EXTENSION UPDATE reaches $current");
is(psql('povext_upgrade_old', $catalog), $before, 'the DBA\'s indicators, standards, corrections and data survive');
is(psql('povext_upgrade_old', $members), psql('povext_upgrade_fresh', $members),
	'the updated extension has exactly the objects of a fresh install');
is(psql('povext_upgrade_old', "SELECT povext.classify(2050000, '{}', 'vn-2022', 'urban')"), "near_poor\n",
	'the correction still classifies');
is(psql('povext_upgrade_old',
		"SELECT (povext.af_measures(povext.af_state_agg(deprivations, 'ward-pilot'), 1)).headcount_ratio FROM public.household"),
	"1\n", 'new aggregates work on the updated extension with a custom indicator');

done_testing();
