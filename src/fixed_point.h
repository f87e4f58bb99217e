/*
 * fixed_point.h
 *	  Sampling weights as integers of micro-units, so that sums are exact and
 *	  do not depend on the order rows are added in (serial, parallel, merged).
 */
#ifndef POVEXT_FIXED_POINT_H
#define POVEXT_FIXED_POINT_H

#include "postgres.h"

#include <math.h>

#include "common/int.h"
#include "utils/numeric.h"

/* One unit of weight, in micro-units. */
#define WEIGHT_ONE INT64CONST(1000000)

extern float8 PovextCheckNonNegative(float8 value, const char *what);
extern void PovextWeightError(float8 weight) pg_attribute_noreturn();
extern Numeric PovextMicroToNumeric(int128 micro);
extern Numeric PovextRatioToNumeric(int128 numerator, int128 denominator);
extern char *PovextMicroToString(int64 micro);
extern void PovextAddMicroError(void) pg_attribute_noreturn();

/*
 * A sampling weight in micro-units, round(w * 10^6); rejects negative, NaN,
 * infinite and too large weights.  Inline, with the errors out of line:
 * every aggregate calls it once per row.
 */
static inline int64
PovextWeightToMicro(float8 weight)
{
	float8		scaled = rint(weight * (float8) WEIGHT_ONE);

	/* false for NaN; -0 gives 0 */
	if (unlikely(!(weight >= 0 && scaled < 9223372036854775808.0)))
		PovextWeightError(weight);
	return (int64) scaled;
}

/* a + b for sums of micro-units; an error on overflow. */
static inline int64
PovextAddMicro(int64 a, int64 b)
{
	int64		sum;

	if (unlikely(pg_add_s64_overflow(a, b, &sum)))
		PovextAddMicroError();
	return sum;
}

#endif							/* POVEXT_FIXED_POINT_H */
