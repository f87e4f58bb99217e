/*
 * numeric_ops.c
 *	  Small helpers over PostgreSQL's numeric and date types.
 */
#include "postgres.h"

#include "utils/builtins.h"
#include "utils/memutils.h"

#include "numeric_ops.h"

/*
 * The parts of a finite numeric that a comparison needs, read from its
 * stored form.  That form (numeric.c's NumericShort and NumericLong) is part
 * of the on-disk format, which pg_upgrade keeps, so it cannot change under us;
 * numeric.h does not export it, hence the constants here.
 */
#define NUMERIC_FLAG_MASK		0xC000	/* NUMERIC_SIGN_MASK */
#define NUMERIC_FLAG_NEG		0x4000	/* long form, negative */
#define NUMERIC_FLAG_SHORT		0x8000
#define NUMERIC_FLAG_SPECIAL	0xC000	/* NaN and infinities */
#define NUMERIC_SHORT_NEG		0x2000
#define NUMERIC_SHORT_WEIGHT_NEG	0x0040
#define NUMERIC_SHORT_WEIGHT	0x003F

typedef struct NumericParts
{
	bool		negative;
	int			weight;			/* of the first digit, in base-10000 digits */
	int			ndigits;
	const int16 *digits;
} NumericParts;

/* Reads the parts of a; false if a is NaN or infinite. */
static inline bool
NumericGetParts(Numeric a, NumericParts *parts)
{
	const char *data = VARDATA_ANY(a);
	int			size = VARSIZE_ANY_EXHDR(a);
	uint16		header;

	memcpy(&header, data, sizeof(header));
	if ((header & NUMERIC_FLAG_MASK) == NUMERIC_FLAG_SPECIAL)
		return false;
	if (header & NUMERIC_FLAG_SHORT)
	{
		parts->negative = (header & NUMERIC_SHORT_NEG) != 0;
		parts->weight = ((header & NUMERIC_SHORT_WEIGHT_NEG) ? ~NUMERIC_SHORT_WEIGHT : 0) |
			(header & NUMERIC_SHORT_WEIGHT);
		parts->digits = (const int16 *) (data + sizeof(uint16));
		parts->ndigits = (size - (int) sizeof(uint16)) / (int) sizeof(int16);
	}
	else
	{
		int16		weight;

		memcpy(&weight, data + sizeof(uint16), sizeof(weight));
		parts->negative = (header & NUMERIC_FLAG_MASK) == NUMERIC_FLAG_NEG;
		parts->weight = weight;
		parts->digits = (const int16 *) (data + 2 * sizeof(uint16));
		parts->ndigits = (size - 2 * (int) sizeof(uint16)) / (int) sizeof(int16);
	}
	return true;
}

/* -1, 0 or 1 as |a| is less than, equal to or greater than |b| (numeric.c's cmp_abs_common). */
static int
CompareAbsolute(const NumericParts *a, const NumericParts *b)
{
	int			weight_a = a->weight;
	int			weight_b = b->weight;
	int			i = 0;
	int			j = 0;

	/* digits of one number above the other's first digit */
	while (weight_a > weight_b && i < a->ndigits)
	{
		if (a->digits[i++] != 0)
			return 1;
		weight_a--;
	}
	while (weight_b > weight_a && j < b->ndigits)
	{
		if (b->digits[j++] != 0)
			return -1;
		weight_b--;
	}
	if (weight_a == weight_b)
	{
		while (i < a->ndigits && j < b->ndigits)
		{
			int			difference = a->digits[i++] - b->digits[j++];

			if (difference != 0)
				return difference > 0 ? 1 : -1;
		}
	}
	while (i < a->ndigits)
		if (a->digits[i++] != 0)
			return 1;
	while (j < b->ndigits)
		if (b->digits[j++] != 0)
			return -1;
	return 0;
}

/*
 * -1, 0 or 1 as a is less than, equal to or greater than b.  Finite numbers are compared here, digit by
 * digit, without numeric_cmp's function call (classification compares an
 * income with one to three lines at every row); NaN and infinities, which
 * never come with a line, go to numeric_cmp.
 */
int
PovextNumericCompare(Numeric a, Numeric b)
{
	NumericParts pa;
	NumericParts pb;

	if (!NumericGetParts(a, &pa) || !NumericGetParts(b, &pb))
		return DatumGetInt32(DirectFunctionCall2(numeric_cmp, NumericGetDatum(a), NumericGetDatum(b)));
	/* zero has no digits and counts as neither sign */
	if (pa.ndigits == 0 || pb.ndigits == 0)
	{
		if (pa.ndigits == 0 && pb.ndigits == 0)
			return 0;
		if (pa.ndigits == 0)
			return pb.negative ? 1 : -1;
		return pa.negative ? -1 : 1;
	}
	if (pa.negative != pb.negative)
		return pa.negative ? -1 : 1;
	return pa.negative ? CompareAbsolute(&pb, &pa) : CompareAbsolute(&pa, &pb);
}

/* a op b for a numeric function op (numeric_add, numeric_mul, numeric_div, ...). */
Numeric
PovextNumericOp(PGFunction op, Numeric a, Numeric b)
{
	return DatumGetNumeric(DirectFunctionCall2(op, NumericGetDatum(a), NumericGetDatum(b)));
}

/* A numeric constant, kept for the life of the backend. */
Numeric
PovextNumericConstant(const char *text)
{
	Numeric		value = DatumGetNumeric(DirectFunctionCall3(numeric_in, CStringGetDatum(text),
															ObjectIdGetDatum(InvalidOid),
															Int32GetDatum(-1)));
	Numeric		kept = MemoryContextAlloc(TopMemoryContext, VARSIZE(value));

	memcpy(kept, value, VARSIZE(value));
	return kept;
}

/*
 * Argument 'argno', a numeric, without the palloc'd copy that
 * PG_GETARG_NUMERIC makes of a value stored with a short varlena header
 * (every numeric of a table row below 127 bytes): such a value is copied into
 * *buffer, with a 4-byte header, instead.
 */
Numeric
PovextNumericArgument(FunctionCallInfo fcinfo, int argno, PovextNumericBuffer *buffer)
{
	struct varlena *value = (struct varlena *) PG_GETARG_POINTER(argno);

	if (VARATT_IS_SHORT(value))
	{
		Size		size = VARSIZE_SHORT(value) - VARHDRSZ_SHORT;

		SET_VARSIZE(buffer->bytes, size + VARHDRSZ);
		memcpy(buffer->bytes + VARHDRSZ, VARDATA_SHORT(value), size);
		return (Numeric) buffer->bytes;
	}
	return PG_GETARG_NUMERIC(argno);
}

/* Text of a numeric, for messages. */
char *
PovextNumericText(Numeric value)
{
	return DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(value)));
}

/* Text of a date, for messages. */
char *
PovextDateText(DateADT value)
{
	return DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(value)));
}
