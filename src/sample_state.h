/*
 * sample_state.h
 *	  The povext.sample_state type: the (value, weight) pairs of a weighted
 *	  sample, from which the weighted Gini coefficient and weighted quantiles
 *	  are computed as R's laeken package computes them.
 */
#ifndef POVEXT_SAMPLE_STATE_H
#define POVEXT_SAMPLE_STATE_H

#include "postgres.h"

#include "utils/memutils.h"

#define SAMPLE_STATE_VERSION	1	/* of the memory and binary forms */

/*
 * Formats of the text form: 1 is the readable JSON form (values and weights
 * as arrays of numbers; also that of povext 0.2.0, which wrote no version),
 * 2 the compact form of sample_state_out for states of more than
 * SAMPLE_READABLE_MAX_PAIRS rows.  Both are read.
 */
#define SAMPLE_TEXT_READABLE	1
#define SAMPLE_TEXT_COMPACT		2
#define SAMPLE_READABLE_MAX_PAIRS 32

#define SAMPLE_SORTED			0x01	/* pairs are in (value, weight) order */
#define SAMPLE_HAS_P			0x02	/* p holds the quantile order of weighted_quantile */

/* One row of the sample. */
typedef struct SamplePair
{
	float8		value;
	float8		weight;
} SamplePair;

/*
 * In-memory and on-disk form of povext.sample_state, a varlena.  While an
 * aggregate fills it, 'capacity' pairs are allocated and the slots past
 * 'count' are zero; stored values (the result of sample_state_agg,
 * sample_state_merge, operator + and the input functions) are sorted and
 * have no spare slots.
 */
typedef struct SampleState
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	uint8		version;		/* SAMPLE_STATE_VERSION */
	uint8		flags;			/* SAMPLE_SORTED, SAMPLE_HAS_P */
	uint16		unused;			/* zero */
	int32		count;			/* pairs held */
	int32		capacity;		/* pairs allocated */
	float8		p;				/* quantile order when SAMPLE_HAS_P, else 0 */
	SamplePair	pairs[FLEXIBLE_ARRAY_MEMBER];
} SampleState;

#define SAMPLE_HEADER_SIZE		offsetof(SampleState, pairs)
#define SAMPLE_STATE_SIZE(capacity)	(SAMPLE_HEADER_SIZE + (Size) (capacity) * sizeof(SamplePair))

/* Most pairs a state holds: a varlena is below 1 GB, so 67,108,862 pairs. */
#define SAMPLE_MAX_PAIRS		((int32) ((MaxAllocSize - SAMPLE_HEADER_SIZE) / sizeof(SamplePair)))

#define DatumGetSampleStateP(X)		((SampleState *) PG_DETOAST_DATUM(X))
#define PG_GETARG_SAMPLE_STATE_P(n)	DatumGetSampleStateP(PG_GETARG_DATUM(n))

#endif							/* POVEXT_SAMPLE_STATE_H */
