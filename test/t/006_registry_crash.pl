# Crash recovery of a household registry: the server is killed (kill -9 of a
# backend, which makes the postmaster reset every process, and kill -9 of the
# postmaster) while the registry's triggers are half-way through a large
# load and while registry_recompute is half-way through a registry.  After
# recovery the registry is consistent (registry_check returns nothing and a
# full recomputation writes nothing), committed loads are there with their
# derived values and uncommitted ones have left no trace.
#
# Deterministic: another session holds household 1500 FOR NO KEY UPDATE (for
# registry_recompute, which locks the household table, the status rows of
# household 1001), so a recomputation (batches of 1,000 households, in id
# order) writes its first batch and then waits in the second; the test kills
# the server once pg_stat_activity shows it waiting there.  These locks do
# not block the foreign-key checks of member inserts (FOR KEY SHARE).
use strict;
use warnings;
use Test::More;
use PovextTest;
use PostgreSQL::Test::Utils;
use Time::HiRes qw(usleep);

my $node = start_node('registry_crash');
# PostgreSQL::Test::Cluster turns it off; a backend's crash must reset the server.
$node->append_conf('postgresql.conf', 'restart_after_crash = on');
$node->reload;
sub psql { my ($sql) = @_; return $node->safe_psql('postgres', $sql) . "\n"; }

# $households inserts households numbered from one number to another, with
# varied answers; members() inserts the members numbered $from to $to of
# each household from $first to $last (through the triggers, in one
# statement).
psql(q{
	CREATE EXTENSION povext CASCADE;
	SELECT povext.create_registry('reg', ARRAY['national', 'hcmc']);
	UPDATE reg.registry_setting SET reference_date = '2026-06-01';
	INSERT INTO reg.ward VALUES ('w1', 'Phường 1', 'Quận 11', 5000), ('w2', 'Phường 2', 'Quận 11', 5000);
});
my $households = q{
	INSERT INTO reg.household (id, code, ward, area, housing_durable, floor_area, clean_water, hygienic_latrine,
	                           uses_telecom, has_information_device, household_income)
	SELECT i, 'h' || i, CASE WHEN i % 2 = 0 THEN 'w1' ELSE 'w2' END,
	       (CASE WHEN i % 3 = 0 THEN 'rural' ELSE 'urban' END)::povext.area,
	       i % 5 <> 0, 10 + i % 40, i % 7 <> 0, i % 11 <> 0, true, i % 13 <> 0,
	       CASE WHEN i % 4 = 0 THEN NULL ELSE 20000000 + (i % 17) * 4000000 END
	  FROM generate_series(%d, %d) AS i
};
sub members
{
	my ($first, $last, $from, $to) = @_;
	return sprintf(q{
	INSERT INTO reg.member (person_id, household, birth_date, sex, working_capacity, disability, health_insurance,
	                        attending_school, school_level_ok, employed, works_for_wages, labour_contract,
	                        social_insurance, stunted_or_underweight, income)
	SELECT 'p' || h || '-' || k, h, date '1940-01-01' + (h * 37 + k * 3001) %% 30000,
	       CASE WHEN (h + k) %% 2 = 0 THEN 'male' ELSE 'female' END,
	       (h + k) %% 6 <> 0, (h + k) %% 9 = 0, (h * k) %% 5 <> 0, (h + k) %% 3 = 0, (h + k) %% 4 <> 0,
	       (h + k) %% 3 <> 0, (h + k) %% 2 = 0, (h + k) %% 5 <> 0, (h + k) %% 7 <> 0, (h + k) %% 19 = 0,
	       ((h * 7 + k) %% 23) * 1500000
	  FROM generate_series(%d, %d) AS h, generate_series(%d, %d) AS k}, $first, $last, $from, $to);
}
psql(sprintf($households, 1, 3000));
psql(members(1, 3000, 1, 3));

# Everything the registry holds, summarised: rows per table and a digest of
# their text.
my $snapshot = q{
	SELECT concat_ws(' ',
		(SELECT count(*) || ' households ' || md5(string_agg(h::text, ';' ORDER BY h.id)) FROM reg.household AS h),
		(SELECT count(*) || ' members ' || md5(string_agg(m::text, ';' ORDER BY m.person_id)) FROM reg.member AS m),
		(SELECT count(*) || ' statuses ' || md5(string_agg(s::text, ';' ORDER BY s.household, s.standard))
		   FROM reg.household_status AS s))
};

# The registry is consistent and its derived values are those of a full
# recomputation (which therefore writes nothing); its contents are $expected.
sub consistent
{
	my ($label, $expected) = @_;
	is(psql('SELECT count(*) FROM povext.registry_check(\'reg\')'), "0\n", "$label: registry_check is empty");
	is(psql($snapshot), $expected, "$label: the registry holds exactly the committed data");
	is(psql('SELECT povext.registry_recompute(\'reg\')'), "0\n",
		"$label: a full recomputation finds nothing to write");
	is(psql($snapshot), $expected, "$label: and changes nothing");
}

my $loaded = psql($snapshot);
like($loaded, qr/^3000 households \S+ 9000 members \S+ 6000 statuses /, 'the first load is committed');
is(psql(q{SELECT string_agg(status || ' ' || n, ', ' ORDER BY status) FROM
	(SELECT coalesce(status::text, 'undecided') AS status, count(*) AS n FROM reg.household_status GROUP BY 1) AS s}),
	"middle 757, near_poor 1437, not_poor 77, poor 3729\n", 'its households have every status');
consistent('before any crash', $loaded);

# Some status rows of the first batch written, none of a later one: the
# registry writes only the rows whose values changed.
my $first_batch = qr/^[1-9]\d* \d+-(?:\d{1,3}|1000)$/;

# Starts $sql in a background session while another session holds what
# $hold locks in the second batch (by default household 1500); returns both
# sessions once it waits for that lock, having written the households of the
# first batch of 1,000 that differed ($written matches how many, and the
# first and last of them).
sub start_blocked
{
	my ($sql, $written, $hold) = @_;
	$hold //= 'SELECT id FROM reg.household WHERE id = 1500 FOR NO KEY UPDATE';
	my $holder = $node->background_psql('postgres');
	$holder->query_safe("BEGIN; $hold");
	my $holder_pid = $holder->query_safe('SELECT pg_backend_pid()');
	my $work = $node->background_psql('postgres');
	my $pid = $work->query_safe('SELECT pg_backend_pid()');
	$work->query_until(qr/^sent$/m, "\\echo sent\n$sql;\n");
	$node->poll_query_until('postgres', "SELECT pg_blocking_pids($pid) = ARRAY[$holder_pid]")
	  or die "the statement did not come to wait for household 1500";
	# The status rows of the first batch that the statement's transaction
	# rewrote (and has not committed).
	like(psql("SELECT count(DISTINCT household) || ' ' || min(household) || '-' || max(household)
	             FROM reg.household_status
	            WHERE xmax::text = (SELECT backend_xid::text FROM pg_stat_activity WHERE pid = $pid)"),
		$written, 'the statement has rewritten the first batch and waits in the second');
	return ($holder, $work, $pid);
}

# Ends the psql sessions of a server that was killed (their connections are
# gone).
sub end_sessions
{
	for my $session (@_)
	{
		eval { $session->quit; };
	}
}

# 1. kill -9 of the backend of a large load (one member more in each of
# households 1 to 3000) while its trigger is in its second batch.  The
# postmaster resets every process: a transaction that inserted households
# and members, complete but not committed, goes too, and a load committed
# just before survives.
psql(sprintf($households, 3001, 3200) . '; ' . members(3001, 3200, 1, 2));
my $committed = psql($snapshot);
like($committed, qr/^3200 households \S+ 9400 members /, 'a second load is committed');
my $open = $node->background_psql('postgres');
$open->query_safe('BEGIN; ' . sprintf($households, 5001, 5100) . '; ' . members(5001, 5100, 1, 3));
my ($holder, $load, $pid) = start_blocked(members(1, 3000, 4, 4), $first_batch);
is(psql("SELECT state || ' ' || (query ~ '^\\s*INSERT INTO reg\\.member') FROM pg_stat_activity WHERE pid = $pid"),
	"active true\n", 'the load runs');
my $log_offset = -s $node->logfile;
kill 'KILL', $pid;
$node->wait_for_log(qr/all server processes terminated; reinitializing/, $log_offset);
$node->poll_query_until('postgres', 'SELECT true') or die 'the server did not come back';
end_sessions($open, $holder, $load);
like(slurp_file($node->logfile, $log_offset), qr/not properly shut down; automatic recovery in progress/,
	'the server recovered after the backend was killed');
is(psql('SELECT count(*) FROM reg.household WHERE id > 5000'), "0\n", 'the uncommitted load is gone');
consistent('after kill -9 of a loading backend', $committed);

# 2. kill -9 of the postmaster while registry_recompute rewrites every
# household (as of another date, so that each differs) and another
# transaction is open (a new ward: a load of households would hold the lock
# on the household table that registry_recompute waits for).
psql(sprintf($households, 3201, 3300) . '; ' . members(3201, 3300, 1, 3));
$committed = psql($snapshot);
like($committed, qr/^3300 households \S+ 9700 members /, 'a third load is committed');
$open = $node->background_psql('postgres');
$open->query_safe(q{BEGIN; INSERT INTO reg.ward VALUES ('w-open', 'Open ward', 'District', 1)});
my $recompute;
($holder, $recompute, $pid) =
  start_blocked(q{SELECT povext.registry_recompute('reg', as_of => '2031-01-01')}, qr/^1000 1-1000$/,
	# registry_recompute locks the household table first: hold the status
	# rows of the first household of the second batch, its first write
	'SELECT household FROM reg.household_status WHERE household = 1001 FOR NO KEY UPDATE');
# The postmaster's children notice its death and exit; until they (and it)
# are gone the data directory is in use, and the server would not start.
# Every server process is killed, the recompute's first, stopped before: a
# child that outlived the postmaster for a moment (the lock holder, exiting)
# would release its lock, and the recompute could go on and commit.
my @server_pids = (PostgreSQL::Test::Utils::slurp_file($node->data_dir . '/postmaster.pid') =~ /^(\d+)/,
	split /\n/, psql('SELECT pid FROM pg_stat_activity'));
$log_offset = -s $node->logfile;
kill 'STOP', $pid;
$node->kill9;
kill 'KILL', $pid, @server_pids[1 .. $#server_pids];
end_sessions($open, $holder, $recompute);
for (my $waited = 0; grep { kill 0, $_ } @server_pids; $waited++)
{
	die 'the processes of the killed server did not exit' if $waited > 10 * $PostgreSQL::Test::Utils::timeout_default;
	usleep(100_000);
}
$node->start;
like(slurp_file($node->logfile, $log_offset), qr/not properly shut down; automatic recovery in progress/,
	'the server recovered after the postmaster was killed');
is(psql(q{SELECT count(*) FROM reg.ward WHERE code = 'w-open'}), "0\n", 'the uncommitted ward is gone');
consistent('after kill -9 of the postmaster during registry_recompute', $committed);

# 3. An immediate shutdown (no checkpoint) while members move between
# households after a cut-off changed: the move is gone, and registry_check
# still lists exactly the households the change made due (the registry
# defers catalog changes here, so that they are due).
psql(q{UPDATE reg.registry_setting SET recompute_on_catalog_change = false});
psql(q{UPDATE povext.indicator_cutoff SET value = 12
        WHERE standard = 'hcm-2024' AND indicator = 'housing_area' AND parameter = 'min_m2_per_person'});
my $due_query = q{SELECT count(*) || ' ' || md5(string_agg(household::text, ',' ORDER BY household))
                    FROM povext.registry_check('reg')};
my $due = psql($due_query);
like($due, qr/^[1-9]\d* /, 'a cut-off change makes households due');
($holder, $load, $pid) = start_blocked(
	q{UPDATE reg.member SET household = household % 3000 + 1 WHERE person_id LIKE '%-1'},
	$first_batch);
$node->stop('immediate');
end_sessions($holder, $load);
$node->start;
is(psql($snapshot), $committed, 'after an immediate shutdown the registry holds exactly the committed data');
is(psql($due_query), $due, 'the same households are due');
is(psql(q{SELECT povext.registry_recompute('reg', only_due => true)}), ($due =~ s/ .*//sr) . "\n",
	'recomputing only them writes them');
is(psql(q{SELECT count(*) FROM povext.registry_check('reg')}), "0\n", 'and makes the registry consistent');

done_testing();
