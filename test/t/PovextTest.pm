# Helpers of povext's TAP tests.  Each test starts its own cluster with
# PostgreSQL::Test::Cluster (make prove_installcheck; not as root), with
# povext installed in the server that pg_config names.
package PovextTest;
use strict;
use warnings;
use Exporter 'import';
use PostgreSQL::Test::Cluster;

our @EXPORT = qw(start_node);

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

1;
