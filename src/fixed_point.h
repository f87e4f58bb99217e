/*
 * fixed_point.h
 *	  Sampling weights as integers of micro-units, so that sums are exact and
 *	  do not depend on the order rows are added in (serial, parallel, merged).
 */
#ifndef POVEXT_FIXED_POINT_H
#define POVEXT_FIXED_POINT_H

#include "postgres.h"

#include "utils/numeric.h"

/* One unit of weight, in micro-units. */
#define WEIGHT_ONE INT64CONST(1000000)

extern float8 PovextCheckNonNegative(float8 value, const char *what);
extern int64 PovextWeightToMicro(float8 weight);
extern Numeric PovextMicroToNumeric(int128 micro);
extern Numeric PovextRatioToNumeric(int128 numerator, int128 denominator);
extern char *PovextMicroToString(int64 micro);
extern int64 PovextAddMicro(int64 a, int64 b);

#endif							/* POVEXT_FIXED_POINT_H */
