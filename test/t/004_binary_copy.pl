# Binary COPY of deprivation sets between two databases whose custom
# indicators got different bits: the sets keep their indicators (the binary
# form carries codes), a code the target lacks is an error naming it, and the
# raw mask that povext 0.2.0 sent is read only where its bits cannot mislead.
use strict;
use warnings;
use Test::More;
use PovextTest;
use PostgreSQL::Test::Utils;

my $node = start_node('binary_copy');
my $dir = PostgreSQL::Test::Utils::tempdir;
sub psql { my ($db, $sql) = @_; return $node->safe_psql($db, $sql) . "\n"; }

# Adds custom indicators in the order given, so that they get bits in that order.
sub add_indicators
{
	my ($db, @codes) = @_;
	psql($db, join '', map { qq{
		INSERT INTO povext.indicator (code, dimension, description_vi, description_en)
		VALUES ('$_', 'living_standards', '$_', '$_');} } @codes);
}

# Codes of each set in alphabetical order: the text form lists them in the
# order of the database's bits.
my $sets = q{SELECT string_agg(id || ' ' || array(SELECT unnest(d::text[]) ORDER BY 1)::text, E'\n' ORDER BY id)
	FROM public.household};
my $bits = "SELECT string_agg(code || ' ' || bit, ', ' ORDER BY code) FROM povext.indicator WHERE NOT shipped";

$node->safe_psql('postgres', "CREATE DATABASE $_") for qw(povext_bits_a povext_bits_b povext_bits_c);
for my $db (qw(povext_bits_a povext_bits_b povext_bits_c))
{
	psql($db, "CREATE EXTENSION povext CASCADE");
	psql($db, "ALTER DATABASE $db SET search_path = public, povext");
	psql($db, "CREATE TABLE public.household (id int PRIMARY KEY, d povext.deprivations)");
}
add_indicators('povext_bits_a', 'clean_cooking', 'internet');
add_indicators('povext_bits_b', 'internet', 'clean_cooking');
add_indicators('povext_bits_c', 'clean_cooking');
is(psql('povext_bits_a', $bits), "clean_cooking 21, internet 22\n", 'database a: clean_cooking got bit 21');
is(psql('povext_bits_b', $bits), "clean_cooking 22, internet 21\n", 'database b: internet got bit 21');

psql('povext_bits_a', q{
	INSERT INTO public.household VALUES
		(1, '{clean_cooking}'), (2, '{internet,water}'), (3, '{assets,internet,clean_cooking}'), (4, '{}');
});
my $source = psql('povext_bits_a', $sets);
is($source, "1 {clean_cooking}\n2 {internet,water}\n3 {assets,clean_cooking,internet}\n4 {}\n", 'source sets');

# a -> b through psql's \copy (the file is the client's)
psql('povext_bits_a', "\\copy public.household TO '$dir/a.bin' WITH (FORMAT binary)");
psql('povext_bits_b', "\\copy public.household FROM '$dir/a.bin' WITH (FORMAT binary)");
is(psql('povext_bits_b', $sets), $source, '\copy in binary: every set keeps its indicators in database b');
is(psql('povext_bits_b', "SELECT count(*) FROM public.household WHERE d @> '{internet}'"), "2\n",
	'database b finds the copied sets by its own bit of internet');

# b -> a again through server-side COPY with a file
psql('povext_bits_b', "COPY public.household TO '$dir/b.bin' WITH (FORMAT binary)");
psql('povext_bits_a', "CREATE TABLE public.household_back (LIKE public.household)");
psql('povext_bits_a', "COPY public.household_back FROM '$dir/b.bin' WITH (FORMAT binary)");
is(psql('povext_bits_a', "SELECT count(*) FROM public.household JOIN public.household_back USING (id, d)"), "4\n",
	'COPY in binary back to database a: the same sets');

# a -> c, which lacks internet: an error that names it, nothing loaded
my ($rc, $out, $err) = $node->psql('povext_bits_c',
	"\\set VERBOSITY verbose\n\\copy public.household FROM '$dir/a.bin' WITH (FORMAT binary)");
isnt($rc, 0, 'a set with an indicator the target lacks is not loaded');
like($err, qr/ERROR:  22P03: deprivation set contains indicator "internet", which povext.indicator does not define/,
	'the error names the code, SQLSTATE 22P03');
like($err, qr/HINT:  Add the indicator to povext.indicator of this database, then load the data again\./, 'and hints how to fix it');
is(psql('povext_bits_c', "SELECT count(*) FROM public.household"), "0\n", 'nothing loaded in database c');

# The raw mask of povext 0.2.0 (8 bytes): the bits of the indicators shipped
# then (0 to 20) are the same everywhere and are read; bit 21 is clean_cooking
# in database a but internet in database b, so it is refused, never misread.
psql('povext_bits_a', "CREATE TABLE public.raw_mask (id int, d bigint)");
psql('povext_bits_a', "INSERT INTO public.raw_mask VALUES (1, (1::bigint << 8) | 1), (2, 1::bigint << 21)");
psql('povext_bits_a', "\\copy (SELECT * FROM public.raw_mask WHERE id = 1) TO '$dir/raw_shipped.bin' WITH (FORMAT binary)");
psql('povext_bits_a', "\\copy public.raw_mask TO '$dir/raw.bin' WITH (FORMAT binary)");
psql('povext_bits_b', "TRUNCATE public.household");
psql('povext_bits_b', "\\copy public.household FROM '$dir/raw_shipped.bin' WITH (FORMAT binary)");
is(psql('povext_bits_b', $sets), "1 {employment,water}\n", 'a 0.2.0 raw mask of shipped indicators is read');
psql('povext_bits_b', "TRUNCATE public.household");
($rc, $out, $err) = $node->psql('povext_bits_b',
	"\\set VERBOSITY verbose\n\\copy public.household FROM '$dir/raw.bin' WITH (FORMAT binary)");
like($err, qr/ERROR:  22P03: deprivation set in the binary form of povext 0\.2\.0 contains custom indicator bit 21/,
	'a 0.2.0 raw mask with a custom indicator bit is refused');
like($err, qr/HINT:  Copy the data in text or CSV format/, 'with a hint to copy in text');
is(psql('povext_bits_b', "SELECT count(*) FROM public.household"), "0\n", 'nothing loaded');

done_testing();
