# District totals of AF, FGT and Gini on a 3-node Citus cluster (coordinator
# and two workers on this machine) against one node, and the bytes of the
# partial states the workers send: not part of the test run.  Usage, as a
# user who may run PostgreSQL, with Citus installed (tools/test.sh builds it):
#   make prove_installcheck PROVE_TESTS=bench/citus.pl PROVE_FLAGS="-v -I test/t"
# (2,000,000 households by default; about a minute here).
use strict;
use warnings;
use Test::More;
use PovextTest;
use Time::HiRes qw(time);

my $households = $ARGV[0] // 2000000;
my $settings = "shared_buffers = 512MB\nmax_parallel_workers_per_gather = 0\njit = off\n";
my $coord = start_citus_node('coordinator', $settings);
my @workers = (start_citus_node('worker1', $settings), start_citus_node('worker2', $settings));
sub q1 { return $coord->safe_psql('postgres', $_[0]); }
$_->safe_psql('postgres', 'CREATE EXTENSION citus') for ($coord, @workers);
q1(sprintf("SELECT citus_add_node('%s', %d)", $_->host, $_->port)) for @workers;
q1('CREATE EXTENSION povext CASCADE');
q1('SELECT povext.citus_setup()');
q1(qq{
	CREATE TABLE hh_local (id int PRIMARY KEY, ward int, income float8, members float8, d povext.deprivations);
	INSERT INTO hh_local
	SELECT i, i % 16, 400000 + (i::bigint * 7919) % 4000000 + (i::bigint * 104729) % 997, 1 + i % 6,
	       (SELECT coalesce(array_agg(code ORDER BY bit), '{}')::povext.deprivations FROM povext.indicator
	         WHERE bit < 12 AND ((i * 2654435761) >> bit) & 7 = 0)
	  FROM generate_series(1, $households) AS i;
	CREATE TABLE hh (LIKE hh_local INCLUDING ALL);
	SELECT create_distributed_table('hh', 'id');
	INSERT INTO hh SELECT * FROM hh_local;
	VACUUM ANALYZE hh_local; VACUUM ANALYZE hh;
});
my %query = (
	'AF M0 (vn-2016, k = 1/3)' => "SELECT povext.af_m0(d, 'vn-2016', 1.0/3) FROM %s",
	'FGT P0 and P1 (line 1,500,000)' => "SELECT povext.fgt_p0(income, 1500000), povext.fgt_p1(income, 1500000) FROM %s",
	'Gini (income, members)' => "SELECT povext.gini(income, members) FROM %s",
);
for my $name (sort keys %query)
{
	my %ms;
	my %answer;
	for my $table ('hh_local', 'hh')
	{
		my @times;
		for (1 .. 5)
		{
			my $t = time;
			$answer{$table} = q1(sprintf($query{$name}, $table));
			push @times, 1000 * (time - $t);
		}
		@times = sort { $a <=> $b } @times;
		$ms{$table} = $times[2];
	}
	is($answer{hh}, $answer{hh_local}, "$name: the same answer");
	diag(sprintf("%s, %d households: 3 nodes %.0f ms, one node %.0f ms (median of 5)", $name, $households, $ms{hh}, $ms{hh_local}));
}
my $bytes = q1(q{
	SELECT string_agg(kind || ' ' || b, ', ') FROM (
	  SELECT 'af' AS kind, sum(result::bigint) AS b FROM run_command_on_shards('hh',
	    $$SELECT length(povext.af_state_agg(d, 'vn-2016')::text) FROM %s$$)
	  UNION ALL
	  SELECT 'fgt', sum(result::bigint) FROM run_command_on_shards('hh',
	    $$SELECT length(povext.fgt_state_agg(income, 1500000)::text) FROM %s$$)
	  UNION ALL
	  SELECT 'sample', sum(result::bigint) FROM run_command_on_shards('hh',
	    $$SELECT length(povext.sample_state_agg(income, members)::text) FROM %s$$)) AS s});
diag("bytes of the partial states, 4 shards: $bytes");
done_testing();
