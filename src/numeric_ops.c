/*
 * numeric_ops.c
 *	  Small helpers over PostgreSQL's numeric and date types.
 */
#include "postgres.h"

#include "utils/builtins.h"
#include "utils/memutils.h"

#include "numeric_ops.h"

/* -1, 0 or 1 as a is less than, equal to or greater than b. */
int
PovextNumericCompare(Numeric a, Numeric b)
{
	return DatumGetInt32(DirectFunctionCall2(numeric_cmp, NumericGetDatum(a), NumericGetDatum(b)));
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
