/*
 * fgt_state.h
 *	  The povext.fgt_state type, a mergeable state of the Foster-Greer-
 *	  Thorbecke poverty measures and the Watts index.
 */
#ifndef POVEXT_FGT_STATE_H
#define POVEXT_FGT_STATE_H

#include "postgres.h"

#ifndef HAVE_INT128
#error "povext needs a compiler with a 128-bit integer type (HAVE_INT128)"
#endif

/*
 * Fixed-point scales of the state's sums.
 *
 * A sampling weight w becomes W = round(w * 10^6), an int64 (weights up to
 * about 9.2e12 fit).  Per poor row, with g = (z - y) / z in [0, 1] and, for
 * y > 0, t = ln(z / y) = k + f split into its integer part k and fraction f:
 *	 gap_sum				+= W * round(g * 2^60)
 *	 gap_squared_sum		+= W * round(g^2 * 2^60)
 *	 watts_whole_sum		+= W * k
 *	 watts_fraction_sum		+= W * round(f * 2^60)
 * Scaling by a power of two is exact in float8 and so is t - k, so each term
 * is the float8 value rounded once to a multiple of 2^-60, finer than float8
 * resolves numbers above 2^-8.  t of finite positive float8 values is below
 * 1455, so k < 2^11 and every per-row product is below 2^124.
 *
 * No overflow for 10^8 rows of weight up to 10^6 (W <= 10^12), whatever
 * the incomes:
 *	 population, poor_population	<= 10^8 * 10^12				= 10^20
 *	 gap_sum, gap_squared_sum,
 *	 watts_fraction_sum				<= 10^20 * 2^60 ~ 1.16e38	< 2^127 ~ 1.70e38
 *	 watts_whole_sum				<= 10^20 * 1455				~ 1.5e23
 * Beyond that bound every addition is checked and reports 22003 rather than
 * wrapping.
 */
#define FGT_FRACTION_BITS		60

/* ln(z / y) of finite positive float8 values is below 1455: its integer part is at most 1454. */
#define FGT_WATTS_WHOLE_LIMIT	1454

#define FGT_STATE_VERSION		1

#define FGT_HAS_LINE			0x01	/* a poverty line is set (not empty) */
#define FGT_POOR_AT_LINE		0x02	/* poor if y <= z, else if y < z */

/* In-memory and on-disk form of povext.fgt_state (a varlena of fixed size). */
typedef struct FgtState
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	uint8		version;		/* FGT_STATE_VERSION */
	uint8		flags;			/* FGT_HAS_LINE, FGT_POOR_AT_LINE */
	uint16		unused;			/* zero */
	float8		poverty_line;	/* z when FGT_HAS_LINE, else 0 */
	int64		rows;			/* rows aggregated (not skipped) */
	int64		zero_income_poor;	/* poor rows with y = 0 and W > 0 */
	int128		population;		/* sum of W */
	int128		poor_population;	/* sum of W over the poor */
	int128		gap_sum;		/* see above */
	int128		gap_squared_sum;
	int128		watts_whole_sum;
	int128		watts_fraction_sum;
} FgtState;

#define DatumGetFgtStateP(X)		((FgtState *) PG_DETOAST_DATUM(X))
#define PG_GETARG_FGT_STATE_P(n)	DatumGetFgtStateP(PG_GETARG_DATUM(n))

#endif							/* POVEXT_FGT_STATE_H */
