/*
 * sample_state.c
 *	  The povext.sample_state type: a weighted sample kept as (value, weight)
 *	  pairs, its aggregates, the weighted Gini coefficient and weighted
 *	  quantiles.
 *
 * The measures follow R's laeken package (cran/laeken: R/gini.R giniCoeff,
 * R/weightedQuantile.R, R/weightedMedian.R).  With the n pairs sorted by
 * value x_1 <= ... <= x_n (ties by weight), weights w_i, cumulative weights
 * cw_i = w_1 + ... + w_i and sw = cw_n:
 *
 *	 Gini (percent) = 100 * ((2 * sum(w_i x_i cw_i) - sum(w_i^2 x_i))
 *							  / (sw * sum(w_i x_i)) - 1)
 *
 *	 quantile(p):	p = 0: x_1;  p = 1: x_n;  otherwise, with rw_i = cw_i / sw
 *					and s the first i with rw_i >= p: (x_s + x_{s+1}) / 2 if
 *					rw_s = p, else x_s
 *	 median = quantile(0.5)
 *
 * As in R, sums and cumulative sums are accumulated in long double and
 * rounded to float8, and products are float8.  laeken keeps ties in input
 * order; the formulas give the same value for any order of tied values,
 * and sorting ties by weight makes the float8 result independent of the
 * order of the input rows and of the plan.  Rows of weight 0 are kept: as in
 * laeken, p = 0 and p = 1 give the smallest and largest value whatever its
 * weight.  Where laeken would warn and return 0 (all weights 0) or NaN (a
 * zero weighted sum of values, for the Gini), these functions return NULL.
 *
 * Memory: 16 bytes per row (two float8).  Transition and combine functions
 * allocate by the rule of state_text.h: an aggregate's state doubles its
 * capacity when full, so it holds at most 32 bytes per row; while it grows,
 * the old state, the bigger temporary copy and nodeAgg's copy of it in the
 * aggregate context coexist briefly (up to 80 bytes per row).  The final
 * functions sort a copy (16 bytes per row more) unless the state is already
 * sorted.  A state holds at most SAMPLE_MAX_PAIRS (67,108,862) rows.
 */
#include "postgres.h"

#include <float.h>
#include <math.h>

#include "fmgr.h"
#include "libpq/pqformat.h"
#include "port/pg_bitutils.h"
#include "utils/builtins.h"

#include "fixed_point.h"
#include "nls.h"
#include "sample_state.h"
#include "state_text.h"

PG_FUNCTION_INFO_V1(sample_state_in);
PG_FUNCTION_INFO_V1(sample_state_out);
PG_FUNCTION_INFO_V1(sample_state_recv);
PG_FUNCTION_INFO_V1(sample_state_send);
PG_FUNCTION_INFO_V1(sample_state_accum);
PG_FUNCTION_INFO_V1(sample_state_accum_quantile);
PG_FUNCTION_INFO_V1(sample_state_combine);
PG_FUNCTION_INFO_V1(sample_state_finish);
PG_FUNCTION_INFO_V1(sample_gini);
PG_FUNCTION_INFO_V1(sample_quantile);
PG_FUNCTION_INFO_V1(sample_quantile_stored);
PG_FUNCTION_INFO_V1(sample_median);

/* Capacity of a state's first allocation in an aggregate, in pairs. */
#define SAMPLE_INITIAL_CAPACITY 16

/* Order of pairs: by value, then by weight. */
static int
ComparePairs(const void *a, const void *b)
{
	const SamplePair *x = (const SamplePair *) a;
	const SamplePair *y = (const SamplePair *) b;

	if (x->value != y->value)
		return x->value < y->value ? -1 : 1;
	if (x->weight != y->weight)
		return x->weight < y->weight ? -1 : 1;
	return 0;
}

/* Below this many pairs, SortPairs uses qsort. */
#define SAMPLE_RADIX_MIN_PAIRS 1024
/* Bits of a key sorted per pass of SortPairs, and the passes a 64-bit key needs. */
#define SAMPLE_RADIX_BITS 11
#define SAMPLE_RADIX_PASSES ((64 + SAMPLE_RADIX_BITS - 1) / SAMPLE_RADIX_BITS)

/*
 * A float8 as an unsigned integer in the same order: the sign bit flipped
 * for a non-negative number, every bit flipped for a negative one.  Pairs
 * hold no NaN, and no -0 (AppendPair makes it +0).
 */
static inline uint64
OrderedKey(float8 x)
{
	uint64		bits;

	memcpy(&bits, &x, sizeof(bits));
	return (bits & UINT64CONST(0x8000000000000000)) ? ~bits : bits | UINT64CONST(0x8000000000000000);
}

/*
 * Sorts n pairs in the order of ComparePairs.  Large arrays are sorted by a
 * least-significant-digit radix sort on the ordered keys of the weight, then
 * of the value (every pass stable), skipping the passes whose digit is the
 * same in every pair: on 1,000,000 pairs it takes a fraction of qsort's
 * time, which calls ComparePairs some 20 times per pair.  The result is the
 * same, since pairs that ComparePairs finds equal are equal.  It needs a
 * second array of n pairs for the time of the sort.
 */
static void
SortPairs(SamplePair *pairs, int64 n)
{
	uint64	   *counts;
	SamplePair *from = pairs;
	SamplePair *to;
	int			pass;
	int64		i;

	if (n < SAMPLE_RADIX_MIN_PAIRS)
	{
		qsort(pairs, n, sizeof(SamplePair), ComparePairs);
		return;
	}
	/* one histogram per pass: weight digits in passes 0-5, value digits in 6-11 */
	counts = palloc0(sizeof(uint64) * 2 * SAMPLE_RADIX_PASSES << SAMPLE_RADIX_BITS);
	for (i = 0; i < n; i++)
	{
		uint64		keys[2] = {OrderedKey(pairs[i].weight), OrderedKey(pairs[i].value)};

		for (pass = 0; pass < 2 * SAMPLE_RADIX_PASSES; pass++)
		{
			uint64		digit = (keys[pass / SAMPLE_RADIX_PASSES] >> (SAMPLE_RADIX_BITS * (pass % SAMPLE_RADIX_PASSES))) &
				((1 << SAMPLE_RADIX_BITS) - 1);

			counts[((uint64) pass << SAMPLE_RADIX_BITS) + digit]++;
		}
	}
	to = palloc(n * sizeof(SamplePair));
	for (pass = 0; pass < 2 * SAMPLE_RADIX_PASSES; pass++)
	{
		uint64	   *count = counts + ((uint64) pass << SAMPLE_RADIX_BITS);
		int			shift = SAMPLE_RADIX_BITS * (pass % SAMPLE_RADIX_PASSES);
		bool		on_value = pass >= SAMPLE_RADIX_PASSES;
		uint64		start = 0;
		int			digit;
		SamplePair *swap;

		/* a digit every pair shares does not reorder them */
		if (count[(OrderedKey(on_value ? from[0].value : from[0].weight) >> shift) &
				  ((1 << SAMPLE_RADIX_BITS) - 1)] == (uint64) n)
			continue;
		for (digit = 0; digit < (1 << SAMPLE_RADIX_BITS); digit++)
		{
			uint64		c = count[digit];

			count[digit] = start;
			start += c;
		}
		for (i = 0; i < n; i++)
		{
			uint64		key = OrderedKey(on_value ? from[i].value : from[i].weight);

			to[count[(key >> shift) & ((1 << SAMPLE_RADIX_BITS) - 1)]++] = from[i];
		}
		swap = from;
		from = to;
		to = swap;
	}
	if (from != pairs)
	{
		memcpy(pairs, from, n * sizeof(SamplePair));
		to = from;
	}
	pfree(to);
	pfree(counts);
}

/* A new state with room for 'capacity' pairs, the spare slots zeroed, in the current memory context. */
static SampleState *
NewSampleState(int32 capacity)
{
	SampleState *state = palloc0(SAMPLE_STATE_SIZE(capacity));

	SET_VARSIZE(state, SAMPLE_STATE_SIZE(capacity));
	state->version = SAMPLE_STATE_VERSION;
	state->flags = SAMPLE_SORTED;
	state->capacity = capacity;
	return state;
}

/* A copy of a state with room for 'capacity' >= count pairs, the spare slots zeroed. */
static SampleState *
CopySampleState(const SampleState *state, int32 capacity)
{
	SampleState *copy = PovextStateCopy(state, SAMPLE_STATE_SIZE(state->count), SAMPLE_STATE_SIZE(capacity));

	copy->capacity = capacity;
	return copy;
}

/*
 * A state the caller may append 'extra' pairs to, by the allocation rule of
 * state_text.h: the aggregate's own transition value if it has room, else a
 * bigger copy (a new state if NULL; in an aggregate, the first holds
 * SAMPLE_INITIAL_CAPACITY pairs).
 */
static SampleState *
StateWithRoom(FunctionCallInfo fcinfo, SampleState *state, int32 extra)
{
	int64		needed = (int64) (state ? state->count : 0) + extra;
	int32		capacity;

	if (needed > SAMPLE_MAX_PAIRS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("sample_state cannot hold more than %d rows", SAMPLE_MAX_PAIRS),
				 errdetail("A state is a single value of at most 1 GB, 16 bytes per row."),
				 errhint("Aggregate smaller groups, or sample the rows.")));
	if (state && PovextStateHasRoom(fcinfo, state, SAMPLE_STATE_SIZE(state->capacity), SAMPLE_STATE_SIZE(needed)))
		return state;
	capacity = (int32) PovextStateCapacity(fcinfo, needed, state ? state->capacity : SAMPLE_INITIAL_CAPACITY / 2,
										   SAMPLE_MAX_PAIRS);
	if (state == NULL)
		return NewSampleState(capacity);
	return CopySampleState(state, capacity);
}

/* Rejects a value that is not finite; returns it with -0 made +0, so that equal values print alike. */
static float8
CheckValue(float8 value)
{
	if (isnan(value) || isinf(value))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("value must be a finite number"),
				 errdetail("A row has value %s.", PovextFloat8TextExact(value))));
	return value + 0.0;
}

/* Rejects a quantile order outside [0, 1]. */
static void
CheckOrder(float8 p)
{
	if (isnan(p) || p < 0 || p > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("quantile order must be between 0 and 1"),
				 errdetail("The order given was %s.", PovextFloat8TextExact(p))));
}

/* Sets the quantile order of a state that has none, or checks that it equals the state's. */
static void
MatchOrder(SampleState *state, float8 p, bool merging)
{
	if (!(state->flags & SAMPLE_HAS_P))
	{
		state->p = p;
		state->flags |= SAMPLE_HAS_P;
		return;
	}
	if (state->p == p)
		return;
	if (merging)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot merge sample_state values with different quantile orders"),
				 errdetail("The orders are %s and %s.", PovextFloat8TextExact(state->p), PovextFloat8TextExact(p))));
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("quantile order changed within one aggregation"),
			 errdetail("The aggregation started with order %s and a row has order %s.",
					   PovextFloat8TextExact(state->p), PovextFloat8TextExact(p)),
			 errhint("The order of weighted_quantile must be the same for every row of a group.")));
}

/*
 * Appends a pair to a state with room for it, keeping the sorted flag true
 * only while the pairs stay in order; -0 is made +0, so that equal values
 * print alike.  Pairs of rows are checked before, pairs of input after.
 */
static void
AppendPair(SampleState *state, float8 value, float8 weight)
{
	SamplePair *pair = &state->pairs[state->count];

	pair->value = value + 0.0;
	pair->weight = weight + 0.0;
	if (state->count > 0 && ComparePairs(pair - 1, pair) > 0)
		state->flags &= ~SAMPLE_SORTED;
	state->count++;
}

/* The pairs of a state in order: its own if sorted, else a sorted copy. */
static const SamplePair *
SortedPairs(const SampleState *state)
{
	SamplePair *copy;

	if (state->flags & SAMPLE_SORTED)
		return state->pairs;
	copy = palloc(Max(state->count, 1) * sizeof(SamplePair));
	memcpy(copy, state->pairs, state->count * sizeof(SamplePair));
	SortPairs(copy, state->count);
	return copy;
}

/*
 * What makes a state inconsistent, as a sentence; NULL if nothing.  Every
 * state the aggregates build passes, so a state read from text or binary
 * must pass too.
 */
static const char *
SampleStateProblem(const SampleState *state)
{
	int			i;

	if (state->version != SAMPLE_STATE_VERSION || (state->flags & ~(SAMPLE_SORTED | SAMPLE_HAS_P)))
		return _("The state has an unknown version or unknown flags.");
	if ((state->flags & SAMPLE_HAS_P) ? !(state->p >= 0 && state->p <= 1) : state->p != 0)
		return psprintf(_("The quantile order p is %s; it must be between 0 and 1."), PovextFloat8TextExact(state->p));
	if (state->count < 0 || state->count > state->capacity || state->capacity > SAMPLE_MAX_PAIRS)
		return _("The row count is out of range.");
	for (i = 0; i < state->count; i++)
	{
		const SamplePair *pair = &state->pairs[i];

		if (isnan(pair->value) || isinf(pair->value) || isnan(pair->weight) || isinf(pair->weight) ||
			pair->weight < 0)
			return psprintf(_("Row %d has value %s and weight %s; values must be finite and weights finite and not negative."),
							i + 1, PovextFloat8TextExact(pair->value), PovextFloat8TextExact(pair->weight));
		if ((state->flags & SAMPLE_SORTED) && i > 0 && ComparePairs(pair - 1, pair) > 0)
			return _("The state is marked sorted but its rows are not in order.");
	}
	return NULL;
}

/* An empty state for 'count' pairs of text or binary input, with quantile order p if 'has_p' (else p is 0). */
static SampleState *
NewInputState(int32 count, bool has_p, float8 p)
{
	SampleState *state = NewSampleState(count);

	if (has_p)
		state->flags |= SAMPLE_HAS_P;
	state->p = p;
	return state;
}

/* Members of the text form, in output order. */
static const char *const sample_state_keys[] = {"p", "values", "weights"};

enum SampleStateKey
{
	SAMPLE_KEY_P, SAMPLE_KEY_VALUES, SAMPLE_KEY_WEIGHTS
};

/* Reads a JSON array of numbers into a palloc'd array; returns its length. */
static int
ReadNumbers(StateTextReader *reader, const char *key, float8 **numbers)
{
	int			count = 0;
	int			allocated = 64;

	*numbers = palloc(allocated * sizeof(float8));
	PovextStateTextBeginArray(reader, key);
	while (PovextStateTextNextElement(reader))
	{
		if (count == SAMPLE_MAX_PAIRS)
			PovextStateTextError(reader, psprintf(_("A sample_state holds at most %d rows."), SAMPLE_MAX_PAIRS));
		if (count == allocated)
		{
			allocated = Min((int64) allocated * 2, SAMPLE_MAX_PAIRS);
			*numbers = repalloc(*numbers, allocated * sizeof(float8));
		}
		(*numbers)[count++] = PovextStateTextReadFloat8(reader, key);
	}
	return count;
}

/* Text input: the JSON object sample_state_out writes, members in any order; pairs may come in any order. */
Datum
sample_state_in(PG_FUNCTION_ARGS)
{
	const char *input = PG_GETARG_CSTRING(0);
	StateTextReader reader;
	const char *key;
	int			member;
	bool		has_p = false;
	float8		p = 0;
	float8	   *values = NULL;
	float8	   *weights = NULL;
	int			value_count = 0;
	int			weight_count = 0;
	SampleState *state;
	int			i;

	PovextStateTextBegin(&reader, "sample_state", input, SAMPLE_STATE_VERSION,
						 sample_state_keys, lengthof(sample_state_keys));
	while ((member = PovextStateTextNextMember(&reader, &key)) >= 0)
	{
		switch ((enum SampleStateKey) member)
		{
			case SAMPLE_KEY_P:
				has_p = !PovextStateTextReadNull(&reader);
				if (has_p)
					p = PovextStateTextReadFloat8(&reader, key);
				break;
			case SAMPLE_KEY_VALUES:
				value_count = ReadNumbers(&reader, key, &values);
				break;
			case SAMPLE_KEY_WEIGHTS:
				weight_count = ReadNumbers(&reader, key, &weights);
				break;
		}
	}
	PovextStateTextEnd(&reader, 0);
	if (value_count != weight_count)
		PovextStateTextError(&reader, psprintf(_("There are %d values and %d weights; there must be one weight per value."),
											   value_count, weight_count));
	state = NewInputState(value_count, has_p, p + 0.0);
	for (i = 0; i < value_count; i++)
		AppendPair(state, values[i], weights[i]);
	PovextStateTextCheck(&reader, SampleStateProblem(state));
	PG_RETURN_POINTER(state);
}

/* Text output: {"p": ..., "values": [...], "weights": [...]}, pairs in order, numbers exact. */
Datum
sample_state_out(PG_FUNCTION_ARGS)
{
	SampleState *state = PG_GETARG_SAMPLE_STATE_P(0);
	const SamplePair *pairs = SortedPairs(state);
	StringInfoData out;
	int			i;

	PovextStateTextStart(&out, SAMPLE_STATE_VERSION);
	PovextAppendFloat8Member(&out, "p", (state->flags & SAMPLE_HAS_P) != 0, state->p);
	appendStringInfoString(&out, ", \"values\": [");
	for (i = 0; i < state->count; i++)
	{
		if (i > 0)
			appendStringInfoString(&out, ", ");
		PovextAppendFloat8Exact(&out, pairs[i].value);
	}
	appendStringInfoString(&out, "], \"weights\": [");
	for (i = 0; i < state->count; i++)
	{
		if (i > 0)
			appendStringInfoString(&out, ", ");
		PovextAppendFloat8Exact(&out, pairs[i].weight);
	}
	appendStringInfoString(&out, "]}");
	PG_RETURN_CSTRING(out.data);
}

/* Binary input: version byte, flags byte, p, count, then (value, weight) pairs. */
Datum
sample_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			flags;
	float8		p;
	int32		count;
	SampleState *state;
	int			i;

	PovextStateBinaryVersion(buf, "sample_state", SAMPLE_STATE_VERSION, false);
	flags = pq_getmsgbyte(buf);
	p = pq_getmsgfloat8(buf);
	count = pq_getmsgint(buf, 4);
	if ((flags & ~SAMPLE_HAS_P) || count < 0 || count > SAMPLE_MAX_PAIRS || (int64) count * 16 > buf->len - buf->cursor)
		PovextStateBinaryError("sample_state", _("The flags or row count are invalid."));
	state = NewInputState(count, flags != 0, p);
	for (i = 0; i < count; i++)
	{
		float8		value = pq_getmsgfloat8(buf);

		AppendPair(state, value, pq_getmsgfloat8(buf));
	}
	PovextStateBinaryCheck("sample_state", SampleStateProblem(state));
	PG_RETURN_POINTER(state);
}

/* Binary output, pairs in order. */
Datum
sample_state_send(PG_FUNCTION_ARGS)
{
	SampleState *state = PG_GETARG_SAMPLE_STATE_P(0);
	const SamplePair *pairs = SortedPairs(state);
	StringInfoData buf;
	int			i;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, SAMPLE_STATE_VERSION);
	pq_sendbyte(&buf, state->flags & SAMPLE_HAS_P);
	pq_sendfloat8(&buf, state->p);
	pq_sendint32(&buf, state->count);
	for (i = 0; i < state->count; i++)
	{
		pq_sendfloat8(&buf, pairs[i].value);
		pq_sendfloat8(&buf, pairs[i].weight);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/*
 * Appends one row to the state of argument 0 and returns the state; 'skip'
 * (a NULL argument) leaves the state as it is.  Shared by the transition
 * functions; 'p' is the quantile order when 'has_p'.
 */
static Datum
AccumulateRow(FunctionCallInfo fcinfo, bool skip, float8 value, float8 weight, bool has_p, float8 p)
{
	SampleState *state = PG_ARGISNULL(0) ? NULL : PG_GETARG_SAMPLE_STATE_P(0);

	if (skip)
	{
		if (state == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(state);
	}
	value = CheckValue(value);
	weight = PovextCheckNonNegative(weight, _("weight"));
	if (has_p)
	{
		CheckOrder(p);
		if (state && (state->flags & SAMPLE_HAS_P))
			MatchOrder(state, p, false);	/* check before copying */
	}
	state = StateWithRoom(fcinfo, state, 1);
	if (has_p)
		MatchOrder(state, p, false);
	AppendPair(state, value, weight);
	Assert(SampleStateProblem(state) == NULL);
	PG_RETURN_POINTER(state);
}

/* Transition function of sample_state_agg, gini and weighted_median: (state, value[, weight]); the weight defaults to 1. */
Datum
sample_state_accum(PG_FUNCTION_ARGS)
{
	bool		skip = PG_ARGISNULL(1) || (PG_NARGS() > 2 && PG_ARGISNULL(2));

	return AccumulateRow(fcinfo, skip,
						 skip ? 0 : PG_GETARG_FLOAT8(1),
						 skip || PG_NARGS() <= 2 ? 1.0 : PG_GETARG_FLOAT8(2),
						 false, 0);
}

/* Transition function of weighted_quantile: (state, value, weight, p); p is kept in the state and must not change. */
Datum
sample_state_accum_quantile(PG_FUNCTION_ARGS)
{
	bool		skip = PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3);

	return AccumulateRow(fcinfo, skip,
						 skip ? 0 : PG_GETARG_FLOAT8(1),
						 skip ? 0 : PG_GETARG_FLOAT8(2),
						 true, skip ? 0 : PG_GETARG_FLOAT8(3));
}

/*
 * Combine function, transition function of sample_state_merge and operator
 * +: the pairs of both states.  NULL or empty on either side gives the other;
 * different quantile orders are an error.
 */
Datum
sample_state_combine(PG_FUNCTION_ARGS)
{
	SampleState *state;
	SampleState *other;
	bool		sorted;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	other = PG_GETARG_SAMPLE_STATE_P(1);
	if (PG_ARGISNULL(0))
		PG_RETURN_POINTER(other);
	state = PG_GETARG_SAMPLE_STATE_P(0);
	if ((other->flags & SAMPLE_HAS_P) && (state->flags & SAMPLE_HAS_P))
		MatchOrder(state, other->p, true);	/* check before copying */

	sorted = (state->flags & SAMPLE_SORTED) && (other->flags & SAMPLE_SORTED) &&
		(state->count == 0 || other->count == 0 ||
		 ComparePairs(&state->pairs[state->count - 1], &other->pairs[0]) <= 0);
	state = StateWithRoom(fcinfo, state, other->count);
	memcpy(&state->pairs[state->count], other->pairs, other->count * sizeof(SamplePair));
	state->count += other->count;
	if (other->flags & SAMPLE_HAS_P)
		MatchOrder(state, other->p, true);
	if (sorted)
		state->flags |= SAMPLE_SORTED;
	else
		state->flags &= ~SAMPLE_SORTED;
	Assert(SampleStateProblem(state) == NULL);
	PG_RETURN_POINTER(state);
}

/* Final function of sample_state_agg and sample_state_merge: the state sorted and without spare slots. */
Datum
sample_state_finish(PG_FUNCTION_ARGS)
{
	SampleState *state = PG_GETARG_SAMPLE_STATE_P(0);
	SampleState *result;

	if ((state->flags & SAMPLE_SORTED) && state->capacity == state->count)
		PG_RETURN_POINTER(state);
	result = CopySampleState(state, state->count);
	if (!(result->flags & SAMPLE_SORTED))
	{
		SortPairs(result->pairs, result->count);
		result->flags |= SAMPLE_SORTED;
	}
	PG_RETURN_POINTER(result);
}

/*
 * Powers of two by which the Gini and the quantiles divide values and
 * weights so that no float8 sum or product overflows: with m = max |x| and
 * sw = sum w, every product and sum of the Gini is at most 2 m sw^2.  Both
 * are 0 (R's arithmetic, bit for bit) unless 4 m sw^2 could exceed the
 * float8 range; then m and a bound of sw are brought into [1, 2).  Scaling by a power of
 * two is exact, and the Gini and the cumulative weight ratios do not depend
 * on the scale of values or weights, so only terms below 2^-1074 of the
 * largest are lost.
 */
typedef struct SampleScale
{
	int			value_exponent;
	int			weight_exponent;
} SampleScale;

/*
 * The scale of sorted pairs; see SampleScale.  The bound on sw comes from
 * the heaviest weight and the count, not from a sum, which could overflow
 * where long double is no wider than float8 (or under Valgrind).
 */
static SampleScale
ScaleOf(const SamplePair *pairs, int count)
{
	SampleScale scale = {0, 0};
	float8		largest = 0;
	float8		heaviest = 0;
	int			value_log;
	int			weight_log;
	int			i;

	for (i = 0; i < count; i++)
	{
		largest = Max(largest, fabs(pairs[i].value));
		heaviest = Max(heaviest, pairs[i].weight);
	}
	value_log = largest > 0 ? ilogb(largest) : 0;
	/* sw <= count * heaviest < 2^(ilogb(heaviest) + 1 + ceil(log2(count))) */
	weight_log = heaviest > 0 ? ilogb(heaviest) + (int) pg_ceil_log2_32((uint32) count) : 0;
	/* m < 2^(value_log + 1) and sw < 2^(weight_log + 1) */
	if (value_log + 2 * weight_log + 5 > DBL_MAX_EXP - 1)
	{
		scale.value_exponent = value_log;
		scale.weight_exponent = weight_log;
	}
	return scale;
}

/* Sum of the scaled weights of sorted pairs, accumulated in long double as R's sum() does. */
static float8
TotalWeight(const SamplePair *pairs, int count, SampleScale scale)
{
	long double total = 0;
	int			i;

	for (i = 0; i < count; i++)
		total += ldexp(pairs[i].weight, -scale.weight_exponent);
	return (float8) total;
}

/* Mean of two float8 as R's mean() computes it: long double sum, then a correction pass. */
static float8
MeanOfTwo(float8 a, float8 b)
{
	long double mean = ((long double) a + b) / 2;

	if (isfinite((float8) mean))
	{
		long double correction = ((long double) a - mean) + ((long double) b - mean);

		mean += correction / 2;
	}
	return (float8) mean;
}

/* laeken::weightedQuantile of sorted pairs; false (NULL) if there are none or their weights sum to 0. */
static bool
WeightedQuantile(const SamplePair *pairs, int count, float8 p, float8 *result)
{
	SampleScale scale = ScaleOf(pairs, count);
	float8		total = TotalWeight(pairs, count, scale);
	long double cumulative = 0;
	int			i;

	if (count == 0 || total == 0)
		return false;
	if (p == 0)
	{
		*result = pairs[0].value;
		return true;
	}
	if (p == 1)
	{
		*result = pairs[count - 1].value;
		return true;
	}
	for (i = 0; i < count; i++)
	{
		float8		ratio;

		cumulative += ldexp(pairs[i].weight, -scale.weight_exponent);
		ratio = (float8) cumulative / total;
		if (ratio >= p)
		{
			if (ratio == p && i + 1 < count)
				*result = MeanOfTwo(pairs[i].value, pairs[i + 1].value);
			else
				*result = pairs[i].value;
			return true;
		}
	}
	/* not reached: the last ratio is 1 */
	*result = pairs[count - 1].value;
	return true;
}

/* laeken::gini of sorted pairs, in percent; false (NULL) if there are none, their weights sum to 0 or sum(w x) is 0. */
static bool
WeightedGini(const SamplePair *pairs, int count, float8 *result)
{
	SampleScale scale = ScaleOf(pairs, count);
	long double cumulative = 0;
	long double sum_wxcw = 0;
	long double sum_wwx = 0;
	long double sum_wx = 0;
	float8		sw;
	float8		a;
	float8		b;
	float8		c;
	int			i;

	for (i = 0; i < count; i++)
	{
		float8		w = ldexp(pairs[i].weight, -scale.weight_exponent);
		float8		x = ldexp(pairs[i].value, -scale.value_exponent);
		float8		wx = w * x;
		float8		cw;

		cumulative += w;
		cw = (float8) cumulative;
		sum_wxcw += wx * cw;
		sum_wwx += (w * w) * x;
		sum_wx += wx;
	}
	sw = (float8) cumulative;
	a = (float8) sum_wxcw;
	b = (float8) sum_wwx;
	c = (float8) sum_wx;
	if (count == 0 || sw == 0 || c == 0)
		return false;
	*result = 100 * ((2 * a - b) / (sw * c) - 1);
	return true;
}

/* Weighted Gini coefficient in percent (laeken::gini); NULL for an empty sample, zero total weight or zero total. */
Datum
sample_gini(PG_FUNCTION_ARGS)
{
	SampleState *state = PG_GETARG_SAMPLE_STATE_P(0);
	float8		result;

	if (!WeightedGini(SortedPairs(state), state->count, &result))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(result);
}

/* Quantile of order p (laeken::weightedQuantile); NULL for an empty sample or zero total weight. */
Datum
sample_quantile(PG_FUNCTION_ARGS)
{
	SampleState *state = PG_GETARG_SAMPLE_STATE_P(0);
	float8		p = PG_GETARG_FLOAT8(1);
	float8		result;

	CheckOrder(p);
	if (!WeightedQuantile(SortedPairs(state), state->count, p, &result))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(result);
}

/* Quantile of the order kept in the state (final function of weighted_quantile); NULL if it has none. */
Datum
sample_quantile_stored(PG_FUNCTION_ARGS)
{
	SampleState *state = PG_GETARG_SAMPLE_STATE_P(0);
	float8		result;

	if (!(state->flags & SAMPLE_HAS_P) ||
		!WeightedQuantile(SortedPairs(state), state->count, state->p, &result))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(result);
}

/* Weighted median (laeken::weightedMedian, the quantile of order 0.5). */
Datum
sample_median(PG_FUNCTION_ARGS)
{
	SampleState *state = PG_GETARG_SAMPLE_STATE_P(0);
	float8		result;

	if (!WeightedQuantile(SortedPairs(state), state->count, 0.5, &result))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(result);
}
