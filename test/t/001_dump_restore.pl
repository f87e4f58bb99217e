# pg_dump and pg_restore of a database that uses povext: the DBA's custom
# indicator, standard and corrections, and the deprivation sets stored in a
# user table, come back identical (custom format and plain SQL).
use strict;
use warnings;
use Test::More;
use PovextTest;
use PostgreSQL::Test::Utils;

my $node = start_node('dump');
my $dir = PostgreSQL::Test::Utils::tempdir;
sub psql { my ($db, $sql) = @_; return $node->safe_psql($db, $sql) . "\n"; }

my $snapshot = q{
	SELECT string_agg(row_text, E'\n' ORDER BY row_text) FROM (
		SELECT 'household ' || h::text AS row_text FROM public.household AS h
		UNION ALL SELECT 'indicator ' || i::text FROM povext.indicator AS i
		UNION ALL SELECT 'standard ' || s::text FROM povext.standard AS s
		UNION ALL SELECT 'line ' || l::text FROM povext.standard_line AS l
		UNION ALL SELECT 'weight ' || w::text FROM povext.standard_indicator AS w
		UNION ALL SELECT 'status ' || h.id || ' ' || povext.classify(h.income, h.deprivations, s.code, 'urban')
		  FROM public.household AS h, povext.standard AS s WHERE s.code IN ('vn-2022', 'ward-pilot')
	) AS everything
};
$snapshot =~ s/\s+/ /g;

$node->safe_psql('postgres', "CREATE DATABASE $_") for qw(povext_dump_source povext_dump_custom povext_dump_plain);
psql('povext_dump_source', "CREATE EXTENSION povext CASCADE");
psql('povext_dump_source', q{
	INSERT INTO povext.indicator (code, dimension, description_vi, description_en)
	VALUES ('clean_cooking', 'living_standards', 'Không dùng bếp sạch', 'No clean cooking stove');
	INSERT INTO povext.standard (code, scope, name, unit, rule, minimum_deprivations, legal_basis, confidence)
	VALUES ('ward-pilot', 'ward_pilot', 'Pilot standard', 'month', 'two_band', 2, 'Ward decision 1/2025', 'unverified');
	INSERT INTO povext.standard_line (standard, scope, area, in_force, poor_line, near_poor_line, legal_basis, confidence)
	VALUES ('ward-pilot', 'ward_pilot', 'urban', '[2025-01-01,)', 2500000, 3000000, 'Ward decision 1/2025', 'unverified');
	INSERT INTO povext.standard_indicator (standard, indicator, weight_numerator, weight_denominator, confidence)
	VALUES ('ward-pilot', 'clean_cooking', 1, 2, 'unverified'), ('ward-pilot', 'water', 1, 2, 'unverified');
	UPDATE povext.standard_line SET poor_line = 2100000, near_poor_line = 2100000
	 WHERE standard = 'vn-2022' AND area = 'urban';
	CREATE TABLE public.household (id int PRIMARY KEY, income numeric, deprivations povext.deprivations);
	INSERT INTO public.household VALUES
		(1, 2050000, '{clean_cooking,water}'),
		(2, 2600000, '{clean_cooking}'),
		(3, 1000000, '{health_insurance,water,telecom}'),
		(4, 5000000, '{}');
});
my $before = psql('povext_dump_source', $snapshot);
like($before, qr/household \(1,2050000,"\{water,clean_cooking\}"\)/, 'source stores custom indicators');
like($before, qr/status 1 poor/, 'the corrected line classifies 2,050,000 as poor under vn-2022');

$node->command_ok(['pg_dump', '-Fc', '-d', $node->connstr('povext_dump_source'), '-f', "$dir/source.dump"],
	'pg_dump in custom format');
$node->command_ok(['pg_restore', '--exit-on-error', '-d', $node->connstr('povext_dump_custom'), "$dir/source.dump"],
	'pg_restore without errors');
is(psql('povext_dump_custom', $snapshot), $before, 'custom-format restore is identical');

$node->command_ok(['pg_dump', '-d', $node->connstr('povext_dump_source'), '-f', "$dir/source.sql"],
	'pg_dump in plain format');
$node->command_ok(['psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', $node->connstr('povext_dump_plain'),
	'-f', "$dir/source.sql"], 'plain restore without errors');
is(psql('povext_dump_plain', $snapshot), $before, 'plain restore is identical');

is(psql('povext_dump_custom', "SELECT standard || ' ' || shipped || ' ' || corrected FROM povext.standard_line WHERE NOT shipped OR corrected ORDER BY 1"),
	"vn-2022 true true\nward-pilot false false\n",
	'restored: the corrected shipped line and the DBA\'s new line');
is(psql('povext_dump_custom', "SELECT deprivations FROM public.household WHERE id = 2"), "{clean_cooking}\n",
	'a custom indicator reads back after restore');

done_testing();
