/*
 * af_state.c
 *	  Alkire-Foster multidimensional poverty: the povext.af_state type, the
 *	  aggregates that build and merge it, and the measures read from it.
 *
 * With indicator weights w_j, sampling weights s_i and deprivation scores
 * c_i = sum of w_j over the indicators household i is deprived in, at a
 * cutoff k (a household is poor if c_i >= k):
 *	  H  = sum s_i [poor] / sum s_i							headcount ratio
 *	  A  = sum s_i [poor] c_i / sum s_i [poor]					intensity
 *	  M0 = H * A												adjusted headcount ratio
 *	  censored headcount h_j = sum s_i [poor] g_ij / sum s_i	(uncensored: without [poor])
 *	  contribution phi_j = w_j h_j / M0
 * All of these, at every k, follow from the state's rows by score.
 *
 * Transition and combine functions allocate by the rule of state_text.h.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "common/int.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "port/pg_bitutils.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/json.h"
#include "utils/numeric.h"

#include "af_state.h"
#include "catalog_cache.h"
#include "deprivations.h"
#include "fixed_point.h"
#include "nls.h"
#include "numeric_ops.h"
#include "state_text.h"

PG_FUNCTION_INFO_V1(af_state_in);
PG_FUNCTION_INFO_V1(af_state_out);
PG_FUNCTION_INFO_V1(af_state_recv);
PG_FUNCTION_INFO_V1(af_state_send);
PG_FUNCTION_INFO_V1(af_state_accum);
PG_FUNCTION_INFO_V1(af_state_accum_at_cutoff);
PG_FUNCTION_INFO_V1(af_state_combine);
PG_FUNCTION_INFO_V1(af_state_headcount_ratio_final);
PG_FUNCTION_INFO_V1(af_state_intensity_final);
PG_FUNCTION_INFO_V1(af_state_m0_final);
PG_FUNCTION_INFO_V1(af_measures);
PG_FUNCTION_INFO_V1(af_measures_at_count);
PG_FUNCTION_INFO_V1(af_sweep);
PG_FUNCTION_INFO_V1(af_indicators);
PG_FUNCTION_INFO_V1(af_ophi_bands);

static const char *AfStateProblem(const AfState *state);

/* Bytes of a state with n indicators and room for 'capacity' rows. */
static Size
AfStateSize(int indicator_count, int capacity)
{
	return offsetof(AfState, rows) + (Size) capacity * AF_ROW_SIZE(indicator_count);
}

/* A copy of 'state' with room for 'capacity' >= score_count rows, in the current memory context. */
static AfState *
AfStateCopy(const AfState *state, int capacity)
{
	AfState    *copy = PovextStateCopy(state, AfStateSize(state->indicator_count, state->score_count),
									   AfStateSize(state->indicator_count, capacity));

	copy->score_capacity = capacity;
	return copy;
}

/*
 * The state of a transition or combine function, ready to hold 'rows' rows,
 * by the allocation rule of state_text.h: in place in an aggregate when it
 * has room, else a copy (room for at most D + 1 rows, one per score).
 */
static AfState *
AfWritableState(FunctionCallInfo fcinfo, AfState *state, int rows)
{
	if (PovextStateHasRoom(fcinfo, state, AfStateSize(state->indicator_count, state->score_capacity),
						   AfStateSize(state->indicator_count, rows)))
		return state;
	return AfStateCopy(state, (int) PovextStateCapacity(fcinfo, rows, state->score_capacity,
														 Max(state->denominator + 1, rows)));
}

/* Greatest common divisor. */
static int64
Gcd(int64 a, int64 b)
{
	while (b != 0)
	{
		int64		r = a % b;

		a = b;
		b = r;
	}
	return a;
}

/* An empty state for the named standard, with its weights as points over a common denominator. */
static AfState *
AfStateForStandard(text *code)
{
	const PovextCatalog *catalog = PovextGetCatalog();
	const Standard *standard = PovextStandardByCode(catalog, VARDATA_ANY(code), VARSIZE_ANY_EXHDR(code));
	int64		denominator = 1;
	int64		total_points = 0;
	int			capacity;
	int			bit;
	int			j = 0;
	AfState    *state;

	if (!standard)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("poverty standard \"%s\" does not exist", text_to_cstring(code)),
				 PovextUnknownCodeDetail(catalog, POVEXT_CODE_STANDARD, VARDATA_ANY(code), VARSIZE_ANY_EXHDR(code))));
	if (standard->indicator_mask == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("poverty standard \"%s\" has no indicators", standard->code),
				 errhint("Add its indicators and weights to povext.standard_indicator.")));
	if (strlen(standard->code) >= NAMEDATALEN)
		ereport(ERROR,
				(errcode(ERRCODE_NAME_TOO_LONG),
				 errmsg("poverty standard code \"%s\" is too long for a deprivation-index state", standard->code)));

	for (bit = 0; bit < POVEXT_MAX_INDICATORS; bit++)
	{
		int64		reduced;

		if (!(standard->indicator_mask & (UINT64CONST(1) << bit)))
			continue;
		reduced = standard->weight_denominator[bit] /
			Gcd(standard->weight_numerator[bit], standard->weight_denominator[bit]);
		denominator = denominator / Gcd(denominator, reduced) * reduced;
		if (denominator > AF_MAX_DENOMINATOR)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("weights of poverty standard \"%s\" have a common denominator above %d",
							standard->code, AF_MAX_DENOMINATOR)));
	}

	capacity = Min(denominator + 1, 32);
	state = palloc0(AfStateSize(pg_popcount64(standard->indicator_mask), capacity));
	SET_VARSIZE(state, AfStateSize(pg_popcount64(standard->indicator_mask), capacity));
	state->indicator_count = pg_popcount64(standard->indicator_mask);
	state->denominator = denominator;
	state->cutoff_points = AF_NO_CUTOFF;
	state->score_capacity = capacity;
	state->indicator_mask = standard->indicator_mask;
	strlcpy(state->standard, standard->code, NAMEDATALEN);
	for (bit = 0; bit < POVEXT_MAX_INDICATORS; bit++)
	{
		int64		common;
		int64		points;

		if (!(standard->indicator_mask & (UINT64CONST(1) << bit)))
			continue;
		common = Gcd(standard->weight_numerator[bit], standard->weight_denominator[bit]);
		points = (standard->weight_numerator[bit] / common) *
			(denominator / (standard->weight_denominator[bit] / common));
		if (points > denominator)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("a weight of poverty standard \"%s\" is above 1", standard->code),
					 errhint("Correct the weights in povext.standard_indicator.")));
		state->points[j++] = (int32) points;
		total_points += points;
	}
	if (total_points != denominator)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("weights of poverty standard \"%s\" sum to %lld/%lld, not 1",
						standard->code, (long long) total_points, (long long) denominator),
				 errhint("Correct the weights in povext.standard_indicator.")));
	return state;
}

/* Index of the first row of a score of at least 'points' (score_count if none). */
static int
AfSearchRow(const AfState *state, int32 points)
{
	int			low = 0;
	int			high = state->score_count;

	while (low < high)
	{
		int			middle = (low + high) / 2;

		if (AfRow(state, middle)->points < points)
			low = middle + 1;
		else
			high = middle;
	}
	return low;
}

/*
 * Adds one household, deprived in 'deprivations', with weight 'weight'
 * micro-units, to the state of a transition function, whose cutoff becomes
 * 'cutoff_points'; returns the state, which may be a copy.
 */
static AfState *
AfAddHousehold(FunctionCallInfo fcinfo, AfState *state, uint64 deprivations, int64 weight, int32 cutoff_points)
{
	uint64		mask = state->indicator_mask;
	uint64		deprived[POVEXT_MAX_INDICATORS];
	int			count = state->indicator_count;
	int32		points = 0;
	AfScoreRow *row;
	bool		found;
	int			i;
	int			j;

	/*
	 * Indicator j is the j-th bit of the mask.  Walking the mask, rather than
	 * the household's deprivations, gives j without counting bits; and
	 * deprived[j], all ones or all zeros, masks the points and the weight, so
	 * that the loops do not branch on deprivations, which are random.
	 */
	for (j = 0; j < count; j++)
	{
		deprived[j] = -(deprivations >> pg_rightmost_one_pos64(mask) & 1);
		points += state->points[j] & (int32) deprived[j];
		mask &= mask - 1;
	}
	i = AfSearchRow(state, points);
	found = i < state->score_count && AfRow(state, i)->points == points;
	state = AfWritableState(fcinfo, state, state->score_count + (found ? 0 : 1));
	state->cutoff_points = cutoff_points;
	row = AfRow(state, i);
	if (!found)
	{
		memmove(AfRow(state, i + 1), row, (Size) (state->score_count - i) * AF_ROW_SIZE(state->indicator_count));
		memset(row, 0, AF_ROW_SIZE(state->indicator_count));
		row->points = points;
		state->score_count++;
	}
	row->population = PovextAddMicro(row->population, weight);
	for (j = 0; j < count; j++)
		row->deprived[j] += weight & (int64) deprived[j];	/* never above the population */
	Assert(AfStateProblem(state) == NULL);
	return state;
}

/* The state being built, or a new one for the standard named by argument 2. */
static AfState *
AfTransitionState(FunctionCallInfo fcinfo)
{
	AfState    *state;
	text	   *code = PG_GETARG_TEXT_PP(2);

	if (!AggCheckCallContext(fcinfo, NULL))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("af_state_accum can only be called as the transition function of an aggregate")));
	if (PG_ARGISNULL(0))
		return AfStateForStandard(code);
	state = PG_GETARG_AF_STATE(0);	/* detoasted: see state_text.h */
	/* the state's code is NUL-terminated within NAMEDATALEN bytes: no strlen at every row */
	if (VARSIZE_ANY_EXHDR(code) >= NAMEDATALEN ||
		memcmp(VARDATA_ANY(code), state->standard, VARSIZE_ANY_EXHDR(code)) != 0 ||
		state->standard[VARSIZE_ANY_EXHDR(code)] != '\0')
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("deprivation-index aggregate mixes poverty standards \"%s\" and \"%s\"",
						state->standard, text_to_cstring(code)),
				 errhint("Aggregate each standard separately, e.g. with GROUP BY.")));
	return state;
}

/* The weight of the current row: argument 3 when given, else 1. */
static int64
AfRowWeight(FunctionCallInfo fcinfo, int weight_argument)
{
	return weight_argument < PG_NARGS() ? PovextWeightToMicro(PG_GETARG_FLOAT8(weight_argument)) : WEIGHT_ONE;
}

/* True if any of the first 'count' arguments is NULL: such rows are skipped. */
static bool
AnyArgumentNull(FunctionCallInfo fcinfo, int first, int count)
{
	int			i;

	for (i = first; i < count; i++)
		if (PG_ARGISNULL(i))
			return true;
	return false;
}

/* Transition of af_state_agg(deprivations, standard[, weight]). */
Datum
af_state_accum(PG_FUNCTION_ARGS)
{
	AfState    *state;

	if (AnyArgumentNull(fcinfo, 1, PG_NARGS()))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	state = AfTransitionState(fcinfo);
	PG_RETURN_POINTER(AfAddHousehold(fcinfo, state, PG_GETARG_DEPRIVATIONS(1), AfRowWeight(fcinfo, 3),
									 state->cutoff_points));
}

/*
 * Lowest score in points that is poor at cutoff share k: ceil(k * D - 1e-9);
 * k must be in (0, 1].  The tolerance lets a cutoff written as a rounded
 * decimal, e.g. 2/3.0 = 0.66666666666666666667, mean the multiple of 1/D it
 * stands for.
 */
static int32
AfCutoffPoints(const AfState *state, Numeric share)
{
	static Numeric tolerance = NULL;
	Numeric		scaled;

	if (!tolerance)
		tolerance = PovextNumericConstant("0.000000001");
	if (numeric_is_nan(share) ||
		PovextNumericCompare(share, int64_to_numeric(0)) <= 0 ||
		PovextNumericCompare(share, int64_to_numeric(1)) > 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("deprivation cutoff must be above 0 and at most 1"),
				 errdetail("The cutoff given was %s.", PovextNumericText(share)),
				 errhint("The cutoff is a share of the total weight, e.g. 1/3; use af_measures_at_count for a number of indicators.")));
	scaled = PovextNumericOp(numeric_mul, share, int64_to_numeric(state->denominator));
	scaled = PovextNumericOp(numeric_sub, scaled, tolerance);
	return DatumGetInt32(DirectFunctionCall1(numeric_int4,
											 DirectFunctionCall1(numeric_ceil, NumericGetDatum(scaled))));
}

/* The cutoff of the last call, kept in fn_extra so that each row costs one comparison. */
typedef struct CutoffCache
{
	int32		denominator;
	int32		points;
	Size		length;
	char		bytes[FLEXIBLE_ARRAY_MEMBER];
} CutoffCache;

/*
 * The last cutoff this backend computed.  Citus's aggregate wrapper
 * (worker_partial_agg) calls the transition function with a new FmgrInfo on
 * every row, so fn_extra is empty each time there; this copy keeps the
 * cutoff of such a call site across rows.
 */
static CutoffCache *last_cutoff = NULL;

/* Whether 'cache' holds the cutoff of 'share' for states of 'denominator'. */
static bool
AfCutoffCached(const CutoffCache *cache, int32 denominator, Numeric share)
{
	return cache && cache->denominator == denominator && cache->length == VARSIZE(share) &&
		memcmp(cache->bytes, share, VARSIZE(share)) == 0;
}

/* A copy in 'context' of the cutoff 'points' of 'share' for 'denominator'. */
static CutoffCache *
AfCutoffCacheNew(MemoryContext context, int32 denominator, Numeric share, int32 points)
{
	CutoffCache *cache = MemoryContextAlloc(context, offsetof(CutoffCache, bytes) + VARSIZE(share));

	cache->denominator = denominator;
	cache->points = points;
	cache->length = VARSIZE(share);
	memcpy(cache->bytes, share, VARSIZE(share));
	return cache;
}

/* Cutoff points of argument 'argument' for 'state', cached across rows. */
static int32
AfRowCutoff(FunctionCallInfo fcinfo, const AfState *state, int argument)
{
	Numeric		share = PG_GETARG_NUMERIC(argument);
	CutoffCache *cache = fcinfo->flinfo->fn_extra;
	int32		points;

	if (AfCutoffCached(cache, state->denominator, share))
		return cache->points;
	if (AfCutoffCached(last_cutoff, state->denominator, share))
		return last_cutoff->points;
	points = AfCutoffPoints(state, share);
	if (last_cutoff)
		pfree(last_cutoff);
	last_cutoff = AfCutoffCacheNew(TopMemoryContext, state->denominator, share, points);
	if (cache)
		pfree(cache);
	fcinfo->flinfo->fn_extra = AfCutoffCacheNew(fcinfo->flinfo->fn_mcxt, state->denominator, share, points);
	return points;
}

/* Transition of the convenience aggregates: (deprivations, standard[, weight], cutoff share). */
Datum
af_state_accum_at_cutoff(PG_FUNCTION_ARGS)
{
	int			cutoff_argument = PG_NARGS() - 1;
	AfState    *state;
	int32		cutoff;

	if (AnyArgumentNull(fcinfo, 1, PG_NARGS()))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	state = AfTransitionState(fcinfo);
	cutoff = AfRowCutoff(fcinfo, state, cutoff_argument);
	if (state->cutoff_points != AF_NO_CUTOFF && state->cutoff_points != cutoff)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("deprivation cutoff changes within one aggregate"),
				 errhint("Give the cutoff as a constant.")));
	PG_RETURN_POINTER(AfAddHousehold(fcinfo, state, PG_GETARG_DEPRIVATIONS(1),
									 cutoff_argument > 3 ? AfRowWeight(fcinfo, 3) : WEIGHT_ONE, cutoff));
}

/* Reports states that cannot be merged. */
static void
AfCheckMergeable(const AfState *a, const AfState *b)
{
	if (strcmp(a->standard, b->standard) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot merge deprivation-index states of poverty standards \"%s\" and \"%s\"",
						a->standard, b->standard)));
	if (a->indicator_mask != b->indicator_mask || a->denominator != b->denominator ||
		a->indicator_count != b->indicator_count ||
		memcmp(a->points, b->points, sizeof(int32) * a->indicator_count) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot merge deprivation-index states of poverty standard \"%s\" built with different indicators or weights",
						a->standard),
				 errdetail("The standard's weights changed between the two aggregations.")));
	if (a->cutoff_points != b->cutoff_points)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot merge deprivation-index states with different cutoffs")));
}

/* Number of distinct scores in the rows of 'a' and 'b' together. */
static int
AfMergedRowCount(const AfState *a, const AfState *b)
{
	int			i = 0;
	int			k = 0;
	int			count = 0;

	while (i < a->score_count && k < b->score_count)
	{
		int64		from_a = AfRow(a, i)->points;
		int64		from_b = AfRow(b, k)->points;

		i += from_a <= from_b;
		k += from_b <= from_a;
		count++;
	}
	return count + (a->score_count - i) + (b->score_count - k);
}

/*
 * Adds the rows of 'other' to those of 'state', which has room for the
 * 'merged' rows of both (AfMergedRowCount).  The rows are merged from the
 * highest score down, into place: row i of 'state' moves to a position at or
 * above i, so it is never overwritten before it is read.
 */
static void
AfMergeRows(AfState *state, const AfState *other, int merged)
{
	Size		row_size = AF_ROW_SIZE(state->indicator_count);
	int			i = state->score_count - 1;
	int			k = other->score_count - 1;
	int			out;
	int			j;

	for (out = merged - 1; k >= 0; out--)
	{
		AfScoreRow *row = AfRow(state, out);
		const AfScoreRow *from = AfRow(other, k);

		if (i >= 0 && AfRow(state, i)->points >= from->points)
		{
			memmove(row, AfRow(state, i--), row_size);
			if (row->points != from->points)
				continue;
			row->population = PovextAddMicro(row->population, from->population);
			for (j = 0; j < state->indicator_count; j++)
				row->deprived[j] = PovextAddMicro(row->deprived[j], from->deprived[j]);
		}
		else
			memcpy(row, from, row_size);
		k--;
	}
	Assert(out == i);			/* the rows left are in place */
	state->score_count = merged;
}

/* Merges two states: the combine function, af_state_merge and operator +. */
Datum
af_state_combine(PG_FUNCTION_ARGS)
{
	AfState    *state = PG_GETARG_AF_STATE(0);
	AfState    *other = PG_GETARG_AF_STATE(1);
	int			merged;

	AfCheckMergeable(state, other);
	merged = AfMergedRowCount(state, other);
	state = AfWritableState(fcinfo, state, merged);
	AfMergeRows(state, other, merged);
	Assert(AfStateProblem(state) == NULL);
	PG_RETURN_POINTER(state);
}

/*
 * Text and binary forms.  Both name indicators by code, not bit, so that a
 * state moves between databases whose custom indicators have other bits.
 *
 * Text: {"standard": "ophi-mpi", "denominator": 18, "cutoff_points": 6,
 *		  "indicators": ["nutrition", ...], "points": [3, ...],
 *		  "scores": [[0, 10, [0, ...]], [4, 2.5, [2.5, ...]], ...]}
 * where cutoff_points appears only when set, and each score is [points,
 * population, [deprived in each indicator]] with weights as exact decimals.
 */

/* A state as read from text or binary input, in the order of the input. */
typedef struct AfParts
{
	char	   *standard;
	int32		denominator;
	int32		cutoff_points;
	int32		indicator_count;
	char	  **codes;
	int32	   *points;
	int32		score_count;
	int32		row_indicators; /* rows are AF_ROW_SIZE(row_indicators) bytes */
	char	   *rows;			/* score_count rows, indicators in input order */
	int			error_code;		/* SQLSTATE of malformed text or binary input */
} AfParts;

/* Reports input of an af_state whose parts do not make a valid state. */
static void
AfPartsError(const AfParts *parts, const char *detail)
{
	if (parts->error_code == ERRCODE_INVALID_BINARY_REPRESENTATION)
		PovextStateBinaryError("af_state", detail);
	ereport(ERROR,
			(errcode(parts->error_code),
			 errmsg("invalid input syntax for type af_state"),
			 errdetail("%s", detail)));
}

/*
 * What makes a state inconsistent, as a sentence; NULL if nothing.  Every
 * state the aggregates build passes, so a state read from text or binary
 * must pass too.  A household with score p adds its weight to the population
 * of row p and to the deprived count of each of its indicators, whose points
 * sum to p; so in each row sum_j points_j * deprived_j = p * population,
 * exactly, and an indicator of more than p points has no one deprived.
 */
static const char *
AfStateProblem(const AfState *state)
{
	int64		total_points = 0;
	int			j;
	int			r;

	if (!state->standard[0] || !memchr(state->standard, '\0', NAMEDATALEN))
		return _("The standard code is empty or too long.");
	if (state->denominator < 1 || state->denominator > AF_MAX_DENOMINATOR)
		return psprintf(_("The denominator must be between 1 and %d."), AF_MAX_DENOMINATOR);
	if (state->cutoff_points != AF_NO_CUTOFF &&
		(state->cutoff_points < 1 || state->cutoff_points > state->denominator))
		return _("The cutoff must be between 1 and the denominator.");
	if (state->indicator_count < 1 || state->indicator_count > POVEXT_MAX_INDICATORS ||
		state->indicator_count != pg_popcount64(state->indicator_mask))
		return _("A state has between 1 and 64 indicators.");
	for (j = 0; j < state->indicator_count; j++)
	{
		if (state->points[j] < 1)
			return _("Indicator weights are positive points.");
		total_points += state->points[j];
	}
	if (total_points != state->denominator)
		return _("The indicator points do not add up to the denominator.");
	if (state->score_count < 0 || state->score_count > state->denominator + 1 ||
		state->score_count > state->score_capacity)
		return _("A state has at most one score per point of its denominator.");
	for (r = 0; r < state->score_count; r++)
	{
		const AfScoreRow *row = AfRow(state, r);

		if (row->points < 0 || row->points > state->denominator ||
			(r > 0 && row->points <= AfRow(state, r - 1)->points))
			return _("Scores must be distinct, in increasing order, between 0 and the denominator.");
		if (row->population < 0)
			return _("Populations are not negative.");
	}
	for (r = 0; r < state->score_count; r++)
	{
		const AfScoreRow *row = AfRow(state, r);
		int128		weighted = 0;

		for (j = 0; j < state->indicator_count; j++)
		{
			int64		deprived = row->deprived[j];

			if (deprived < 0 || deprived > row->population || (deprived > 0 && state->points[j] > row->points))
				return _("A score's deprived count exceeds its population, or an indicator weighs more than the score.");
			weighted += (int128) state->points[j] * deprived;
		}
		if (weighted != (int128) row->points * row->population)
			return psprintf(_("The deprived counts of score %lld, weighted by the indicators' points, do not add up to the score times its population."),
							(long long) row->points);
	}
	return NULL;
}

/* Builds and validates a state from its parts, mapping indicator codes to this database's bits. */
static AfState *
AfStateFromParts(const AfParts *parts)
{
	const PovextCatalog *catalog = PovextGetCatalog();
	int			n = parts->indicator_count;
	int			bits[POVEXT_MAX_INDICATORS];
	int			position[POVEXT_MAX_INDICATORS];	/* index in the state of input indicator i */
	uint64		mask = 0;
	int			capacity = Max(parts->score_count, 1);
	int			i;
	int			r;
	AfState    *state;
	const char *problem;

	if (strlen(parts->standard) >= NAMEDATALEN)
		AfPartsError(parts, _("The standard code is empty or too long."));
	for (i = 0; i < n; i++)
	{
		bits[i] = PovextIndicatorBit(catalog, parts->codes[i], strlen(parts->codes[i]));
		if (bits[i] < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("unknown deprivation indicator \"%s\" in af_state", parts->codes[i]),
					 PovextUnknownCodeDetail(catalog, POVEXT_CODE_INDICATOR, parts->codes[i], strlen(parts->codes[i])),
					 errhint("Add the indicator to povext.indicator before reading states that use it.")));
		if (mask & (UINT64CONST(1) << bits[i]))
			AfPartsError(parts, psprintf(_("Indicator \"%s\" appears more than once."), parts->codes[i]));
		mask |= UINT64CONST(1) << bits[i];
	}
	for (i = 0; i < n; i++)
		position[i] = pg_popcount64(mask & ((UINT64CONST(1) << bits[i]) - 1));

	state = palloc0(AfStateSize(n, capacity));
	SET_VARSIZE(state, AfStateSize(n, capacity));
	state->indicator_count = n;
	state->denominator = parts->denominator;
	state->cutoff_points = parts->cutoff_points;
	state->score_count = parts->score_count;
	state->score_capacity = capacity;
	state->indicator_mask = mask;
	strlcpy(state->standard, parts->standard, NAMEDATALEN);
	for (i = 0; i < n; i++)
		state->points[position[i]] = parts->points[i];
	for (r = 0; r < parts->score_count; r++)
	{
		const AfScoreRow *in = AfRowAt(parts->rows, parts->row_indicators, r);
		AfScoreRow *out = AfRow(state, r);

		out->points = in->points;
		out->population = in->population;
		for (i = 0; i < n; i++)
			out->deprived[position[i]] = in->deprived[i];
	}
	problem = AfStateProblem(state);
	if (problem)
		AfPartsError(parts, problem);
	return state;
}

/* Appends the JSON array of a list of int64 weights. */
static void
AppendMicroArray(StringInfo out, const int64 *values, int count)
{
	int			i;

	appendStringInfoChar(out, '[');
	for (i = 0; i < count; i++)
		appendStringInfo(out, "%s%s", i ? ", " : "", PovextMicroToString(values[i]));
	appendStringInfoChar(out, ']');
}

/* Code of indicator j of a state. */
static const char *
AfIndicatorCode(const PovextCatalog *catalog, const AfState *state, int j)
{
	uint64		mask = state->indicator_mask;
	int			bit;

	while (j-- > 0)
		mask &= mask - 1;
	bit = pg_rightmost_one_pos64(mask);
	return PovextIndicatorCode(catalog, bit, "af_state", NULL);
}

/* Text output. */
Datum
af_state_out(PG_FUNCTION_ARGS)
{
	AfState    *state = PG_GETARG_AF_STATE(0);
	const PovextCatalog *catalog = PovextGetCatalog();
	StringInfoData out;
	int			j;
	int			r;

	PovextStateTextStart(&out, AF_STATE_FORMAT);
	appendStringInfoString(&out, ", \"standard\": ");
	escape_json(&out, state->standard);
	appendStringInfo(&out, ", \"denominator\": %d", state->denominator);
	if (state->cutoff_points != AF_NO_CUTOFF)
		appendStringInfo(&out, ", \"cutoff_points\": %d", state->cutoff_points);
	appendStringInfoString(&out, ", \"indicators\": [");
	for (j = 0; j < state->indicator_count; j++)
	{
		if (j)
			appendStringInfoString(&out, ", ");
		escape_json(&out, AfIndicatorCode(catalog, state, j));
	}
	appendStringInfoString(&out, "], \"points\": [");
	for (j = 0; j < state->indicator_count; j++)
		appendStringInfo(&out, "%s%d", j ? ", " : "", state->points[j]);
	appendStringInfoString(&out, "], \"scores\": [");
	for (r = 0; r < state->score_count; r++)
	{
		const AfScoreRow *row = AfRow(state, r);

		appendStringInfo(&out, "%s[%lld, %s, ", r ? ", " : "", (long long) row->points,
						 PovextMicroToString(row->population));
		AppendMicroArray(&out, row->deprived, state->indicator_count);
		appendStringInfoChar(&out, ']');
	}
	appendStringInfoString(&out, "]}");
	PG_RETURN_CSTRING(out.data);
}

/* Members of the text form, in output order; cutoff_points is optional. */
static const char *const af_state_keys[] = {
	"standard", "denominator", "cutoff_points", "indicators", "points", "scores"
};

enum AfStateKey
{
	AF_KEY_STANDARD, AF_KEY_DENOMINATOR, AF_KEY_CUTOFF_POINTS, AF_KEY_INDICATORS, AF_KEY_POINTS, AF_KEY_SCORES
};

/* Reads one score [points, population, [deprived...]] into row 'r' of 'parts'; returns the number of deprived counts. */
static int
AfReadScore(StateTextReader *reader, const char *key, AfParts *parts, int r)
{
	AfScoreRow *row = AfRowAt(parts->rows, parts->row_indicators, r);
	int			n = 0;

	PovextStateTextBeginArray(reader, key);
	if (!PovextStateTextNextElement(reader))
		PovextStateTextError(reader, _("A score is [points, population, [deprived counts]]."));
	row->points = PovextStateTextReadInteger(reader, key, 0, AF_MAX_DENOMINATOR);
	if (!PovextStateTextNextElement(reader))
		PovextStateTextError(reader, _("A score is [points, population, [deprived counts]]."));
	row->population = PovextStateTextReadMicro(reader, key);
	if (!PovextStateTextNextElement(reader))
		PovextStateTextError(reader, _("A score is [points, population, [deprived counts]]."));
	PovextStateTextBeginArray(reader, key);
	while (PovextStateTextNextElement(reader))
	{
		if (n == POVEXT_MAX_INDICATORS)
			PovextStateTextError(reader, _("A score has one deprived count per indicator, at most 64."));
		row->deprived[n++] = PovextStateTextReadMicro(reader, key);
	}
	if (PovextStateTextNextElement(reader))
		PovextStateTextError(reader, _("A score is [points, population, [deprived counts]]."));
	return n;
}

/* Text input: the JSON form written by af_state_out, members in any order. */
Datum
af_state_in(PG_FUNCTION_ARGS)
{
	const char *input = PG_GETARG_CSTRING(0);
	StateTextReader reader;
	const char *key;
	AfParts		parts;
	int			code_count = 0;
	int			point_count = 0;
	int			allocated = 16;
	int			width = 0;		/* deprived counts in each score */
	int			deprived_counts;

	memset(&parts, 0, sizeof(parts));
	parts.error_code = ERRCODE_INVALID_TEXT_REPRESENTATION;
	parts.cutoff_points = AF_NO_CUTOFF;
	parts.codes = palloc(sizeof(char *) * POVEXT_MAX_INDICATORS);
	parts.points = palloc(sizeof(int32) * POVEXT_MAX_INDICATORS);
	/* the indicator count is not known before the scores: read them at the widest */
	parts.row_indicators = POVEXT_MAX_INDICATORS;
	parts.rows = palloc(allocated * AF_ROW_SIZE(POVEXT_MAX_INDICATORS));
	PovextStateTextBegin(&reader, "af_state", input, AF_STATE_FORMAT,
						 af_state_keys, lengthof(af_state_keys));
	while (true)
	{
		enum AfStateKey member = PovextStateTextNextMember(&reader, &key);

		if ((int) member < 0)
			break;
		switch (member)
		{
			case AF_KEY_STANDARD:
				parts.standard = PovextStateTextReadString(&reader, key);
				break;
			case AF_KEY_DENOMINATOR:
				parts.denominator = PovextStateTextReadInteger(&reader, key, 1, AF_MAX_DENOMINATOR);
				break;
			case AF_KEY_CUTOFF_POINTS:
				parts.cutoff_points = PovextStateTextReadInteger(&reader, key, 1, AF_MAX_DENOMINATOR);
				break;
			case AF_KEY_INDICATORS:
			case AF_KEY_POINTS:
				PovextStateTextBeginArray(&reader, key);
				while (PovextStateTextNextElement(&reader))
				{
					if ((member == AF_KEY_INDICATORS ? code_count : point_count) == POVEXT_MAX_INDICATORS)
						PovextStateTextError(&reader, _("A state has between 1 and 64 indicators."));
					if (member == AF_KEY_INDICATORS)
						parts.codes[code_count++] = PovextStateTextReadString(&reader, key);
					else
						parts.points[point_count++] = PovextStateTextReadInteger(&reader, key, 1, AF_MAX_DENOMINATOR);
				}
				break;
			case AF_KEY_SCORES:
				PovextStateTextBeginArray(&reader, key);
				while (PovextStateTextNextElement(&reader))
				{
					if (parts.score_count == AF_MAX_DENOMINATOR + 1)
						PovextStateTextError(&reader, _("A state has at most one score per point of its denominator."));
					if (parts.score_count == allocated)
					{
						allocated *= 2;
						parts.rows = repalloc(parts.rows, allocated * AF_ROW_SIZE(POVEXT_MAX_INDICATORS));
					}
					deprived_counts = AfReadScore(&reader, key, &parts, parts.score_count);
					if (parts.score_count > 0 && deprived_counts != width)
						PovextStateTextError(&reader, _("A score has one deprived count per indicator."));
					width = deprived_counts;
					parts.score_count++;
				}
				break;
		}
	}
	PovextStateTextEnd(&reader, 1U << AF_KEY_CUTOFF_POINTS);
	if (code_count < 1 || point_count != code_count)
		PovextStateTextError(&reader, _("There must be between 1 and 64 indicators, each with its points."));
	if (parts.score_count > 0 && width != code_count)
		PovextStateTextError(&reader, _("A score has one deprived count per indicator."));
	parts.indicator_count = code_count;
	PG_RETURN_POINTER(AfStateFromParts(&parts));
}

/*
 * Binary output: a zero byte and the format version, then the text form's
 * fields in order.  povext 0.2.0 sent no version: its binary form starts
 * with the standard code, never empty, so a leading zero byte (an empty
 * code in that form) tells the two apart.
 */
Datum
af_state_send(PG_FUNCTION_ARGS)
{
	AfState    *state = PG_GETARG_AF_STATE(0);
	const PovextCatalog *catalog = PovextGetCatalog();
	StringInfoData buf;
	int			j;
	int			r;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, 0);
	pq_sendbyte(&buf, AF_STATE_FORMAT);
	pq_sendstring(&buf, state->standard);
	pq_sendint32(&buf, state->denominator);
	pq_sendint32(&buf, state->cutoff_points);
	pq_sendint32(&buf, state->indicator_count);
	for (j = 0; j < state->indicator_count; j++)
	{
		pq_sendstring(&buf, AfIndicatorCode(catalog, state, j));
		pq_sendint32(&buf, state->points[j]);
	}
	pq_sendint32(&buf, state->score_count);
	for (r = 0; r < state->score_count; r++)
	{
		const AfScoreRow *row = AfRow(state, r);

		pq_sendint64(&buf, row->points);
		pq_sendint64(&buf, row->population);
		for (j = 0; j < state->indicator_count; j++)
			pq_sendint64(&buf, row->deprived[j]);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* Binary input: the form af_state_send writes, or that of povext 0.2.0 (no version). */
Datum
af_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	AfParts		parts;
	int			i;
	int			r;

	parts.error_code = ERRCODE_INVALID_BINARY_REPRESENTATION;
	if (buf->cursor < buf->len && buf->data[buf->cursor] == '\0')
	{
		pq_getmsgbyte(buf);
		PovextStateBinaryVersion(buf, "af_state", AF_STATE_FORMAT, true);
	}
	parts.standard = pstrdup(pq_getmsgstring(buf));
	parts.denominator = pq_getmsgint(buf, 4);
	parts.cutoff_points = pq_getmsgint(buf, 4);
	parts.indicator_count = pq_getmsgint(buf, 4);
	if (parts.indicator_count < 1 || parts.indicator_count > POVEXT_MAX_INDICATORS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid indicator count %d in binary af_state", parts.indicator_count)));
	parts.codes = palloc(sizeof(char *) * parts.indicator_count);
	parts.points = palloc(sizeof(int32) * parts.indicator_count);
	for (i = 0; i < parts.indicator_count; i++)
	{
		parts.codes[i] = pstrdup(pq_getmsgstring(buf));
		parts.points[i] = pq_getmsgint(buf, 4);
	}
	parts.score_count = pq_getmsgint(buf, 4);
	if (parts.score_count < 0 || parts.score_count > AF_MAX_DENOMINATOR + 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid score count %d in binary af_state", parts.score_count)));
	parts.row_indicators = parts.indicator_count;
	parts.rows = palloc(Max(parts.score_count, 1) * AF_ROW_SIZE(parts.indicator_count));
	for (r = 0; r < parts.score_count; r++)
	{
		AfScoreRow *row = AfRowAt(parts.rows, parts.row_indicators, r);

		row->points = pq_getmsgint64(buf);
		row->population = pq_getmsgint64(buf);
		for (i = 0; i < parts.indicator_count; i++)
			row->deprived[i] = pq_getmsgint64(buf);
	}
	PG_RETURN_POINTER(AfStateFromParts(&parts));
}

/* Sums of a state at a cutoff, from which H, A and M0 follow. */
typedef struct AfTotals
{
	int128		population;
	int128		poor_population;
	int128		poor_points;	/* sum over the poor of population * score points */
} AfTotals;

/* The totals of 'state' when scores of at least 'cutoff' points are poor. */
static AfTotals
AfTotalsAt(const AfState *state, int32 cutoff)
{
	AfTotals	totals = {0, 0, 0};
	int			r;

	for (r = 0; r < state->score_count; r++)
	{
		const AfScoreRow *row = AfRow(state, r);

		totals.population += row->population;
		if (row->points >= cutoff)
		{
			totals.poor_population += row->population;
			totals.poor_points += (int128) row->population * row->points;
		}
	}
	return totals;
}

/* H, A and M0 at 'cutoff' points into values[0..2]; NULL where undefined (no population, or no poor for A). */
static void
AfMeasuresAt(const AfState *state, int32 cutoff, Datum *values, bool *nulls)
{
	AfTotals	totals = AfTotalsAt(state, cutoff);

	nulls[0] = nulls[2] = totals.population == 0;
	nulls[1] = totals.poor_population == 0;
	if (!nulls[0])
	{
		values[0] = NumericGetDatum(PovextRatioToNumeric(totals.poor_population, totals.population));
		values[2] = NumericGetDatum(PovextRatioToNumeric(totals.poor_points, totals.population * state->denominator));
	}
	if (!nulls[1])
		values[1] = NumericGetDatum(PovextRatioToNumeric(totals.poor_points, totals.poor_population * state->denominator));
}

/* The record of af_measures: cutoff, population, poor population, H, A, M0. */
static Datum
AfMeasuresRecord(FunctionCallInfo fcinfo, const AfState *state, Numeric cutoff_share, int32 cutoff)
{
	TupleDesc	tupdesc;
	Datum		values[6];
	bool		nulls[6] = {false};
	AfTotals	totals = AfTotalsAt(state, cutoff);

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	values[0] = NumericGetDatum(cutoff_share);
	values[1] = NumericGetDatum(PovextMicroToNumeric(totals.population));
	values[2] = NumericGetDatum(PovextMicroToNumeric(totals.poor_population));
	AfMeasuresAt(state, cutoff, values + 3, nulls + 3);
	return HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(tupdesc), values, nulls));
}

/* af_measures(state, cutoff_share): H, A and M0 when a weighted score of at least k is poor. */
Datum
af_measures(PG_FUNCTION_ARGS)
{
	AfState    *state = PG_GETARG_AF_STATE(0);
	Numeric		share = PG_GETARG_NUMERIC(1);

	return AfMeasuresRecord(fcinfo, state, share, AfCutoffPoints(state, share));
}

/* af_measures_at_count(state, cutoff_count): the same with k = count / number of indicators. */
Datum
af_measures_at_count(PG_FUNCTION_ARGS)
{
	AfState    *state = PG_GETARG_AF_STATE(0);
	int32		count = PG_GETARG_INT32(1);
	int			n = state->indicator_count;

	if (count < 1 || count > n)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("deprivation cutoff must be between 1 and %d indicators", n),
				 errdetail("The cutoff given was %d.", count)));
	return AfMeasuresRecord(fcinfo, state, PovextRatioToNumeric(count, n),
							(int32) (((int64) count * state->denominator + n - 1) / n));
}

/* One measure of the cutoff fixed in a convenience aggregate's state. */
static Datum
AfFinalMeasure(FunctionCallInfo fcinfo, int measure)
{
	AfState    *state = PG_GETARG_AF_STATE(0);
	Datum		values[3];
	bool		nulls[3];

	if (state->cutoff_points == AF_NO_CUTOFF)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("deprivation-index state has no cutoff"),
				 errhint("Read measures of a state from af_state_agg with af_measures(state, cutoff_share).")));
	AfMeasuresAt(state, state->cutoff_points, values, nulls);
	if (nulls[measure])
		PG_RETURN_NULL();
	PG_RETURN_DATUM(values[measure]);
}

/* Final function of af_headcount_ratio: H. */
Datum
af_state_headcount_ratio_final(PG_FUNCTION_ARGS)
{
	return AfFinalMeasure(fcinfo, 0);
}

/* Final function of af_intensity: A. */
Datum
af_state_intensity_final(PG_FUNCTION_ARGS)
{
	return AfFinalMeasure(fcinfo, 1);
}

/* Final function of af_m0: M0. */
Datum
af_state_m0_final(PG_FUNCTION_ARGS)
{
	return AfFinalMeasure(fcinfo, 2);
}

/* af_sweep(state): poor population, H, A and M0 at every cutoff 1/D, 2/D, ..., 1. */
Datum
af_sweep(PG_FUNCTION_ARGS)
{
	AfState    *state = PG_GETARG_AF_STATE(0);
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int32		cutoff;

	InitMaterializedSRF(fcinfo, 0);
	for (cutoff = 1; cutoff <= state->denominator; cutoff++)
	{
		Datum		values[6];
		bool		nulls[6] = {false};
		AfTotals	totals = AfTotalsAt(state, cutoff);

		values[0] = Int32GetDatum(cutoff);
		values[1] = NumericGetDatum(PovextRatioToNumeric(cutoff, state->denominator));
		values[2] = NumericGetDatum(PovextMicroToNumeric(totals.poor_population));
		AfMeasuresAt(state, cutoff, values + 3, nulls + 3);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/* af_indicators(state, cutoff_share): weight, uncensored and censored headcount ratios and contribution of each indicator. */
Datum
af_indicators(PG_FUNCTION_ARGS)
{
	AfState    *state = PG_GETARG_AF_STATE(0);
	int32		cutoff = AfCutoffPoints(state, PG_GETARG_NUMERIC(1));
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	const PovextCatalog *catalog = PovextGetCatalog();
	AfTotals	totals = AfTotalsAt(state, cutoff);
	int			j;

	InitMaterializedSRF(fcinfo, 0);
	for (j = 0; j < state->indicator_count; j++)
	{
		Datum		values[5];
		bool		nulls[5] = {false};
		int128		deprived = 0;
		int128		poor_deprived = 0;
		int			r;

		for (r = 0; r < state->score_count; r++)
		{
			const AfScoreRow *row = AfRow(state, r);

			deprived += row->deprived[j];
			if (row->points >= cutoff)
				poor_deprived += row->deprived[j];
		}
		values[0] = CStringGetTextDatum(AfIndicatorCode(catalog, state, j));
		values[1] = NumericGetDatum(PovextRatioToNumeric(state->points[j], state->denominator));
		nulls[2] = nulls[3] = totals.population == 0;
		if (!nulls[2])
		{
			values[2] = NumericGetDatum(PovextRatioToNumeric(deprived, totals.population));
			values[3] = NumericGetDatum(PovextRatioToNumeric(poor_deprived, totals.population));
		}
		/* phi_j = w_j h_j / M0 = points_j * poor deprived_j / sum of poor population * points */
		nulls[4] = totals.poor_points == 0;
		if (!nulls[4])
			values[4] = NumericGetDatum(PovextRatioToNumeric(poor_deprived * state->points[j], totals.poor_points));
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/*
 * af_ophi_bands(state): the global MPI's headcount ratios of the vulnerable
 * (1/5 <= score < 1/3), the poor (score >= 1/3) and the severely poor
 * (score >= 1/2).
 */
Datum
af_ophi_bands(PG_FUNCTION_ARGS)
{
	AfState    *state = PG_GETARG_AF_STATE(0);
	TupleDesc	tupdesc;
	Datum		values[4];
	bool		nulls[4] = {false};
	int128		population = 0;
	int128		vulnerable = 0;
	int128		poor = 0;
	int128		severe = 0;
	int			r;

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	for (r = 0; r < state->score_count; r++)
	{
		const AfScoreRow *row = AfRow(state, r);
		int64		points = row->points;

		population += row->population;
		if (points * 5 >= state->denominator && points * 3 < state->denominator)
			vulnerable += row->population;
		if (points * 3 >= state->denominator)
			poor += row->population;
		if (points * 2 >= state->denominator)
			severe += row->population;
	}
	values[0] = NumericGetDatum(PovextMicroToNumeric(population));
	nulls[1] = nulls[2] = nulls[3] = population == 0;
	if (population > 0)
	{
		values[1] = NumericGetDatum(PovextRatioToNumeric(vulnerable, population));
		values[2] = NumericGetDatum(PovextRatioToNumeric(poor, population));
		values[3] = NumericGetDatum(PovextRatioToNumeric(severe, population));
	}
	return HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(tupdesc), values, nulls));
}
