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

extern float8 CheckWeight(float8 weight);
extern int64 WeightToMicro(float8 weight);
extern int64 NumericToMicro(Numeric value, const char *type_name);
extern Numeric MicroToNumeric(int128 micro);
extern Numeric RatioToNumeric(int128 numerator, int128 denominator);
extern char *MicroToString(int64 micro);
extern int64 AddMicro(int64 a, int64 b);

#endif							/* POVEXT_FIXED_POINT_H */
