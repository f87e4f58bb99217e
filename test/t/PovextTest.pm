# Helpers of povext's TAP tests.  Each test starts its own cluster with
# PostgreSQL::Test::Cluster (make prove_installcheck; not as root), with
# povext installed in the server that pg_config names.
package PovextTest;
use strict;
use warnings;
use Exporter 'import';
use PostgreSQL::Test::Cluster;
use FindBin;

our @EXPORT = qw(start_node start_citus_node povext_version);

# The version CREATE EXTENSION povext installs (povext.control's default_version).
sub povext_version
{
	my ($version) = `cat $FindBin::Bin/../../povext.control` =~ /^default_version = '(.*)'/m;
	return $version;
}

# Starts a new cluster for a test and returns it.
sub start_node
{
	my ($name) = @_;
	my $node = PostgreSQL::Test::Cluster->new($name);
	$node->init;
	$node->append_conf('postgresql.conf', "client_min_messages = warning\nlc_messages = 'C'\n");
	$node->start;
	return $node;
}

# Starts a node of a Citus cluster on this machine (Citus preloaded, 4
# shards per table, nodes reaching each other through their sockets), with
# more settings from 'extra'; returns it.
sub start_citus_node
{
	my ($name, $extra) = @_;
	my $node = PostgreSQL::Test::Cluster->new($name);
	$node->init;
	my $host = $node->host;
	$node->append_conf('postgresql.conf', qq{
client_min_messages = warning
lc_messages = 'C'
shared_preload_libraries = 'citus'
max_prepared_transactions = 20
citus.node_conninfo = 'sslmode=disable'
citus.local_hostname = '$host'
citus.shard_count = 4
} . ($extra // ''));
	$node->start;
	return $node;
}

1;
