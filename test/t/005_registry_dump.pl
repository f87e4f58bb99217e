# pg_dump and restore of a database with a household registry: the registry's
# tables are the user's data (not extension members), come back identical with
# their derived values and history, a DBA's cut-offs come back, and the
# restored triggers keep the registry current; a dump taken under 0.3.0
# restores where the current version is installed.
use strict;
use warnings;
use Test::More;
use PovextTest;
use PostgreSQL::Test::Utils;

my $node = start_node('registry_dump');
my $dir = PostgreSQL::Test::Utils::tempdir;
sub psql { my ($db, $sql) = @_; return $node->safe_psql($db, $sql) . "\n"; }

my $snapshot = q{
	SELECT string_agg(row_text, E'\n' ORDER BY row_text) FROM (
		SELECT 'setting ' || s::text AS row_text FROM reg.registry_setting AS s
		UNION ALL SELECT 'ward ' || w::text FROM reg.ward AS w
		UNION ALL SELECT 'household ' || h::text FROM reg.household AS h
		UNION ALL SELECT 'member ' || m::text FROM reg.member AS m
		UNION ALL SELECT 'status ' || s::text FROM reg.household_status AS s
		UNION ALL SELECT 'history ' || (h.household, h.standard, h.status, h.recognised_on, h.review_kind)::text
		  FROM reg.status_history AS h
		UNION ALL SELECT 'cutoff ' || c::text FROM povext.indicator_cutoff AS c WHERE NOT shipped OR corrected
	) AS everything
};
$snapshot =~ s/\s+/ /g;

$node->safe_psql('postgres', "CREATE DATABASE $_") for qw(reg_source reg_custom reg_plain reg_0_3_0 reg_from_0_3_0);
my $registry = q{
	SELECT povext.create_registry('reg', ARRAY['national', 'hcmc']);
	UPDATE reg.registry_setting SET reference_date = '2026-06-01';
	UPDATE povext.indicator_cutoff SET value = 10
	 WHERE standard = 'hcm-2024' AND indicator = 'housing_area' AND parameter = 'min_m2_per_person';
	INSERT INTO reg.ward VALUES ('w1', 'Phường 1', 'Quận 11', 500);
	INSERT INTO reg.household (code, ward, area, housing_durable, floor_area, clean_water, hygienic_latrine,
	                           uses_telecom, has_information_device, household_income)
	VALUES ('h1', 'w1', 'urban', true, 24, true, true, true, true, 72000000),
	       ('h2', 'w1', 'urban', false, 50, false, true, true, true, NULL);
	INSERT INTO reg.member (person_id, household, birth_date, sex, health_insurance, disability, income)
	VALUES ('a', 1, '1980-01-01', 'male', true, false, NULL), ('b', 1, '1982-01-01', 'female', true, false, NULL),
	       ('c', 1, '2020-06-01', 'female', false, false, NULL), ('d', 2, '1950-01-01', 'male', true, true, 20000000);
	INSERT INTO reg.status_history (household, standard, status, recognised_on, review_kind, decision_ref)
	VALUES (1, 'vn-2022', 'near_poor', '2025-12-01', 'periodic', 'QĐ 1/2025');
};
psql('reg_source', "CREATE EXTENSION povext CASCADE");
psql('reg_source', $registry);
my $before = psql('reg_source', $snapshot);
like($before, qr/household \(1,h1,w1,urban,,t,24,t,t,t,t,72000000,3,24000000.00,2026-06-01\)/,
	'source registry has its derived values');
like($before, qr/cutoff \(hcm-2024,housing_area,min_m2_per_person,10,/, 'source has the corrected cut-off');
is(psql('reg_source', "SELECT count(*) FROM pg_depend AS d JOIN pg_class AS c ON c.oid = d.objid
	WHERE d.classid = 'pg_class'::regclass AND d.deptype = 'e' AND c.relnamespace = 'reg'::regnamespace"),
	"0\n", 'registry tables are not members of the extension');

$node->command_ok(['pg_dump', '-Fc', '-d', $node->connstr('reg_source'), '-f', "$dir/reg.dump"],
	'pg_dump in custom format');
$node->command_ok(['pg_restore', '--exit-on-error', '-d', $node->connstr('reg_custom'), "$dir/reg.dump"],
	'pg_restore without errors');
is(psql('reg_custom', $snapshot), $before, 'custom-format restore is identical');

$node->command_ok(['pg_dump', '-d', $node->connstr('reg_source'), '-f', "$dir/reg.sql"], 'pg_dump in plain format');
$node->command_ok(['psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', $node->connstr('reg_plain'),
	'-f', "$dir/reg.sql"], 'plain restore without errors');
is(psql('reg_plain', $snapshot), $before, 'plain restore is identical');

# A dump of the same registry under 0.3.0 restores where the current version
# is installed.
psql('reg_0_3_0', "CREATE EXTENSION povext VERSION '0.3.0' CASCADE");
psql('reg_0_3_0', $registry);
my $before_0_3_0 = psql('reg_0_3_0', $snapshot);
$node->command_ok(['pg_dump', '-d', $node->connstr('reg_0_3_0'), '-f', "$dir/reg_0_3_0.sql"], 'pg_dump of a 0.3.0 registry');
$node->command_ok(['psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', $node->connstr('reg_from_0_3_0'),
	'-f', "$dir/reg_0_3_0.sql"], 'the 0.3.0 dump restores without errors');
is(psql('reg_from_0_3_0', "SELECT extversion FROM pg_extension WHERE extname = 'povext'"), povext_version() . "\n",
	'the 0.3.0 dump restores as the current version');
is(psql('reg_from_0_3_0', $snapshot), $before_0_3_0, 'the restored 0.3.0 registry is identical');

for my $db (qw(reg_custom reg_plain reg_from_0_3_0))
{
	is(psql($db, "SELECT count(*) FROM povext.registry_check('reg')"), "0\n", "$db: registry_check is empty");
	psql($db, "INSERT INTO reg.member (person_id, household, birth_date, sex, health_insurance, disability)
	           VALUES ('e', 2, '2000-01-01', 'male', true, false)");
	is(psql($db, "SELECT members FROM reg.household WHERE code = 'h2'"), "2\n", "$db: the restored triggers run");
	is(psql($db, "SELECT count(*) FROM povext.registry_check('reg')"), "0\n", "$db: still consistent");
	is(psql($db, "SELECT schema_name FROM povext.registry"), "reg\n", "$db: the list of registries is restored");
	psql($db, "UPDATE povext.indicator_cutoff SET value = 30
	           WHERE standard = 'vn-2022' AND indicator = 'housing_area' AND parameter = 'min_m2_per_person'");
	is(psql($db, "SELECT count(*) FROM povext.registry_check('reg')"), "0\n",
		"$db: a catalog change recomputes the restored registry");
}

done_testing();
