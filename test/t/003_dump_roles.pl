# Indicator bits through pg_dump, pg_restore and ALTER EXTENSION UPDATE, with
# a database owner who is not a superuser and holds the grants of the
# reference: pg_dump works, the restore is identical and remembers the bits
# of deleted indicators, an explicit bit can be given, and a 0.2.0 database's
# given bits carry over, by update and by restore of its dump.  Also what pg_dump -N povext loses.
use strict;
use warnings;
use Test::More;
use PovextTest;
use PostgreSQL::Test::Utils;

my $node = start_node('dump_roles');
my $dir = PostgreSQL::Test::Utils::tempdir;
sub psql { my ($db, $sql) = @_; return $node->safe_psql($db, $sql) . "\n"; }
sub as_owner { my ($db) = @_; return $node->connstr($db) . ' user=catalog_owner'; }
sub owner_psql { my ($db, $sql) = @_; return psql($db, "SET ROLE catalog_owner; $sql"); }

my $grants = q{
	GRANT INSERT, UPDATE, DELETE ON povext.indicator, povext.standard, povext.standard_line, povext.standard_indicator,
	   povext.indicator_cutoff, povext.monitoring_window, povext.poor_group_rule, povext.label TO catalog_owner;
	GRANT INSERT ON povext.retired_indicator_bit TO catalog_owner;
};
my $add_indicator = q{
	INSERT INTO povext.indicator (code, dimension, description_vi, description_en)
	VALUES ('%s', 'test', 'x', 'x') RETURNING bit
};
my $snapshot = q{
	SELECT string_agg(row_text, E'\n' ORDER BY row_text) FROM (
		SELECT 'household ' || h::text AS row_text FROM public.household AS h
		UNION ALL SELECT 'indicator ' || i::text FROM povext.indicator AS i
		UNION ALL SELECT 'retired ' || r::text FROM povext.retired_indicator_bit AS r
		UNION ALL SELECT 'standard ' || s::text FROM povext.standard AS s
		UNION ALL SELECT 'line ' || l::text FROM povext.standard_line AS l
		UNION ALL SELECT 'weight ' || w::text FROM povext.standard_indicator AS w
	) AS everything
};
$snapshot =~ s/\s+/ /g;

$node->safe_psql('postgres', 'CREATE ROLE catalog_owner LOGIN');
$node->safe_psql('postgres', "CREATE DATABASE $_ OWNER catalog_owner")
  for qw(source restored_custom restored_plain restored_by_owner no_povext no_povext_installed);
psql('source', "CREATE EXTENSION povext CASCADE; $grants");

# The owner maintains the catalog with the grants of the reference.
owner_psql('source', "BEGIN; ${\ sprintf($add_indicator, 'rolled_back')}; ROLLBACK");
is(owner_psql('source', q{
	INSERT INTO povext.indicator (code, bit, dimension, description_vi, description_en)
	VALUES ('top_bit', 63, 'test', 'x', 'x') RETURNING bit}), "63\n", 'the owner gives an explicit bit');
is(owner_psql('source', sprintf($add_indicator, 'clean_cooking')), "21\n",
	'neither the rolled-back insert nor the explicit bit 63 used bits up');
is(owner_psql('source', sprintf($add_indicator, 'deleted')), "22\n", 'the next indicator gets the next bit');
owner_psql('source', q{
	DELETE FROM povext.indicator WHERE code = 'deleted';
	INSERT INTO povext.standard (code, scope, name, unit, rule, minimum_deprivations, legal_basis, confidence)
	VALUES ('ward-pilot', 'ward_pilot', 'Pilot standard', 'month', 'two_band', 1, 'Ward decision 1/2025', 'unverified');
	INSERT INTO povext.standard_line (standard, scope, area, in_force, poor_line, near_poor_line, legal_basis, confidence)
	VALUES ('ward-pilot', 'ward_pilot', 'urban', '[2025-01-01,)', 2500000, 3000000, 'Ward decision 1/2025', 'unverified');
	INSERT INTO povext.standard_indicator (standard, indicator, weight_numerator, weight_denominator, confidence)
	VALUES ('ward-pilot', 'clean_cooking', 1, 2, 'unverified'), ('ward-pilot', 'water', 1, 2, 'unverified');
	UPDATE povext.standard_line SET poor_line = 2100000, near_poor_line = 2100000
	 WHERE standard = 'vn-2022' AND area = 'urban';
	CREATE TABLE public.household (id int PRIMARY KEY, deprivations povext.deprivations);
	INSERT INTO public.household VALUES (1, '{clean_cooking,water,top_bit}'), (2, '{water}');
});
my $before = psql('source', $snapshot);
like($before, qr/^retired \(22,deleted\)$/m, 'the deleted indicator\'s bit is retired');

# pg_dump by the owner, who is not a superuser
$node->command_ok(['pg_dump', '-Fc', '-d', as_owner('source'), '-f', "$dir/source.dump"],
	'pg_dump in custom format by the database owner');
$node->command_ok(['pg_dump', '-d', as_owner('source'), '-f', "$dir/source.sql"],
	'pg_dump in plain format by the database owner');

# Restored by a superuser, as usual
$node->command_ok(['pg_restore', '--exit-on-error', '-d', $node->connstr('restored_custom'), "$dir/source.dump"],
	'pg_restore of the owner\'s dump');
is(psql('restored_custom', $snapshot), $before, 'custom-format restore is identical');
$node->command_ok(['psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', $node->connstr('restored_plain'),
	'-f', "$dir/source.sql"], 'plain restore of the owner\'s dump');
is(psql('restored_plain', $snapshot), $before, 'plain restore is identical');
is(owner_psql('restored_custom', sprintf($add_indicator, 'after_restore')), "23\n",
	'the restored database does not give the deleted indicator\'s bit again');

# Restored by the owner: the schema and the extension need a superuser, the
# data only the documented grants
$node->command_ok(['pg_restore', '--exit-on-error', '--section=pre-data', '-d', $node->connstr('restored_by_owner'),
	"$dir/source.dump"], 'pg_restore --section=pre-data by a superuser');
psql('restored_by_owner', "$grants; GRANT UPDATE ON SEQUENCE povext.indicator_bit_seq TO catalog_owner");
$node->command_ok(['pg_restore', '--exit-on-error', '--section=data', '--section=post-data',
	'-d', as_owner('restored_by_owner'), "$dir/source.dump"], 'pg_restore of the data by the owner');
is(psql('restored_by_owner', $snapshot), $before, 'the owner\'s restore is identical');

# -N povext drops the schema povext and the catalog rows, not the extension:
# into an empty database, CREATE EXTENSION fails; into one that has povext,
# a table that uses a custom indicator fails, and the catalog is the shipped one
$node->command_ok(['pg_dump', '-N', 'povext', '-d', as_owner('source'), '-f', "$dir/no_povext.sql"],
	'pg_dump -N povext');
my ($rc, $stdout, $stderr) = $node->psql('no_povext', undef, extra_params => ['-f', "$dir/no_povext.sql"]);
like($stderr, qr/ERROR:  schema "povext" does not exist/,
	'-N povext, into an empty database: CREATE EXTENSION fails');
psql('no_povext_installed', 'CREATE EXTENSION povext CASCADE');
($rc, $stdout, $stderr) = $node->psql('no_povext_installed', undef, extra_params => ['-f', "$dir/no_povext.sql"]);
like($stderr, qr/unknown deprivation indicator "clean_cooking"/,
	'-N povext, into a database with povext: a table that uses a custom indicator fails to load');
is(psql('no_povext_installed', "SELECT count(*) FILTER (WHERE NOT shipped OR corrected) || ' ' || count(*) FROM povext.indicator"),
	"0 21\n", '-N povext, into a database with povext: the catalog is the shipped one');

# ALTER EXTENSION UPDATE from 0.2.0: the bits its sequence gave stay given
$node->safe_psql('postgres', 'CREATE DATABASE from_0_2_0');
psql('from_0_2_0', "CREATE EXTENSION povext VERSION '0.2.0' CASCADE");
psql('from_0_2_0', join(';', map { sprintf($add_indicator, $_) } qw(kept deleted rolled_back)));
psql('from_0_2_0', "DELETE FROM povext.indicator WHERE code IN ('deleted', 'rolled_back')");
psql('from_0_2_0', 'ALTER EXTENSION povext UPDATE');
is(psql('from_0_2_0', 'SELECT last_value FROM povext.indicator_bit_seq'), "23\n",
	'the sequence keeps the highest bit 0.2.0 gave');
is(psql('from_0_2_0', sprintf($add_indicator, 'after_update')), "24\n",
	'after the update, a new indicator gets a bit 0.2.0 never gave');

# A dump of a 0.2.0 database restores into the current version without an error, and the
# bits 0.2.0 gave stay given.
$node->safe_psql('postgres', 'CREATE DATABASE dumped_0_2_0');
psql('dumped_0_2_0', "CREATE EXTENSION povext VERSION '0.2.0' CASCADE");
psql('dumped_0_2_0', join(';', map { sprintf($add_indicator, $_) } qw(kept deleted)));
psql('dumped_0_2_0', "DELETE FROM povext.indicator WHERE code = 'deleted';
	CREATE TABLE public.household (id int, d povext.deprivations);
	INSERT INTO public.household VALUES (1, '{kept,water}')");
$node->command_ok([ 'pg_dump', '-f', "$dir/from_0_2_0.sql", $node->connstr('dumped_0_2_0') ], 'pg_dump of a 0.2.0 database');
$node->safe_psql('postgres', 'CREATE DATABASE restored_0_2_0');
$node->command_ok([ 'psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', $node->connstr('restored_0_2_0'), '-f', "$dir/from_0_2_0.sql" ],
	'the 0.2.0 dump restores into the current version without an error');
is(psql('restored_0_2_0', "SELECT extversion FROM pg_extension WHERE extname = 'povext'"), povext_version() . "\n",
	'restored as the current version');
is(psql('restored_0_2_0', 'SELECT d FROM public.household'), "{water,kept}\n", 'the restored sets read back');
is(psql('restored_0_2_0', sprintf($add_indicator, 'after_restore')), "23\n",
	'the bit of the indicator deleted in 0.2.0 is not given again');

done_testing();
