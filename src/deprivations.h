/*
 * deprivations.h
 *	  The povext.deprivations type: a set of indicators as a 64-bit mask.
 */
#ifndef POVEXT_DEPRIVATIONS_H
#define POVEXT_DEPRIVATIONS_H

#include "postgres.h"

#define DatumGetDeprivations(X)		((uint64) DatumGetInt64(X))
#define DeprivationsGetDatum(X)		Int64GetDatum((int64) (X))
#define PG_GETARG_DEPRIVATIONS(n)	DatumGetDeprivations(PG_GETARG_DATUM(n))
#define PG_RETURN_DEPRIVATIONS(x)	return DeprivationsGetDatum(x)

#endif							/* POVEXT_DEPRIVATIONS_H */
