/*
 * deprivations.c
 *	  The povext.deprivations type: a set of indicator codes stored as a
 *	  64-bit mask, one bit per row of povext.indicator.
 *
 * Text form: '{code,code,...}' in bit order, '{}' for the empty set.  Input
 * accepts the codes in any order with blanks around them, and rejects unknown
 * or repeated codes.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "port/pg_bitutils.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "catalog_cache.h"
#include "deprivations.h"

PG_FUNCTION_INFO_V1(deprivations_in);
PG_FUNCTION_INFO_V1(deprivations_out);
PG_FUNCTION_INFO_V1(deprivations_recv);
PG_FUNCTION_INFO_V1(deprivations_send);
PG_FUNCTION_INFO_V1(deprivation_count);
PG_FUNCTION_INFO_V1(deprivations_union);
PG_FUNCTION_INFO_V1(deprivations_intersect);
PG_FUNCTION_INFO_V1(deprivations_minus);
PG_FUNCTION_INFO_V1(deprivations_contains);
PG_FUNCTION_INFO_V1(deprivations_contained);
PG_FUNCTION_INFO_V1(deprivations_overlap);
PG_FUNCTION_INFO_V1(deprivations_eq);
PG_FUNCTION_INFO_V1(deprivations_ne);
PG_FUNCTION_INFO_V1(deprivations_lt);
PG_FUNCTION_INFO_V1(deprivations_le);
PG_FUNCTION_INFO_V1(deprivations_gt);
PG_FUNCTION_INFO_V1(deprivations_ge);
PG_FUNCTION_INFO_V1(deprivations_cmp);
PG_FUNCTION_INFO_V1(deprivations_hash);
PG_FUNCTION_INFO_V1(deprivations_hash_extended);
PG_FUNCTION_INFO_V1(deprivations_from_codes);
PG_FUNCTION_INFO_V1(deprivations_to_codes);

/* Reports a malformed deprivations literal. */
static void
ReportSyntaxError(const char *literal, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type deprivations: \"%s\"", literal),
			 errdetail("%s", detail)));
}

/* Adds the indicator named by 'code' (of 'length' bytes) to 'set', rejecting unknown and repeated codes. */
static uint64
AddIndicator(const PovextCatalog *catalog, uint64 set, const char *code, int length)
{
	int			bit = IndicatorBitByCode(catalog, code, length);

	if (bit < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("unknown deprivation indicator \"%.*s\"", length, code),
				 errhint("Valid codes are those of povext.indicator; a DBA can add custom ones there.")));
	if (set & (UINT64CONST(1) << bit))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("deprivation indicator \"%.*s\" appears more than once", length, code)));
	return set | (UINT64CONST(1) << bit);
}

/* Code of the indicator at 'bit' of a stored set; an error if it was deleted. */
static const char *
CodeOfBit(const PovextCatalog *catalog, int bit)
{
	if (!catalog->indicator_code[bit])
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("deprivation set contains indicator bit %d, which povext.indicator no longer defines", bit),
				 errhint("Insert the indicator again with bit = %d.", bit)));
	return catalog->indicator_code[bit];
}

/* True for the characters an indicator code is made of. */
static bool
IsCodeChar(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

/* Skips blanks. */
static const char *
SkipSpaces(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

/* Text input: '{code,...}'. */
Datum
deprivations_in(PG_FUNCTION_ARGS)
{
	const char *literal = PG_GETARG_CSTRING(0);
	const PovextCatalog *catalog = PovextGetCatalog();
	const char *p = SkipSpaces(literal);
	uint64		set = 0;

	if (*p != '{')
		ReportSyntaxError(literal, "A deprivation set starts with \"{\".");
	p = SkipSpaces(p + 1);
	if (*p != '}')
	{
		for (;;)
		{
			const char *code = p;
			int			length;

			while (IsCodeChar(*p))
				p++;
			if (p == code)
				ReportSyntaxError(literal,
								  *code == '"' ? "Indicator codes are written without quotes." :
								  *code ? psprintf("Unexpected character \"%c\" where an indicator code should be.", *code)
								  : "The set is not closed with \"}\".");
			length = p - code;
			set = AddIndicator(catalog, set, code, length);
			p = SkipSpaces(p);
			if (*p == '}')
				break;
			if (*p != ',')
				ReportSyntaxError(literal,
								  *p ? psprintf("Unexpected character \"%c\" after indicator \"%.*s\".", *p, length, code)
								  : "The set is not closed with \"}\".");
			p = SkipSpaces(p + 1);
		}
	}
	p = SkipSpaces(p + 1);
	if (*p != '\0')
		ReportSyntaxError(literal, psprintf("Unexpected text \"%s\" after \"}\".", p));
	PG_RETURN_DEPRIVATIONS(set);
}

/* Text output, in bit order. */
Datum
deprivations_out(PG_FUNCTION_ARGS)
{
	uint64		set = PG_GETARG_DEPRIVATIONS(0);
	const PovextCatalog *catalog = PovextGetCatalog();
	StringInfoData out;
	int			bit;
	bool		first = true;

	initStringInfo(&out);
	appendStringInfoChar(&out, '{');
	for (bit = 0; bit < POVEXT_MAX_INDICATORS; bit++)
	{
		if (!(set & (UINT64CONST(1) << bit)))
			continue;
		appendStringInfo(&out, first ? "%s" : ",%s", CodeOfBit(catalog, bit));
		first = false;
	}
	appendStringInfoChar(&out, '}');
	PG_RETURN_CSTRING(out.data);
}

/* Binary input: the mask as int8; bits of unknown indicators are rejected. */
Datum
deprivations_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	uint64		set = (uint64) pq_getmsgint64(buf);
	const PovextCatalog *catalog = PovextGetCatalog();
	uint64		unknown = set & ~catalog->known_mask;

	if (unknown)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("deprivation set contains indicator bit %d, which povext.indicator does not define",
						pg_rightmost_one_pos64(unknown))));
	PG_RETURN_DEPRIVATIONS(set);
}

/* Binary output: the mask as int8. */
Datum
deprivations_send(PG_FUNCTION_ARGS)
{
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint64(&buf, (int64) PG_GETARG_DEPRIVATIONS(0));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* Number of indicators in the set. */
Datum
deprivation_count(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(pg_popcount64(PG_GETARG_DEPRIVATIONS(0)));
}

/* Union of two sets. */
Datum
deprivations_union(PG_FUNCTION_ARGS)
{
	PG_RETURN_DEPRIVATIONS(PG_GETARG_DEPRIVATIONS(0) | PG_GETARG_DEPRIVATIONS(1));
}

/* Intersection of two sets. */
Datum
deprivations_intersect(PG_FUNCTION_ARGS)
{
	PG_RETURN_DEPRIVATIONS(PG_GETARG_DEPRIVATIONS(0) & PG_GETARG_DEPRIVATIONS(1));
}

/* Indicators of the first set that are not in the second. */
Datum
deprivations_minus(PG_FUNCTION_ARGS)
{
	PG_RETURN_DEPRIVATIONS(PG_GETARG_DEPRIVATIONS(0) & ~PG_GETARG_DEPRIVATIONS(1));
}

/* True if the first set contains the second. */
Datum
deprivations_contains(PG_FUNCTION_ARGS)
{
	uint64		inner = PG_GETARG_DEPRIVATIONS(1);

	PG_RETURN_BOOL((PG_GETARG_DEPRIVATIONS(0) & inner) == inner);
}

/* True if the first set is contained in the second. */
Datum
deprivations_contained(PG_FUNCTION_ARGS)
{
	uint64		inner = PG_GETARG_DEPRIVATIONS(0);

	PG_RETURN_BOOL((PG_GETARG_DEPRIVATIONS(1) & inner) == inner);
}

/* True if the sets share an indicator. */
Datum
deprivations_overlap(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL((PG_GETARG_DEPRIVATIONS(0) & PG_GETARG_DEPRIVATIONS(1)) != 0);
}

/* Sort order of two sets: by mask value, as unsigned. */
static int
CompareSets(uint64 a, uint64 b)
{
	return a < b ? -1 : (a > b ? 1 : 0);
}

/* Operator =. */
Datum
deprivations_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(PG_GETARG_DEPRIVATIONS(0) == PG_GETARG_DEPRIVATIONS(1));
}

/* Operator <>. */
Datum
deprivations_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(PG_GETARG_DEPRIVATIONS(0) != PG_GETARG_DEPRIVATIONS(1));
}

/* Operator <. */
Datum
deprivations_lt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(CompareSets(PG_GETARG_DEPRIVATIONS(0), PG_GETARG_DEPRIVATIONS(1)) < 0);
}

/* Operator <=. */
Datum
deprivations_le(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(CompareSets(PG_GETARG_DEPRIVATIONS(0), PG_GETARG_DEPRIVATIONS(1)) <= 0);
}

/* Operator >. */
Datum
deprivations_gt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(CompareSets(PG_GETARG_DEPRIVATIONS(0), PG_GETARG_DEPRIVATIONS(1)) > 0);
}

/* Operator >=. */
Datum
deprivations_ge(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(CompareSets(PG_GETARG_DEPRIVATIONS(0), PG_GETARG_DEPRIVATIONS(1)) >= 0);
}

/* Btree support function. */
Datum
deprivations_cmp(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(CompareSets(PG_GETARG_DEPRIVATIONS(0), PG_GETARG_DEPRIVATIONS(1)));
}

/* Hash support function. */
Datum
deprivations_hash(PG_FUNCTION_ARGS)
{
	uint64		set = PG_GETARG_DEPRIVATIONS(0);

	return hash_any((unsigned char *) &set, sizeof(set));
}

/* Seeded hash support function. */
Datum
deprivations_hash_extended(PG_FUNCTION_ARGS)
{
	uint64		set = PG_GETARG_DEPRIVATIONS(0);

	return hash_any_extended((unsigned char *) &set, sizeof(set), PG_GETARG_INT64(1));
}

/* Cast text[] to deprivations. */
Datum
deprivations_from_codes(PG_FUNCTION_ARGS)
{
	ArrayType  *codes = PG_GETARG_ARRAYTYPE_P(0);
	const PovextCatalog *catalog = PovextGetCatalog();
	Datum	   *elements;
	bool	   *nulls;
	int			count;
	int			i;
	uint64		set = 0;

	deconstruct_array(codes, TEXTOID, -1, false, TYPALIGN_INT, &elements, &nulls, &count);
	for (i = 0; i < count; i++)
	{
		text	   *code;

		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("deprivation indicator code must not be null")));
		code = DatumGetTextPP(elements[i]);
		set = AddIndicator(catalog, set, VARDATA_ANY(code), VARSIZE_ANY_EXHDR(code));
	}
	PG_RETURN_DEPRIVATIONS(set);
}

/* Cast deprivations to text[], in bit order. */
Datum
deprivations_to_codes(PG_FUNCTION_ARGS)
{
	uint64		set = PG_GETARG_DEPRIVATIONS(0);
	const PovextCatalog *catalog = PovextGetCatalog();
	Datum		elements[POVEXT_MAX_INDICATORS];
	int			count = 0;
	int			bit;

	for (bit = 0; bit < POVEXT_MAX_INDICATORS; bit++)
		if (set & (UINT64CONST(1) << bit))
			elements[count++] = CStringGetTextDatum(CodeOfBit(catalog, bit));
	PG_RETURN_ARRAYTYPE_P(construct_array(elements, count, TEXTOID, -1, false, TYPALIGN_INT));
}
