/*
 * fixed_point.c
 *	  Exact arithmetic on sampling weights: a weight is rounded once, per row,
 *	  to an integer number of micro-units (10^-6), and every sum of weights is
 *	  an integer sum, so sums do not depend on the order rows come in.
 *	  Measures are ratios of such sums, given as numeric quotients.
 */
#include "postgres.h"

#include <math.h>

#include "common/int.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"

#include "fixed_point.h"
#include "nls.h"
#include "state_text.h"

/*
 * Rejects a row's weight or income ('what', an English noun marked with N_(),
 * translated only for the error) that is not a finite number at or above
 * zero; returns it with -0 made +0, so that equal values print alike.
 */
float8
PovextCheckNonNegative(float8 value, const char *what)
{
	if (isnan(value) || isinf(value))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a finite number", _(what)),
				 errdetail("A row has %s %s.", _(what), PovextFloat8TextExact(value))));
	if (value < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must not be negative", _(what)),
				 errdetail("A row has %s %s.", _(what), PovextFloat8TextExact(value))));
	return value + 0.0;
}

/* Rejects a weight that PovextWeightToMicro cannot take; does not return. */
void
PovextWeightError(float8 weight)
{
	PovextCheckNonNegative(weight, N_("weight"));
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("weight %s is out of range", PovextFloat8TextExact(weight)),
			 errdetail("Weights are stored in millionths as 64-bit integers, so they must be below 9.2e12.")));
	pg_unreachable();
}

/* A number of micro-units as an exact decimal string, without trailing zeros. */
char *
PovextMicroToString(int64 micro)
{
	char	   *text = psprintf("%s%lld.%06lld", micro < 0 ? "-" : "",
								(long long) (Abs(micro) / WEIGHT_ONE), (long long) (Abs(micro) % WEIGHT_ONE));
	char	   *end = text + strlen(text) - 1;

	while (*end == '0')
		*end-- = '\0';
	if (*end == '.')
		*end = '\0';
	return text;
}

/* An int128 as numeric. */
static Numeric
Int128ToNumeric(int128 value)
{
	StringInfoData text;

	initStringInfo(&text);
	PovextAppendInt128(&text, value);
	return DatumGetNumeric(DirectFunctionCall3(numeric_in, CStringGetDatum(text.data),
											   ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1)));
}

/* A non-negative number of micro-units as an exact numeric of units, without trailing zeros. */
Numeric
PovextMicroToNumeric(int128 micro)
{
	StringInfoData text;

	Assert(micro >= 0);
	initStringInfo(&text);
	PovextAppendInt128(&text, micro / WEIGHT_ONE);
	appendStringInfo(&text, ".%06d", (int) (micro % WEIGHT_ONE));
	return DatumGetNumeric(DirectFunctionCall1(numeric_trim_scale,
											   DirectFunctionCall3(numeric_in, CStringGetDatum(text.data),
																   ObjectIdGetDatum(InvalidOid),
																   Int32GetDatum(-1))));
}

/*
 * numerator / denominator as numeric, without trailing zeros: the quotient
 * of the exact integers, rounded as PostgreSQL's numeric division rounds
 * (at least 16 significant digits, 20 decimals for ratios below 1).
 */
Numeric
PovextRatioToNumeric(int128 numerator, int128 denominator)
{
	Datum		quotient = DirectFunctionCall2(numeric_div, NumericGetDatum(Int128ToNumeric(numerator)),
											   NumericGetDatum(Int128ToNumeric(denominator)));

	return DatumGetNumeric(DirectFunctionCall1(numeric_trim_scale, quotient));
}

/* Reports the overflow of a sum of micro-units; does not return. */
void
PovextAddMicroError(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("sum of sampling weights is out of range"),
			 errdetail("Sums of weights are kept in millionths as 64-bit integers, so they must stay below 9.2e12.")));
	pg_unreachable();
}
