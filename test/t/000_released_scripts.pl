# Released install and update scripts are never edited: each matches the
# checksum recorded when it was released (test/released.sha256), and every
# script in sql/ is listed in the Makefile.
use strict;
use warnings;
use Test::More;
use FindBin;

my $top = "$FindBin::Bin/../..";
open(my $list, '<', "$top/test/released.sha256") or die "test/released.sha256: $!";
while (my $line = <$list>)
{
	my ($sum, $file) = split ' ', $line;
	my ($actual) = split ' ', `sha256sum $top/$file`;
	is($actual, $sum, "$file is as released");
}
my $makefile = `cat $top/Makefile`;
for my $script (glob "$top/sql/*.sql")
{
	my $name = $script =~ s{.*/}{sql/}r;
	like($makefile, qr/\Q$name\E/, "$name is listed in the Makefile");
}
done_testing();
