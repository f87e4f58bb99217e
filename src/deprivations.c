/*
 * deprivations.c
 *	  The povext.deprivations type: a set of indicator codes stored as a
 *	  64-bit mask, one bit per row of povext.indicator.
 *
 * Text form: '{code,code,...}' in bit order, '{}' for the empty set.  Input
 * accepts the codes in any order with blanks around them, and rejects unknown
 * or repeated codes.
 *
 * Binary form: codes too, never the mask, since bits are assigned per
 * database (see deprivations_send).
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "port/pg_bitutils.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "catalog_cache.h"
#include "deprivations.h"
#include "nls.h"

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

/*
 * Version byte that starts the binary form, and the length of the raw mask
 * that povext 0.1.0 and 0.2.0 sent instead; no binary form is ever that long.
 */
#define BINARY_FORMAT_VERSION	1
#define RAW_MASK_LENGTH			8

/*
 * Bits 0 to 20: the indicators shipped with povext 0.1.0 and 0.2.0.  Shipped
 * rows cannot be deleted or re-keyed, so these bits name the same codes in
 * every database; they are the only bits of a raw mask that can be trusted.
 */
#define RAW_MASK_SHIPPED_BITS	((UINT64CONST(1) << 21) - 1)

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
	int			bit = PovextIndicatorBit(catalog, code, length);

	if (bit < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("unknown deprivation indicator \"%.*s\"", length, code),
				 PovextUnknownCodeDetail(catalog, POVEXT_CODE_INDICATOR, code, length),
				 errhint("A DBA can add custom indicators to povext.indicator.")));
	if (set & (UINT64CONST(1) << bit))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("deprivation indicator \"%.*s\" appears more than once", length, code)));
	return set | (UINT64CONST(1) << bit);
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
		ReportSyntaxError(literal, _("A deprivation set starts with \"{\"."));
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
								  *code == '"' ? _("Indicator codes are written without quotes.") :
								  *code ? psprintf(_("Unexpected character \"%.*s\" where an indicator code should be."),
												   pg_mblen(code), code)
								  : _("The set is not closed with \"}\"."));
			length = p - code;
			set = AddIndicator(catalog, set, code, length);
			p = SkipSpaces(p);
			if (*p == '}')
				break;
			if (*p != ',')
				ReportSyntaxError(literal,
								  *p ? psprintf(_("Unexpected character \"%.*s\" after indicator \"%.*s\"."),
												pg_mblen(p), p, length, code)
								  : _("The set is not closed with \"}\"."));
			p = SkipSpaces(p + 1);
		}
	}
	p = SkipSpaces(p + 1);
	if (*p != '\0')
		ReportSyntaxError(literal, psprintf(_("Unexpected text \"%s\" after \"}\"."), p));
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
		appendStringInfo(&out, first ? "%s" : ",%s", PovextIndicatorCode(catalog, bit, N_("deprivation set"), NULL));
		first = false;
	}
	appendStringInfoChar(&out, '}');
	PG_RETURN_CSTRING(out.data);
}

/*
 * Printable form of a code read from the wire, for messages: bytes other
 * than printable ASCII (valid codes have none) are shown as \xNN, so that
 * a message never carries a broken character.
 */
static char *
PrintableCode(const char *code, int length)
{
	StringInfoData out;
	int			i;

	initStringInfo(&out);
	for (i = 0; i < length; i++)
	{
		unsigned char c = (unsigned char) code[i];

		if (c >= 0x20 && c < 0x7f && c != '\\')
			appendStringInfoChar(&out, c);
		else
			appendStringInfo(&out, "\\x%02X", c);
	}
	return out.data;
}

/*
 * Reads the raw mask of povext 0.1.0 and 0.2.0, refusing the bits of custom
 * indicators: in the database that sent it they may belong to other codes.
 */
static uint64
ReadRawMask(StringInfo buf)
{
	uint64		set = (uint64) pq_getmsgint64(buf);
	uint64		custom = set & ~RAW_MASK_SHIPPED_BITS;

	if (custom)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("deprivation set in the binary form of povext 0.2.0 contains custom indicator bit %d",
						pg_rightmost_one_pos64(custom)),
				 errdetail("That form holds indicator bits, and each database gives custom indicators their bits in its own order."),
				 errhint("Copy the data in text or CSV format (for a subscription, set binary = false), or send it again from povext 0.3.0 or later.")));
	return set;
}

/*
 * Binary input.  Reads the form deprivations_send writes, mapping each code
 * to this database's bit; also the raw mask of earlier versions, as far as
 * it can be trusted (ReadRawMask).
 */
Datum
deprivations_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	const PovextCatalog *catalog = PovextGetCatalog();
	uint64		set = 0;
	int			version;

	if (buf->len - buf->cursor == RAW_MASK_LENGTH)
		PG_RETURN_DEPRIVATIONS(ReadRawMask(buf));
	version = pq_getmsgbyte(buf);
	if (version != BINARY_FORMAT_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("unsupported binary format version %d of a deprivation set", version),
				 errdetail("This version of povext reads version %d.", BINARY_FORMAT_VERSION)));
	while (buf->cursor < buf->len)
	{
		int			length = pq_getmsgbyte(buf);
		const char *code;
		int			bit;

		/* a zero length is padding at the end (see deprivations_send) */
		if (length == 0)
			break;
		code = pq_getmsgbytes(buf, length);
		bit = PovextIndicatorBit(catalog, code, length);
		if (bit < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("deprivation set contains indicator \"%s\", which povext.indicator does not define",
							PrintableCode(code, length)),
					 errhint("Add the indicator to povext.indicator of this database, then load the data again.")));
		if (set & (UINT64CONST(1) << bit))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("deprivation indicator \"%.*s\" appears more than once", length, code)));
		set |= UINT64CONST(1) << bit;
	}
	PG_RETURN_DEPRIVATIONS(set);
}

/*
 * Binary output: version byte 1, then for each indicator in bit order the
 * length of its code in one byte and the code (ASCII, at most 63 bytes).
 * A form that would be exactly 8 bytes long, the length of the raw mask that
 * povext 0.1.0 and 0.2.0 sent, gets a zero byte more: so no reader takes one
 * form for the other, and a 0.2.0 server rejects this form as malformed.
 */
Datum
deprivations_send(PG_FUNCTION_ARGS)
{
	uint64		set = PG_GETARG_DEPRIVATIONS(0);
	const PovextCatalog *catalog = PovextGetCatalog();
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, BINARY_FORMAT_VERSION);
	while (set != 0)
	{
		int			bit = pg_rightmost_one_pos64(set);
		int			length;
		const char *code = PovextIndicatorCode(catalog, bit, N_("deprivation set"), &length);

		/* povext.indicator checks that codes have 1 to 63 characters */
		Assert(length > 0 && length <= 63);
		pq_sendbyte(&buf, length);
		pq_sendbytes(&buf, code, length);
		set &= set - 1;			/* drop the lowest bit */
	}
	if (buf.len - VARHDRSZ == RAW_MASK_LENGTH)
		pq_sendbyte(&buf, 0);
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
			elements[count++] = CStringGetTextDatum(PovextIndicatorCode(catalog, bit, N_("deprivation set"), NULL));
	PG_RETURN_ARRAYTYPE_P(construct_array(elements, count, TEXTOID, -1, false, TYPALIGN_INT));
}
