# povext on a Citus cluster: a coordinator and two workers on this machine
# (sockets only), Citus then povext on every node, a small distributed table
# of households beside a local copy of the same rows.
#
# Checks what works (every aggregate pushed down, the same answers as the
# local copy) and that the catalog is one for the cluster: povext 0.2.0 let
# every node keep its own, so a line corrected on the coordinator classified
# the distributed rows under the old line, weights changed there were
# ignored by the workers' partial aggregates, and custom indicators got
# different bits on different nodes, all without a warning.  Here a change
# made on the coordinator is in effect on every node, in open sessions too,
# or refused when a node cannot take it; a change on a worker is refused;
# povext.citus_catalog_check() names a node whose catalog differs; merging
# states computed under different catalogs is an error.
#
# Skipped when Citus is not installed; tools/test.sh installs it
# (../shared/vendor/citus/build.sh).
use strict;
use warnings;
use Test::More;
use PovextTest;
use PostgreSQL::Test::Utils;

my $sharedir = `pg_config --sharedir`;
chomp $sharedir;
plan skip_all => "Citus is not installed ($sharedir/extension/citus.control is missing)"
  unless -f "$sharedir/extension/citus.control";

my $coord = start_citus_node('coordinator');
my @workers = (start_citus_node('worker1'), start_citus_node('worker2'));
my @nodes = ($coord, @workers);
sub psql { my ($node, $sql) = @_; return $node->safe_psql('postgres', $sql) . "\n"; }
sub on_coord { return psql($coord, @_); }

# Install order: Citus on every node, the workers added, then povext on the
# coordinator (Citus creates it on the workers).
psql($_, 'CREATE EXTENSION citus') for @nodes;
on_coord(sprintf("SELECT citus_add_node('%s', %d)", $_->host, $_->port)) for @workers;
on_coord('CREATE EXTENSION povext CASCADE');
is(join('', map { psql($_, "SELECT extversion FROM pg_extension WHERE extname = 'povext'") } @nodes),
	(povext_version() . "\n") x 3, 'povext is installed on every node');

# 400 households in 4 wards, with varied incomes and vn-2016 deprivations;
# hh_local is the single-node copy.
on_coord(q{
	CREATE TABLE hh_local (id int PRIMARY KEY, ward text, area povext.area, income numeric,
	                       members int, d povext.deprivations, status povext.status);
	INSERT INTO hh_local
	SELECT i, 'w' || i % 4, CASE WHEN i % 3 = 0 THEN 'rural' ELSE 'urban' END::povext.area,
	       400000 + (i * 7919) % 1200000, 1 + i % 5,
	       (SELECT coalesce(array_agg(indicator ORDER BY indicator), '{}')::text::povext.deprivations
	          FROM (SELECT indicator, row_number() OVER (ORDER BY indicator) AS k
	                  FROM povext.standard_indicator WHERE standard = 'vn-2016') AS s
	         WHERE (i * 2654435761) % 1021 % (k + 1) = 0),
	       NULL
	  FROM generate_series(1, 400) AS i;
	CREATE TABLE hh (LIKE hh_local INCLUDING ALL);
	SELECT create_distributed_table('hh', 'id');
	INSERT INTO hh SELECT * FROM hh_local;
});

# The same query on the distributed table and on the local copy.
sub same_answer
{
	my ($label, $sql) = @_;
	my $local = on_coord($sql =~ s/\bFROM hh\b/FROM hh_local/gr);
	is(on_coord($sql), $local, "$label: the distributed table gives the local copy's answer");
	return $local;
}

# Per-ward states and measures of every aggregate family.
my $per_ward = q{
	SELECT ward, povext.af_state_agg(d, 'ophi-mpi')::text, povext.af_m0(d, 'ophi-mpi', 1.0 / 3),
	       povext.fgt_state_agg(income::float8, 900000)::text, povext.fgt_p1(income::float8, 900000),
	       povext.sample_state_agg(income::float8, members)::text, povext.gini(income::float8, members),
	       povext.weighted_median(income::float8, members),
	       count(*) FILTER (WHERE povext.classify(income, d, 'vn-2016', area) = 'poor')
	  FROM hh GROUP BY ward ORDER BY ward};
same_answer('per-ward states and measures', $per_ward);
my $district = q{
	SELECT povext.af_m0(d, 'vn-2016', 1.0 / 3), povext.fgt_p0(income::float8, 900000),
	       povext.gini(income::float8, members)::numeric(10, 8)
	  FROM hh};
same_answer('district totals', $district);

# A Gini over 200,000 rows: the partial sample states cross the network as
# their text, now the compact form (povext 0.2.0 wrote every pair as JSON
# numbers).  The answer is the local copy's; the bytes of the partial states
# (one per shard) are measured against the JSON form of the same pairs.
on_coord(q{
	CREATE TABLE big_local (id int PRIMARY KEY, income float8, members float8);
	INSERT INTO big_local SELECT i, 400000 + (i * 7919) % 1200000 + (i::bigint * 104729) % 997, 1 + i % 6
	  FROM generate_series(1, 200000) AS i;
	CREATE TABLE big (LIKE big_local INCLUDING ALL);
	SELECT create_distributed_table('big', 'id');
	INSERT INTO big SELECT * FROM big_local});
is(on_coord(q{SELECT povext.gini(income, members), povext.weighted_median(income, members) FROM big}),
	on_coord(q{SELECT povext.gini(income, members), povext.weighted_median(income, members) FROM big_local}),
	'Gini and median of 200,000 rows: the distributed table gives the local copy\'s answer');
my ($compact, $json) = split /\|/, on_coord(q{
	SELECT sum(split_part(result, ',', 1)::bigint), sum(split_part(result, ',', 2)::bigint)
	  FROM run_command_on_shards('big', $$
	    SELECT length(povext.sample_state_agg(income, members)::text) || ',' ||
	           length(format('{"version": 1, "p": null, "values": [%%s], "weights": [%%s]}',
	                         string_agg(income::text, ', ' ORDER BY income, members),
	                         string_agg(members::text, ', ' ORDER BY income, members)))
	      FROM %s$$)});
chomp $json;
note("partial sample states of 200,000 rows in 4 shards: $compact bytes compact, $json bytes as JSON");
ok($compact > 0 && $compact * 3 < $json, "the partial sample states are less than a third of their JSON form ($compact against $json bytes)");

# Every aggregate runs on the workers: the coordinator combines partial
# states (coord_combine_agg) and pulls no rows.
my $plan = on_coord("EXPLAIN (VERBOSE, COSTS OFF) $per_ward");
my @combined = $plan =~ /coord_combine_agg/g;
is(scalar @combined, 7, 'the seven aggregates of the per-ward query are combined from partial states');
unlike($plan, qr/Distributed Subplan|repartition/i, 'no rows are pulled to the coordinator');

# The catalog that each node would classify with, as one line per node.
sub catalogs
{
	return join '', map { psql($_, q{SELECT string_agg(fingerprint, ' ' ORDER BY catalog_table)
	                                     FROM povext.catalog_fingerprint()}) } @nodes;
}
my $catalog = psql($coord, q{SELECT string_agg(fingerprint, ' ' ORDER BY catalog_table) FROM povext.catalog_fingerprint()});
is(catalogs(), $catalog x 3, 'after the install every node has the same catalog');

# Before the setup, a catalog change on the coordinator would be made there
# only: it is refused.
my ($rc, $out, $err) = $coord->psql('postgres', q{UPDATE povext.standard_line SET poor_line = 1000000
	WHERE standard = 'vn-2016' AND area = 'urban'});
like($err, qr/cannot change povext\.standard_line before povext is set up for Citus/,
	'before povext.citus_setup() a catalog change on the coordinator is refused');

# A registry is distributed after the setup only: before it, each node
# would compute its shards with its own catalog.
on_coord(q{SELECT povext.create_registry('dreg')});
($rc, $out, $err) = $coord->psql('postgres', q{SELECT povext.distribute_registry('dreg')}, on_error_stop => 0);
like($err, qr/ERROR:  cannot distribute registry "dreg" before povext is set up for Citus\nDETAIL:  Without the setup, each node would compute its shards with its own catalog\.\nHINT:  Run SELECT povext.citus_setup\(\); on the coordinator first\./,
	'distribute_registry before citus_setup is refused');
is(on_coord(q{SELECT count(*) FROM pg_dist_partition WHERE logicalrelid::text LIKE 'dreg.%'}), "0\n",
	'and distributes nothing');

on_coord('SELECT povext.citus_setup()');
is(on_coord('SELECT count(*) FROM povext.citus_catalog_check()'), "0\n",
	'after the setup citus_catalog_check finds no difference');

# A session opened before the change (it has read the catalog already).
my $open = $coord->background_psql('postgres');
my $poor = q{SELECT count(*) FROM hh WHERE povext.classify(income, d, 'vn-2016', area) = 'poor'};
$open->query_safe($poor);

# A shipped line corrected on the coordinator: every node has the
# correction, flags included, and classifies with it.
on_coord(q{UPDATE povext.standard_line SET poor_line = 1000000, near_poor_line = 1400000
	WHERE standard = 'vn-2016' AND area = 'urban'});
my $flags = q{SELECT poor_line || ' ' || shipped || ' ' || corrected FROM povext.standard_line
	WHERE standard = 'vn-2016' AND area = 'urban'};
is(join('', map { psql($_, $flags) } @nodes), "1000000 true true\n" x 3,
	'a corrected line is on every node, shipped and corrected');
my $local_poor = same_answer('poor households after a corrected line', $poor);
is($open->query_safe($poor) . "\n", $local_poor, 'a session opened before the correction classifies with it');
same_answer('per-ward states and measures after a corrected line', $per_ward);

# classify stores the same status whether the coordinator computes it
# (INSERT ... VALUES) or a worker does (INSERT ... SELECT).
on_coord(q{
	CREATE TABLE stored (id int, how text, status povext.status);
	SELECT create_distributed_table('stored', 'id');
	INSERT INTO stored VALUES (1, 'values', povext.classify(950000, '{}', 'vn-2016', 'urban'));
	INSERT INTO stored SELECT 2, 'select', povext.classify(950000, '{}', 'vn-2016', 'urban') FROM hh WHERE id = 2;
});
is(on_coord('SELECT string_agg(how || \' \' || status, \', \' ORDER BY id) FROM stored'),
	"values poor, select poor\n", 'INSERT ... VALUES and INSERT ... SELECT store the same status');

# Custom indicators get the same bits everywhere, and a stored set reads
# back as the same indicators whatever the path.
on_coord(q{
	INSERT INTO povext.indicator (code, dimension, description_vi, description_en)
	VALUES ('internet', 'living_standards', 'Internet', 'Internet'),
	       ('clean_cooking', 'living_standards', 'Bếp sạch', 'Clean cooking');
	INSERT INTO povext.standard (code, scope, name, unit, rule, minimum_deprivations, legal_basis, confidence)
	VALUES ('own', 'own', 'Own standard', 'month', 'two_band', 1, 'test', 'unverified');
	INSERT INTO povext.standard_indicator VALUES ('own', 'internet', 1, 2, 'unverified'),
	                                             ('own', 'clean_cooking', 1, 2, 'unverified');
	UPDATE hh SET d = d OPERATOR(povext.|) '{clean_cooking}' WHERE id % 7 = 0;
	UPDATE hh_local SET d = d OPERATOR(povext.|) '{clean_cooking}' WHERE id % 7 = 0;
});
is(join('', map { psql($_, q{SELECT string_agg(code || ' ' || bit || ' ' || shipped, ', ' ORDER BY code)
	FROM povext.indicator WHERE code IN ('internet', 'clean_cooking')}) } @nodes),
	"clean_cooking 22 false, internet 21 false\n" x 3, 'custom indicators have the same bits on every node');
same_answer('sets with a custom indicator',
	q{SELECT string_agg(id || ' ' || d::text, '; ' ORDER BY id) FROM hh WHERE d OPERATOR(povext.@>) '{clean_cooking}'});

# Weights changed on the coordinator are the workers' weights too.
on_coord(q{UPDATE povext.standard_indicator
	SET weight_numerator = CASE indicator WHEN 'clean_cooking' THEN 3 ELSE 1 END, weight_denominator = 4
	WHERE standard = 'own'});
same_answer('AF per ward after a weight change',
	q{SELECT ward, povext.af_state_agg(d, 'own')::text, povext.af_m0(d, 'own', 0.5) FROM hh GROUP BY ward ORDER BY ward});

# Labels are catalog rows too (povext.catalog_tables() includes
# povext.label): a label added and a shipped label corrected on the
# coordinator are on every node, with their flags.
on_coord(q{
	INSERT INTO povext.label (kind, code, language, label) VALUES ('status', 'poor', 'fr', 'pauvre');
	UPDATE povext.label SET label = 'Poor household (corrected)' WHERE kind = 'status' AND code = 'poor' AND language = 'en';
});
is(join('', map { psql($_, q{SELECT string_agg(language || ' ' || label || ' ' || shipped || ' ' || corrected, ', ' ORDER BY language)
	FROM povext.label WHERE kind = 'status' AND code = 'poor' AND language IN ('en', 'fr')}) } @nodes),
	"en Poor household (corrected) true true, fr pauvre false false\n" x 3, 'labels added and corrected are on every node');
is(catalogs(), psql($coord, q{SELECT string_agg(fingerprint, ' ' ORDER BY catalog_table) FROM povext.catalog_fingerprint()}) x 3,
	'after custom rows every node has the fingerprints of the coordinator\'s catalog, labels included');
is(on_coord('SELECT count(*) FROM povext.citus_catalog_check()'), "0\n",
	'after custom rows every node still has the same catalog');

# The recipes of the reference without ROLLUP (refused by Citus): per-ward
# states in a CTE, the district line from the merge of the same states.
my $no_rollup = q{
	WITH ward AS (
	  SELECT ward, povext.af_state_agg(d, 'vn-2016') AS af, povext.fgt_state_agg(income::float8, 900000) AS fgt,
	         povext.sample_state_agg(income::float8, members) AS incomes
	    FROM hh GROUP BY ward)
	SELECT ward, (povext.af_measures(af, 1.0 / 3)).m0, povext.fgt_p0(fgt), povext.sample_gini(incomes)::numeric(10, 8)
	  FROM ward
	UNION ALL
	SELECT NULL, (povext.af_measures(povext.af_state_merge(af), 1.0 / 3)).m0, povext.fgt_p0(povext.fgt_state_merge(fgt)),
	       povext.sample_gini(povext.sample_state_merge(incomes))::numeric(10, 8)
	  FROM ward
	 ORDER BY ward};
is(on_coord($no_rollup), on_coord(q{
	SELECT ward, povext.af_m0(d, 'vn-2016', 1.0 / 3), povext.fgt_p0(income::float8, 900000),
	       povext.gini(income::float8, members)::numeric(10, 8)
	  FROM hh_local GROUP BY ROLLUP (ward) ORDER BY ward}),
	'the ROLLUP-free recipe on the distributed table gives ROLLUP\'s answer on the local copy');

# Bulk recomputation of stored statuses: Citus refuses the plain UPDATE; an
# INSERT ... SELECT ... ON CONFLICT on the same table runs on the shards.
($rc, $out, $err) = $coord->psql('postgres', q{UPDATE hh SET status = povext.classify(income, d, 'vn-2016', area)});
like($err, qr/STABLE functions used in UPDATE queries cannot be called with column references/,
	'Citus refuses UPDATE ... SET status = classify(columns)');
my $bulk = q{INSERT INTO hh SELECT id, ward, area, income, members, d, povext.classify(income, d, 'vn-2016', area) FROM hh
	ON CONFLICT (id) DO UPDATE SET status = excluded.status};
unlike(on_coord("EXPLAIN (COSTS OFF) $bulk"), qr/Distributed Subplan|repartition|pull to coordinator/i,
	'the INSERT ... ON CONFLICT recomputation runs on the shards');
on_coord($bulk);
on_coord(q{UPDATE hh_local SET status = povext.classify(income, d, 'vn-2016', area)});
same_answer('statuses recomputed in bulk', q{SELECT status, count(*) FROM hh GROUP BY status ORDER BY status});

# A registry stays on the coordinator as plain tables: its triggers keep the
# derived values through a load and a member move, and a line corrected
# once for the cluster recomputes its affected households in the same
# statement (the catalog's registry triggers).
# The households and members of a registry's load.
sub load_registry
{
	my ($schema) = @_;
	on_coord(qq{
	INSERT INTO $schema.ward VALUES ('w1', 'Ward 1'), ('w2', 'Ward 2');
	INSERT INTO $schema.household (id, ward, area, housing_durable, clean_water, hygienic_latrine, uses_telecom,
	                           has_information_device, floor_area)
	SELECT i, 'w' || 1 + i % 2, CASE WHEN i % 3 = 0 THEN 'rural' ELSE 'urban' END::povext.area,
	       i % 4 <> 0, true, i % 5 <> 0, true, true, 10 + i % 50
	  FROM generate_series(1, 60) AS i;
	INSERT INTO $schema.member (person_id, household, birth_date, sex, income, health_insurance, working_capacity,
	                        employed, works_for_wages, labour_contract, social_insurance)
	SELECT 'p' || i, 1 + i % 60, date '1950-01-01' + (i * 97) % 25000,
	       CASE WHEN i % 2 = 0 THEN 'male' ELSE 'female' END, 1500000 * (i % 40), i % 6 <> 0, true, true, true, true, true
	  FROM generate_series(1, 200) AS i});
}
on_coord(q{SELECT povext.create_registry('reg')});
load_registry('reg');
on_coord(q{UPDATE reg.member SET household = 2 WHERE person_id = 'p1'});
my $registry_status = q{SELECT string_agg(coalesce(status::text, 'NULL') || ' ' || n, ', ' ORDER BY status)
	FROM (SELECT status, count(*) AS n FROM reg.household_status GROUP BY status) AS s};
is(on_coord('SELECT count(*) FROM povext.registry_check(\'reg\')') . on_coord($registry_status),
	"0\nnear_poor 10, middle 20, not_poor 22, NULL 8\n", 'the registry is consistent after a load and a member move');
on_coord(q{UPDATE povext.standard_line SET poor_line = 2600000, near_poor_line = 2600000
	WHERE standard = 'vn-2022' AND area = 'urban'});
is(on_coord('SELECT count(*) FROM povext.registry_check(\'reg\')') . on_coord($registry_status),
	"0\npoor 1, near_poor 13, middle 11, not_poor 22, NULL 13\n",
	'a line corrected for the cluster recomputes the registry\'s affected households in the same statement');
is(on_coord('SELECT povext.registry_recompute(\'reg\')'), "0\n",
	'registry_recompute then finds no household to change');

# Its households copied to a distributed table give the registry's answers.
on_coord(q{
	CREATE TABLE reg_households (id bigint PRIMARY KEY, ward text, members int, status povext.status);
	SELECT create_distributed_table('reg_households', 'id');
	INSERT INTO reg_households
	SELECT h.id, h.ward, h.members, s.status FROM reg.household AS h JOIN reg.household_status AS s ON s.household = h.id;
});
is(on_coord(q{SELECT string_agg(ward || ' ' || poor || ' ' || people, ', ' ORDER BY ward) FROM
	(SELECT ward, count(*) FILTER (WHERE status IN ('poor', 'near_poor')) AS poor, sum(members) AS people
	   FROM reg_households GROUP BY ward) AS w}),
	on_coord(q{SELECT string_agg(ward || ' ' || poor || ' ' || people, ', ' ORDER BY ward) FROM
	(SELECT h.ward, count(*) FILTER (WHERE s.status IN ('poor', 'near_poor')) AS poor, sum(h.members) AS people
	   FROM reg.household AS h JOIN reg.household_status AS s ON s.household = h.id GROUP BY h.ward) AS w}),
	'the distributed copy of the registry gives its per-ward counts');

# A registry distributed by povext.distribute_registry(): households by id,
# members and statuses with their household, the small tables reference
# tables; its triggers run on the shards.  Loaded like reg (the plain
# registry on the coordinator), it has reg's statuses.
on_coord(q{SELECT povext.distribute_registry('dreg')});
is(on_coord(q{SELECT string_agg(logicalrelid::text || ' ' || partmethod::text || ' ' ||
	                            coalesce(column_to_column_name(logicalrelid, partkey), '-'), ', ' ORDER BY logicalrelid::text)
	FROM pg_dist_partition WHERE logicalrelid::text LIKE 'dreg.%'}),
	"dreg.household h id, dreg.household_status h household, dreg.member h household, dreg.registry_setting n -, "
	. "dreg.registry_shard h shard, dreg.report_setting n -, dreg.status_history h household, dreg.target n -, "
	. "dreg.ward n -, dreg.ward_assignment n -\n", 'distribute_registry distributes the registry by household');
is(on_coord(q{SELECT count(DISTINCT colocationid) FROM pg_dist_partition
	WHERE logicalrelid::text LIKE 'dreg.%' AND partmethod = 'h'}), "1\n", 'its distributed tables are co-located');
load_registry('dreg');
my $statuses = q{SELECT string_agg(household || ' ' || standard || ' ' || deprivations::text || ' ' || undetermined::text
	|| ' ' || coalesce(status::text, 'NULL'), '; ' ORDER BY household, standard) FROM %s.household_status};
my $derived = q{SELECT string_agg(id || ' ' || members || ' ' || coalesce(per_capita_income_year::text, 'NULL'), '; ' ORDER BY id)
	FROM %s.household};
sub same_registry
{
	my ($label) = @_;
	is(on_coord(sprintf($statuses, 'dreg')) . on_coord(sprintf($derived, 'dreg')),
	   on_coord(sprintf($statuses, 'reg')) . on_coord(sprintf($derived, 'reg')),
	   "$label: the distributed registry has the plain registry's statuses and derived values");
	is(on_coord(q{SELECT count(*) FROM povext.registry_check('dreg')}), "0\n",
	   "$label: registry_check finds every shard consistent");
}
same_registry('after a load');

# A member moves: Citus refuses to change a row's distribution column; a
# DELETE and an INSERT in one statement (or one transaction) move it, and
# both households are recomputed on their shards.
($rc, $out, $err) = $coord->psql('postgres', q{UPDATE dreg.member SET household = 4 WHERE person_id = 'p3'});
like($err, qr/ERROR:  modifying the partition value of rows is not allowed/,
	'Citus refuses a member move by UPDATE of its household');
on_coord(q{
	WITH moved AS (DELETE FROM dreg.member WHERE household = 4 AND person_id = 'p3' RETURNING *)
	INSERT INTO dreg.member SELECT person_id, 7, name, birth_date, sex, relation_to_head, working_capacity, disability,
	       health_insurance, attending_school, school_level_ok, education_attained, employed, works_for_wages,
	       labour_contract, social_insurance, stunted_or_underweight, income FROM moved;
	BEGIN;
	DELETE FROM dreg.member WHERE household = 9 AND person_id = 'p8';
	INSERT INTO dreg.member (person_id, household, birth_date, sex, income) VALUES ('p8', 10, '1990-05-01', 'male', 1000000);
	COMMIT;
	UPDATE reg.member SET household = 7 WHERE person_id = 'p3';
	BEGIN;
	DELETE FROM reg.member WHERE household = 9 AND person_id = 'p8';
	INSERT INTO reg.member (person_id, household, birth_date, sex, income) VALUES ('p8', 10, '1990-05-01', 'male', 1000000);
	COMMIT});
is(on_coord(q{SELECT string_agg(household || ' ' || person_id, ', ' ORDER BY person_id) FROM dreg.member
	WHERE person_id IN ('p3', 'p8')}), "7 p3, 10 p8\n", 'the moved members are in their new households');
same_registry('after member moves');

# A standard line changed once on the coordinator: every node has it, and
# the statement recomputes the registry's households on every shard.
my $dreg_status = $registry_status =~ s/reg\./dreg./gr;
my $before = on_coord($dreg_status);
on_coord(q{UPDATE povext.standard_line SET poor_line = 2000000, near_poor_line = 2200000
	WHERE standard = 'vn-2022' AND area = 'rural'});
is($before . on_coord($dreg_status),
	"poor 1, near_poor 13, middle 10, not_poor 23, NULL 13\npoor 1, near_poor 14, middle 8, not_poor 23, NULL 14\n",
	'a standard change recomputes the shards');
same_registry('after a standard change');

# registry_check reports the households of every shard that differ, and
# registry_recompute rewrites them on their shards.
on_coord(q{UPDATE dreg.household_status SET status = 'poor' WHERE household IN (5, 6, 11, 12)});
is(on_coord(q{SELECT string_agg(household::text, ' ' ORDER BY household) FROM povext.registry_check('dreg')}),
	"5 6 11 12\n", 'registry_check reports the changed households of every shard');
is(on_coord(q{SELECT povext.registry_recompute('dreg', only_due => true)}), "4\n",
	'registry_recompute recomputes them on their shards');
same_registry('after registry_recompute');

# Run again (as after Citus splits shards), distribute_registry puts one
# registry_shard row in each shard.
on_coord(q{SELECT povext.distribute_registry('dreg')});
is(on_coord(q{SELECT count(*) || ' ' || count(DISTINCT get_shard_id_for_distribution_column('dreg.registry_shard', shard))
	FROM dreg.registry_shard}), "4 4\n", 'distribute_registry again keeps one registry_shard row in each of the 4 shards');

# Citus cannot check uniqueness across shards: household codes and person
# ids are unique within a household only.
on_coord(q{UPDATE dreg.household SET code = 'HH-1' WHERE id IN (1, 2);
	INSERT INTO dreg.member (person_id, household, birth_date, sex) VALUES ('p5', 1, '1980-01-01', 'male')});
is(on_coord(q{SELECT (SELECT count(*) FROM dreg.household WHERE code = 'HH-1') || ' ' ||
	(SELECT count(*) FROM dreg.member WHERE person_id = 'p5')}), "2 2\n",
	'a distributed registry takes a household code and a person id twice');
($rc, $out, $err) = $coord->psql('postgres', q{INSERT INTO dreg.member (person_id, household, birth_date) VALUES ('p5', 6, '1980-01-01')});
like($err, qr/duplicate key value violates unique constraint "member_pkey_\d+"/, 'but a person id once per household');
on_coord(q{DELETE FROM dreg.member WHERE person_id = 'p5' AND household = 1; UPDATE dreg.household SET code = NULL});
same_registry('after the duplicates are removed');

# What ward officers, analysts and BI tools run works on the distributed
# registry with the plain registry's results: Citus refused registry_review
# (a subquery correlated with unnest()), the report views that group by
# GROUPING SETS and report_household (a join with povext's catalog, a plain
# table on each node).  Reviews on two dates (the statuses computed as of
# each), then a regular review of listed households.
sub both { my ($sql) = @_; return map { on_coord(sprintf($sql, $_)) } ('dreg', 'reg'); }
my $review = q{SELECT string_agg(r::text, '; ' ORDER BY r.household, r.scope)
	FROM povext.registry_review('%s', '%s', '%s', '%s', '%s'%s) AS r};
for my $step (['2025-06-01', 'periodic', 'QD 1', ''], ['2025-12-15', 'periodic', 'QD 2', ''],
	['2026-01-10', 'regular', 'QD 3', ", ARRAY[22, 24]"])
{
	my ($date, $kind, $decision, $listed) = @$step;
	both(qq{UPDATE %s.registry_setting SET reference_date = '$date'});
	both(q{SELECT povext.registry_recompute('%s', only_due => true)});
	for my $ward ($listed ? ('w1') : ('w1', 'w2'))
	{
		my ($d, $p) = both(sprintf($review, '%s', $ward, $date, $kind, $decision, $listed));
		is($d, $p, "registry_review of ward $ward on $date: the distributed registry gives the plain registry's rows");
		like($p, qr/^\(\d+,/, "and the review has rows");
	}
}
my ($d, $p) = both(q{SELECT string_agg(household || ' ' || standard || ' ' || status || ' ' || deprivations::text || ' ' ||
	recognised_on || ' ' || review_kind || ' ' || decision_ref || ' ' || transition || ' ' || standard_changed,
	'; ' ORDER BY household, recognised_on, standard) FROM %s.status_history});
is($d, $p, 'the distributed registry has the plain registry\'s status history');
like($p, qr/2026-01-10 regular QD 3/, 'with the regular review of the households listed');
my @errors = map { ($coord->psql('postgres', sprintf($review, $_, 'w1', '2026-01-10', 'regular', 'QD 4', ', ARRAY[22, 3]')))[2] }
	('dreg', 'reg');
is($errors[0], $errors[1] =~ s/"reg"/"dreg"/r, 'registry_review of a household of another ward: the same error as on the plain registry');
like($errors[0], qr/ERROR:  household 3 is not in ward "w1" of registry "dreg"/, 'which names the household');
($d, $p) = both(q{SELECT string_agg(r::text, '; ' ORDER BY r::text) FROM povext.registry_review_candidates('%s') AS r});
is($d, $p, 'registry_review_candidates: the distributed registry gives the plain registry\'s rows');

# Every report view, its suppressed twin, report_household and mpi_state.
for my $view (qw(report_ward report_household report_indicator mpi_state report_mpi report_mpi_contribution
	report_transition report_target))
{
	for my $suffix ('', '_suppressed')
	{
		next if $suffix && $view =~ /^(report_household|mpi_state)$/;
		my ($dv, $pv) = both("SELECT count(*) || ' ' || coalesce(string_agg(r::text, '; ' ORDER BY r::text), '') FROM %s.$view$suffix AS r");
		is($dv, $pv, "$view$suffix: the distributed registry gives the plain registry's rows");
		unlike($pv, qr/^0 /, "$view$suffix has rows");
	}
}

# setup_roles: Citus refuses the subqueries of the ward officer's policies
# on distributed tables; a ward officer is refused before any statement
# runs, the other roles are set up.
($rc, $out, $err) = $coord->psql('postgres', q{\set VERBOSITY verbose
	SELECT povext.setup_roles('dreg', 'cm', 'wo', 'an', 'bi')});
like($err, qr/ERROR:  0A000: povext.setup_roles\(\) cannot set up ward officer "wo" on distributed registry "dreg"\nDETAIL:  The ward officer's row-level security policies need subqueries, which Citus does not support in the policies of a distributed table\.\nHINT:  Call it without ward_officer: the catalog maintainer, analyst and BI reader roles work on a distributed registry\./,
	'setup_roles with a ward officer on a distributed registry is refused');
is(on_coord(q{SELECT count(*) FROM pg_roles WHERE rolname IN ('cm', 'wo', 'an', 'bi')}), "0\n", 'and creates no role');
on_coord(q{SELECT povext.setup_roles('dreg', 'cm', NULL, 'an', 'bi'); SELECT povext.setup_roles('reg', NULL, NULL, 'an', 'bi')});
for my $role ('an', 'bi')
{
	($d, $p) = both(qq{SET ROLE $role; SELECT string_agg(r::text, '; ' ORDER BY r::text) FROM %s.report_mpi_contribution_suppressed AS r});
	is($d, $p, "setup_roles without a ward officer: $role reads the distributed registry's suppressed views");
}
# A registry whose ward officer was set up before is refused by
# distribute_registry before Citus fails in the middle of the distribution.
on_coord(q{SELECT povext.create_registry('wreg'); SELECT povext.setup_roles('wreg', NULL, 'wo')});
($rc, $out, $err) = $coord->psql('postgres', q{\set VERBOSITY verbose
	SELECT povext.distribute_registry('wreg')});
like($err, qr/ERROR:  0A000: cannot distribute registry "wreg": a row-level security policy of its tables has a subquery\nDETAIL:  Citus does not support subqueries in the policies of a distributed table; povext.setup_roles makes such policies for a ward officer\.\nHINT:  Drop the policies with DROP POLICY, distribute the registry, then call povext.setup_roles without ward_officer\./,
	'distribute_registry of a registry with ward officer policies is refused');
is(on_coord(q{SELECT count(*) FROM pg_dist_partition WHERE logicalrelid::text LIKE 'wreg.%'}), "0\n",
	'and distributes nothing');

# Refused: on a worker, a registry with households, an unknown schema.
($rc, $out, $err) = $workers[0]->psql('postgres', q{SELECT povext.distribute_registry('reg')});
like($err, qr/ERROR:  povext.distribute_registry\(\) must run on the coordinator/, 'distribute_registry on a worker is refused');
($rc, $out, $err) = $coord->psql('postgres', q{SELECT povext.distribute_registry('reg')});
like($err, qr/ERROR:  cannot distribute registry "reg": it has households\nHINT:  Distribute a new registry, then copy/,
	'distribute_registry of a registry with households is refused');
($rc, $out, $err) = $coord->psql('postgres', q{\set VERBOSITY verbose
	SELECT povext.distribute_registry('nowhere')});
like($err, qr/ERROR:  42P01: schema "nowhere" has no povext registry/, 'distribute_registry of a schema without registry is refused');

# The shard functions take a shard of the registry on the node they run on.
($rc, $out, $err) = $coord->psql('postgres', q{SELECT * FROM povext.registry_shard_check('dreg', 'dreg.household',
	(SELECT string_agg(fingerprint, ' ' ORDER BY catalog_table COLLATE "C") FROM povext.catalog_fingerprint()))});
like($err, qr/ERROR:  relation "household" is not a shard of registry "dreg" on this node/,
	'registry_shard_check refuses a table that is not a shard of the registry');

# A registry whose tables Citus distributes otherwise is refused, with the way that works.
on_coord(q{SELECT povext.create_registry('reg_dist');
	SELECT create_distributed_table('reg_dist.registry_setting', 'singleton')});
($rc, $out, $err) = $coord->psql('postgres', q{SELECT * FROM povext.registry_check('reg_dist')});
like($err, qr/ERROR:  registry "reg_dist" cannot be maintained on Citus shards\nDETAIL:  Table reg_dist.registry_setting is a Citus table.*\nHINT:  Make its tables plain tables again \(undistribute_table\) and distribute the registry with povext.distribute_registry\(\)\./,
	'a registry with a table distributed by hand is refused with a hint');

# A change made on a worker is refused.
($rc, $out, $err) = $workers[0]->psql('postgres', q{UPDATE povext.standard_line SET poor_line = 1
	WHERE standard = 'vn-2016' AND area = 'rural'});
like($err, qr/ERROR:  cannot change povext\.standard_line on a Citus worker/, 'a catalog change on a worker is refused');

# A node that cannot take a change makes it fail everywhere.
$workers[1]->stop;
($rc, $out, $err) = $coord->psql('postgres', q{UPDATE povext.standard_line SET poor_line = 1100000
	WHERE standard = 'vn-2016' AND area = 'urban'});
isnt($rc, 0, 'with a worker down a catalog change fails');
$workers[1]->start;
is(join('', map { psql($_, $flags) } @nodes), "1000000 true true\n" x 3, 'and is on no node');

# A change forced on a worker (bypassing the triggers) is named by the check.
psql($workers[0], q{SET session_replication_role = replica;
	UPDATE povext.standard_line SET poor_line = 1 WHERE standard = 'vn-2016' AND area = 'rural'});
my $w1 = $workers[0]->host . ' ' . $workers[0]->port;
is(on_coord(q{SELECT node_name || ' ' || node_port || ' ' || catalog_table || ': ' || difference
	FROM povext.citus_catalog_check()}), "$w1 povext.standard_line: different rows\n",
	'citus_catalog_check names the worker and the table that differ');

# A shard is never computed with a catalog other than the coordinator's.
($rc, $out, $err) = $coord->psql('postgres', q{SELECT povext.registry_recompute('dreg')});
like($err, qr/ERROR:  povext catalog of this node differs from the coordinator's/,
	'a distributed registry is not recomputed on a node whose catalog differs');

# States computed under different catalogs are never combined: the
# coordinator refuses to merge a worker's partial AF state built with other
# weights.
psql($workers[0], q{SET session_replication_role = replica;
	UPDATE povext.standard_indicator SET weight_numerator = CASE indicator WHEN 'clean_cooking' THEN 1 ELSE 3 END
	WHERE standard = 'own'});
($rc, $out, $err) = $coord->psql('postgres', q{SELECT povext.af_state_agg(d, 'own') FROM hh});
like($err, qr/cannot merge deprivation-index states of poverty standard "own" built with different indicators or weights/,
	'merging AF states of two catalogs is an error');

$open->quit;
$_->stop for @nodes;
done_testing();
