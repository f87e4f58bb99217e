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

#include "common/base64.h"
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
		state->p = p + 0.0;		/* -0 as 0, so that equal orders print alike */
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

/* An empty state for 'count' pairs of text or binary input, with quantile order p if 'has_p' (else p is 0); -0 is made 0. */
static SampleState *
NewInputState(int32 count, bool has_p, float8 p)
{
	SampleState *state = NewSampleState(count);

	if (has_p)
		state->flags |= SAMPLE_HAS_P;
	state->p = p + 0.0;
	return state;
}

/*
 * The compact text form (format SAMPLE_TEXT_COMPACT), written for states of
 * more than SAMPLE_READABLE_MAX_PAIRS rows, since Citus ships partial states
 * between nodes as their text:
 *
 *	 {"version": 2, "p": null, "count": 2000000, "value_decimals": 0,
 *	  "weight_decimals": 0, "pairs": "<base64>"}
 *
 * The pairs, in order, are numbers of "value_decimals" (and
 * "weight_decimals") decimal places, each kept as the integer n with
 * value = n / 10^decimals (a float8 division, exact for |n| <= 2^53 and
 * what reading a decimal gives), or, when decimals is null, as the bits of
 * the float8.  Runs of equal pairs are merged.  "pairs" is the base64 of
 * unsigned LEB128 varints, per run:
 *	 - the value: for the first run, n zigzag-encoded (or the ordered key of
 *	   the float8, see OrderedKey); then the increase over the previous run's,
 *	   never negative since the pairs are sorted;
 *	 - 2 * m + r, where m is the weight's n (or the bits of the float8, a
 *	   weight being never negative) and r is 1 if the run has more than one
 *	   pair;
 *	 - if r is 1, the run's length minus 2.
 * The writer uses the fewest decimals (at most SAMPLE_MAX_DECIMALS) that
 * give back every value (weight) exactly, so the text reads back to the
 * same pairs and the same text.
 */
#define SAMPLE_MAX_DECIMALS 15
#define SAMPLE_EXACT_INTEGER_LIMIT (INT64CONST(1) << 53)

/* Powers of ten to SAMPLE_MAX_DECIMALS, exact in float8. */
static const float8 sample_powers_of_ten[SAMPLE_MAX_DECIMALS + 1] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15
};

/* The float8 of its bits. */
static inline float8
BitsToFloat8(uint64 bits)
{
	float8		x;

	memcpy(&x, &bits, sizeof(x));
	return x;
}

/* The float8 of an ordered key (inverse of OrderedKey). */
static inline float8
KeyToFloat8(uint64 key)
{
	return BitsToFloat8((key & UINT64CONST(0x8000000000000000)) ? key & ~UINT64CONST(0x8000000000000000) : ~key);
}

/* The bits of a float8, as an integer. */
static inline uint64
Float8Bits(float8 x)
{
	uint64		bits;

	memcpy(&bits, &x, sizeof(bits));
	return bits;
}

/* The integer n with x = n / 10^decimals exactly, |n| <= 2^53; false if there is none. */
static inline bool
DecimalOf(float8 x, int decimals, int64 *n)
{
	float8		scaled = x * sample_powers_of_ten[decimals];

	if (!(fabs(scaled) <= (float8) SAMPLE_EXACT_INTEGER_LIMIT))
		return false;
	scaled = rint(scaled);
	if (scaled / sample_powers_of_ten[decimals] != x)
		return false;
	*n = (int64) scaled;
	return true;
}

/*
 * The fewest decimals that give back every value (if 'of_weights', every
 * weight) of the pairs exactly, or -1 (the bits are written) if none up to
 * SAMPLE_MAX_DECIMALS does.  A number exact with d decimals is almost
 * always exact with more, but not always (rounding of x * 10^d), so the
 * result is checked on every number.
 */
static int
DecimalsOf(const SamplePair *pairs, int count, bool of_weights)
{
	int			decimals = 0;
	int64		n;
	int			i;

	for (i = 0; i < count; i++)
		while (!DecimalOf(of_weights ? pairs[i].weight : pairs[i].value, decimals, &n))
			if (++decimals > SAMPLE_MAX_DECIMALS)
				return -1;
	for (i = 0; i < count; i++)
		if (!DecimalOf(of_weights ? pairs[i].weight : pairs[i].value, decimals, &n))
			return -1;
	return decimals;
}

/* The integer a value is written as: n with 'decimals' (zigzag-free, in order), or its ordered key if decimals is -1. */
static inline uint64
ValueCode(float8 value, int decimals)
{
	int64		n = 0;

	if (decimals < 0)
		return OrderedKey(value);
	(void) DecimalOf(value, decimals, &n);
	return (uint64) n;
}

/* The integer a weight is written as: n with 'decimals', or its bits if decimals is -1. */
static inline uint64
WeightCode(float8 weight, int decimals)
{
	int64		n = 0;

	if (decimals < 0)
		return Float8Bits(weight);
	(void) DecimalOf(weight, decimals, &n);
	return (uint64) n;
}

/* Appends an unsigned LEB128 varint. */
static void
AppendVarint(StringInfo out, uint64 x)
{
	while (x >= 0x80)
	{
		appendStringInfoChar(out, (char) (x & 0x7f) | 0x80);
		x >>= 7;
	}
	appendStringInfoChar(out, (char) x);
}

/* Appends the members of the compact form after "p" for sorted pairs. */
static void
AppendCompactPairs(StringInfo out, const SamplePair *pairs, int count)
{
	int			value_decimals = DecimalsOf(pairs, count, false);
	int			weight_decimals = DecimalsOf(pairs, count, true);
	StringInfoData bytes;
	uint64		previous = 0;
	int			encoded_length;
	int			i;

	initStringInfo(&bytes);
	for (i = 0; i < count;)
	{
		uint64		value = ValueCode(pairs[i].value, value_decimals);
		int			run = 1;

		while (i + run < count && pairs[i + run].value == pairs[i].value &&
			   pairs[i + run].weight == pairs[i].weight)
			run++;
		if (i == 0)
			AppendVarint(&bytes, value_decimals < 0 ? value :
						 ((uint64) value << 1) ^ (uint64) ((int64) value >> 63));
		else
			AppendVarint(&bytes, value - previous);
		AppendVarint(&bytes, WeightCode(pairs[i].weight, weight_decimals) * 2 + (run > 1));
		if (run > 1)
			AppendVarint(&bytes, run - 2);
		previous = value;
		i += run;
	}
	appendStringInfo(out, ", \"count\": %d, \"value_decimals\": ", count);
	if (value_decimals < 0)
		appendStringInfoString(out, "null");
	else
		appendStringInfo(out, "%d", value_decimals);
	appendStringInfoString(out, ", \"weight_decimals\": ");
	if (weight_decimals < 0)
		appendStringInfoString(out, "null");
	else
		appendStringInfo(out, "%d", weight_decimals);
	appendStringInfoString(out, ", \"pairs\": \"");
	encoded_length = pg_b64_enc_len(bytes.len);
	enlargeStringInfo(out, encoded_length + 2);
	out->len += pg_b64_encode(bytes.data, bytes.len, out->data + out->len, encoded_length);
	appendStringInfoString(out, "\"}");
	pfree(bytes.data);
}

/* Reads the next varint of the pairs of a compact text; errors on a truncated or overlong one. */
static uint64
ReadVarint(StateTextReader *reader, const uint8 **p, const uint8 *end)
{
	uint64		x = 0;
	int			shift;

	for (shift = 0;; shift += 7)
	{
		uint8		byte;

		if (*p == end)
			PovextStateTextError(reader, _("Member \"pairs\" ends in the middle of a number."));
		byte = *(*p)++;
		if (shift == 63 && byte > 1)
			PovextStateTextError(reader, _("Member \"pairs\" holds a number of more than 64 bits."));
		x |= (uint64) (byte & 0x7f) << shift;
		if (!(byte & 0x80))
			return x;
	}
}

/* The float8 of n / 10^decimals, or of the bits (ordered key, for a value) when decimals is -1; n must be exact. */
static float8
DecodedNumber(StateTextReader *reader, uint64 code, int decimals, bool is_value)
{
	int64		n = (int64) code;

	if (decimals < 0)
		return is_value ? KeyToFloat8(code) : BitsToFloat8(code);
	if (n < -SAMPLE_EXACT_INTEGER_LIMIT || n > SAMPLE_EXACT_INTEGER_LIMIT)
		PovextStateTextError(reader, _("Member \"pairs\" holds a number beyond 2^53 units of its decimals."));
	return (float8) n / sample_powers_of_ten[decimals];
}

/*
 * Decodes the pairs of a compact text ('bytes', 'length' bytes) into
 * 'state', or only counts them if 'state' is NULL (so that a claimed count
 * allocates nothing before the pairs are known to hold it); errors on
 * anything malformed or on more than 'count' pairs.  Returns the count.
 */
static int64
DecodePairs(StateTextReader *reader, const uint8 *bytes, int length, int64 count,
			int value_decimals, int weight_decimals, SampleState *state)
{
	const uint8 *p = bytes;
	const uint8 *end = bytes + length;
	uint64		value = 0;
	int64		total = 0;

	while (p < end)
	{
		uint64		code = ReadVarint(reader, &p, end);
		uint64		weight;
		uint64		run = 1;
		float8		x;
		float8		w;

		if (total == 0)
			value = value_decimals < 0 ? code : (code >> 1) ^ (0 - (code & 1));
		else if (value_decimals < 0 ? code > PG_UINT64_MAX - value :
				 code > (uint64) (2 * SAMPLE_EXACT_INTEGER_LIMIT) ||
				 (int64) value + (int64) code > SAMPLE_EXACT_INTEGER_LIMIT)
			PovextStateTextError(reader, _("Member \"pairs\" holds a value increase out of range."));
		else
			value += code;
		weight = ReadVarint(reader, &p, end);
		if (weight & 1)
		{
			run = ReadVarint(reader, &p, end);
			if (count - total < 2 || run > (uint64) (count - total - 2))
				PovextStateTextError(reader, psprintf(_("Member \"pairs\" holds more rows than member \"count\" (%lld)."),
													  (long long) count));
			run += 2;
		}
		else if (total == count)
			PovextStateTextError(reader, psprintf(_("Member \"pairs\" holds more rows than member \"count\" (%lld)."),
												  (long long) count));
		x = DecodedNumber(reader, value, value_decimals, true);
		w = DecodedNumber(reader, weight >> 1, weight_decimals, false);
		if (state)
		{
			uint64		k;

			for (k = 0; k < run; k++)
				AppendPair(state, x, w);
		}
		total += run;
	}
	if (total != count)
		PovextStateTextError(reader, psprintf(_("Member \"count\" is %lld, which is not the number of rows in member \"pairs\" (%lld)."),
											  (long long) count, (long long) total));
	return total;
}

/* Members of the text forms: p, values and weights (readable); p, count, the decimals and pairs (compact). */
static const char *const sample_state_keys[] = {"p", "values", "weights", "count", "value_decimals",
												"weight_decimals", "pairs"};

enum SampleStateKey
{
	SAMPLE_KEY_P, SAMPLE_KEY_VALUES, SAMPLE_KEY_WEIGHTS, SAMPLE_KEY_COUNT, SAMPLE_KEY_VALUE_DECIMALS,
	SAMPLE_KEY_WEIGHT_DECIMALS, SAMPLE_KEY_PAIRS
};

#define SAMPLE_READABLE_KEYS ((1U << SAMPLE_KEY_P) | (1U << SAMPLE_KEY_VALUES) | (1U << SAMPLE_KEY_WEIGHTS))
#define SAMPLE_COMPACT_KEYS ((1U << SAMPLE_KEY_P) | (1U << SAMPLE_KEY_COUNT) | (1U << SAMPLE_KEY_VALUE_DECIMALS) | \
							 (1U << SAMPLE_KEY_WEIGHT_DECIMALS) | (1U << SAMPLE_KEY_PAIRS))

/* Reads the number of decimals of the compact form, or null (-1: the bits are written). */
static int
ReadDecimals(StateTextReader *reader, const char *key)
{
	if (PovextStateTextReadNull(reader))
		return -1;
	return (int) PovextStateTextReadInteger(reader, key, 0, SAMPLE_MAX_DECIMALS);
}

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

/*
 * Text input: either form sample_state_out writes (see above), members in
 * any order; pairs of the readable form may come in any order.  -0 (of p,
 * values and weights) is read as 0.
 */
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
	int64		count = 0;
	int			value_decimals = 0;
	int			weight_decimals = 0;
	char	   *encoded = NULL;
	uint32		members;
	SampleState *state;
	int			i;

	PovextStateTextBeginVersions(&reader, "sample_state", input, SAMPLE_TEXT_READABLE, SAMPLE_TEXT_COMPACT,
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
			case SAMPLE_KEY_COUNT:
				count = PovextStateTextReadInteger(&reader, key, 0, SAMPLE_MAX_PAIRS);
				break;
			case SAMPLE_KEY_VALUE_DECIMALS:
				value_decimals = ReadDecimals(&reader, key);
				break;
			case SAMPLE_KEY_WEIGHT_DECIMALS:
				weight_decimals = ReadDecimals(&reader, key);
				break;
			case SAMPLE_KEY_PAIRS:
				encoded = PovextStateTextReadString(&reader, key);
				break;
		}
	}
	/* the members of the format read, and no other: the other form's are missing or unknown */
	members = reader.version == SAMPLE_TEXT_COMPACT ? SAMPLE_COMPACT_KEYS : SAMPLE_READABLE_KEYS;
	for (i = 0; i < lengthof(sample_state_keys); i++)
		if ((reader.seen & (UINT64CONST(1) << i)) && !(members & (1U << i)))
			PovextStateTextError(&reader, psprintf(_("Member \"%s\" does not belong to format %d."),
												   sample_state_keys[i], reader.version));
	PovextStateTextEnd(&reader, ~members);
	if (reader.version == SAMPLE_TEXT_COMPACT)
	{
		int			length = strlen(encoded);
		uint8	   *bytes = palloc(pg_b64_dec_len(length) + 1);

		length = pg_b64_decode(encoded, length, (char *) bytes, pg_b64_dec_len(length));
		if (length < 0)
			PovextStateTextError(&reader, _("Member \"pairs\" is not valid base64."));
		DecodePairs(&reader, bytes, length, count, value_decimals, weight_decimals, NULL);
		state = NewInputState((int32) count, has_p, p);
		DecodePairs(&reader, bytes, length, count, value_decimals, weight_decimals, state);
	}
	else
	{
		if (value_count != weight_count)
			PovextStateTextError(&reader, psprintf(_("There are %d values and %d weights; there must be one weight per value."),
												   value_count, weight_count));
		state = NewInputState(value_count, has_p, p);
		for (i = 0; i < value_count; i++)
			AppendPair(state, values[i], weights[i]);
	}
	PovextStateTextCheck(&reader, SampleStateProblem(state));
	PG_RETURN_POINTER(state);
}

/*
 * Text output, pairs in order, numbers exact: the readable form
 * {"version": 1, "p": ..., "values": [...], "weights": [...]} for states of
 * at most SAMPLE_READABLE_MAX_PAIRS rows, the compact form (see above) for
 * bigger ones, about a sixth of the readable form's length.
 */
Datum
sample_state_out(PG_FUNCTION_ARGS)
{
	SampleState *state = PG_GETARG_SAMPLE_STATE_P(0);
	const SamplePair *pairs = SortedPairs(state);
	bool		compact = state->count > SAMPLE_READABLE_MAX_PAIRS;
	StringInfoData out;
	int			i;

	PovextStateTextStart(&out, compact ? SAMPLE_TEXT_COMPACT : SAMPLE_TEXT_READABLE);
	PovextAppendFloat8Member(&out, "p", (state->flags & SAMPLE_HAS_P) != 0, state->p);
	if (compact)
	{
		AppendCompactPairs(&out, pairs, state->count);
		PG_RETURN_CSTRING(out.data);
	}
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
	weight = PovextCheckNonNegative(weight, N_("weight"));
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
