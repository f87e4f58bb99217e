/*
 * af_state.h
 *	  The povext.af_state type: an Alkire-Foster aggregate state, keyed by
 *	  deprivation score.
 */
#ifndef POVEXT_AF_STATE_H
#define POVEXT_AF_STATE_H

#include "postgres.h"

#include "catalog_cache.h"

/* cutoff_points of a state no convenience aggregate fixed a cutoff for */
#define AF_NO_CUTOFF (-1)

/* Format version of the text and binary forms (0.2.0 wrote format 1 without a version). */
#define AF_STATE_FORMAT 1

/* Largest common denominator of a standard's weights. */
#define AF_MAX_DENOMINATOR 10000

/*
 * Scores are integer points over a common denominator D of the standard's
 * weights (1/6 and 1/18 give D = 18 and points 3 and 1), so they are exact.
 * For each distinct score present, a row holds: the score in points, the
 * weighted population with that score, and per indicator the weighted count
 * deprived in it.  Weights are micro-units (see fixed_point.h).  Rows are
 * sorted by score.  Indicators are in the order of their bits.
 */
typedef struct AfScoreRow
{
	int64		points;			/* the score, in points */
	int64		population;		/* weighted population with this score */
	int64		deprived[FLEXIBLE_ARRAY_MEMBER];	/* weighted count deprived in each indicator */
} AfScoreRow;

/* Bytes of one row of a state with n indicators. */
#define AF_ROW_SIZE(n)	(offsetof(AfScoreRow, deprived) + (Size) (n) * sizeof(int64))

typedef struct AfState
{
	int32		vl_len_;		/* varlena header */
	int32		indicator_count;
	int32		denominator;
	int32		cutoff_points;	/* AF_NO_CUTOFF, or k fixed by a convenience aggregate */
	int32		score_count;
	int32		score_capacity;
	uint64		indicator_mask; /* bits of the standard's indicators */
	char		standard[NAMEDATALEN];
	int32		points[POVEXT_MAX_INDICATORS];	/* weight of each indicator */
	int64		rows[FLEXIBLE_ARRAY_MEMBER];	/* score_capacity rows of AF_ROW_SIZE(indicator_count)
												 * bytes; see AfRow */
} AfState;

/* Row i of an array of rows of n indicators each. */
static inline AfScoreRow *
AfRowAt(const void *rows, int indicator_count, int i)
{
	return (AfScoreRow *) ((char *) rows + (Size) i * AF_ROW_SIZE(indicator_count));
}

/* Row i of a state. */
static inline AfScoreRow *
AfRow(const AfState *state, int i)
{
	return AfRowAt(state->rows, state->indicator_count, i);
}

#define DatumGetAfState(X)		((AfState *) PG_DETOAST_DATUM(X))
#define PG_GETARG_AF_STATE(n)	DatumGetAfState(PG_GETARG_DATUM(n))

#endif							/* POVEXT_AF_STATE_H */
