# Helpers of povext's TAP tests: they talk to the throwaway cluster that
# tools/test.sh started (PGHOST, PGPORT and PGUSER are in the environment).
package PovextTest;
use strict;
use warnings;
use Exporter 'import';
use Test::More;

our @EXPORT = qw(psql run_ok fresh_database);

# Runs SQL in a database and returns its unaligned output; dies on error.
sub psql
{
	my ($db, $sql) = @_;
	my $out = `psql -X -q -A -t -v ON_ERROR_STOP=1 -d $db -c "$sql" 2>&1`;
	die "psql failed on $db: $sql\n$out" if $?;
	return $out;
}

# Runs a shell command and reports whether it succeeded, with its output on failure.
sub run_ok
{
	my ($command, $name) = @_;
	my $out = `$command 2>&1`;
	ok($? == 0, $name) or diag($out);
}

# Drops and creates a database.
sub fresh_database
{
	my ($db) = @_;
	psql('postgres', "DROP DATABASE IF EXISTS $db");
	psql('postgres', "CREATE DATABASE $db");
}

1;
