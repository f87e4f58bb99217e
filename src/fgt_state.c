/*
 * fgt_state.c
 *	  The povext.fgt_state type: a mergeable state of the Foster-Greer-
 *	  Thorbecke poverty measures P0, P1, P2 and the Watts index, its
 *	  aggregates and accessors.
 *
 * With incomes y_i, sampling weights w_i, poverty line z and g_i =
 * (z - y_i) / z, over the poor (y_i <= z, or y_i < z when poor_at_line is
 * false):
 *	 P_alpha = sum w_i g_i^alpha / sum w_i	(alpha = 0, 1, 2; all rows in the
 *											 denominator)
 *	 Watts	 = sum w_i ln(z / y_i) / sum w_i	(undefined if a poor y_i is 0)
 *
 * Every sum of the state is an integer (fixed point, see fgt_state.h), so
 * adding rows or merging states in any order, serially, in parallel workers
 * or per partition gives the same state bit for bit, and the text form reads
 * back to the same value.  Transition and combine functions allocate by the
 * rule of state_text.h.
 */
#include "postgres.h"

#include <ctype.h>
#include <math.h>

#include "access/htup_details.h"
#include "common/shortest_dec.h"
#include "fmgr.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/numeric.h"

#include "fgt_state.h"
#include "fixed_point.h"
#include "nls.h"
#include "state_text.h"

PG_FUNCTION_INFO_V1(fgt_state_in);
PG_FUNCTION_INFO_V1(fgt_state_out);
PG_FUNCTION_INFO_V1(fgt_state_recv);
PG_FUNCTION_INFO_V1(fgt_state_send);
PG_FUNCTION_INFO_V1(fgt_state_accum);
PG_FUNCTION_INFO_V1(fgt_state_combine);
PG_FUNCTION_INFO_V1(fgt_measures);
PG_FUNCTION_INFO_V1(fgt_p0);
PG_FUNCTION_INFO_V1(fgt_p1);
PG_FUNCTION_INFO_V1(fgt_p2);
PG_FUNCTION_INFO_V1(fgt_watts);

/* ----------------------------------------------------------------------
 * The fgt_state type
 * ----------------------------------------------------------------------
 */

/* A new empty state (no poverty line yet) in the current memory context. */
static FgtState *
NewFgtState(void)
{
	FgtState   *state = palloc0(sizeof(FgtState));

	SET_VARSIZE(state, sizeof(FgtState));
	state->version = FGT_STATE_VERSION;
	return state;
}

/*
 * The state a transition or combine function may change, by the allocation
 * rule of state_text.h (a state has a fixed size): the aggregate's own
 * transition value in an aggregate, else a copy; a new state if NULL.
 */
static FgtState *
WritableState(FunctionCallInfo fcinfo, FgtState *state)
{
	if (state == NULL)
		return NewFgtState();
	if (PovextStateHasRoom(fcinfo, state, sizeof(FgtState), sizeof(FgtState)))
		return state;
	return PovextStateCopy(state, sizeof(FgtState), sizeof(FgtState));
}

/* Rejects a poverty line that is not a positive finite number. */
static void
CheckLine(float8 line)
{
	if (isnan(line) || isinf(line) || line <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("poverty line must be a positive finite number"),
				 errdetail("A row has poverty line %s.", PovextFloat8TextExact(line))));
}

/* Adds to a 128-bit sum of the state; an error rather than a wrap-around. */
static void
AddToSum(int128 *sum, int128 value)
{
	if (__builtin_add_overflow(*sum, value, sum))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("fgt_state sum out of range"),
				 errdetail("The sums of the state are 128-bit integers; they hold at least 10^8 rows of weight up to 10^6.")));
}

/* Adds to a 64-bit count of the state; an error rather than a wrap-around. */
static void
AddToCount(int64 *count, int64 value)
{
	if (__builtin_add_overflow(*count, value, count))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("fgt_state row count out of range")));
}

/* round(x * 2^60) as an integer, for 0 <= x <= 1. */
static int64
ToFixedPoint(float8 x)
{
	/* a multiplication by a power of two is exact, as ldexp is, without its call */
	return (int64) rint(x * (float8) (INT64CONST(1) << FGT_FRACTION_BITS));
}

/* ln(z / y) for 0 < y <= z, without overflow of z / y. */
static float8
WattsTerm(float8 line, float8 income)
{
	float8		ratio = line / income;

	return isinf(ratio) ? log(line) - log(income) : log(ratio);
}

/*
 * Sets the line and boundary of a state that has none, or checks that they
 * equal the state's.  'merging' says whether the other line comes from a
 * state being merged or from a row.
 */
static void
MatchLine(FgtState *state, float8 line, bool poor_at_line, bool merging)
{
	bool		state_poor_at_line = (state->flags & FGT_POOR_AT_LINE) != 0;

	if (!(state->flags & FGT_HAS_LINE))
	{
		state->poverty_line = line;
		state->flags = FGT_HAS_LINE | (poor_at_line ? FGT_POOR_AT_LINE : 0);
		return;
	}
	if (state->poverty_line != line)
	{
		if (merging)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("cannot merge fgt_state values with different poverty lines"),
					 errdetail("The poverty lines are %s and %s.",
							   PovextFloat8TextExact(state->poverty_line), PovextFloat8TextExact(line)),
					 errhint("Merge only states aggregated with the same poverty line.")));
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("poverty line changed within one aggregation"),
				 errdetail("The aggregation started with poverty line %s and a row has poverty line %s.",
						   PovextFloat8TextExact(state->poverty_line), PovextFloat8TextExact(line)),
				 errhint("Group by the poverty line, or aggregate each line separately.")));
	}
	if (state_poor_at_line != poor_at_line)
	{
		if (merging)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("cannot merge fgt_state values with different poverty boundaries"),
					 errdetail("One state counts an income equal to the line as poor (poor_at_line = true), the other does not."),
					 errhint("Merge only states aggregated with the same poor_at_line.")));
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("poor_at_line changed within one aggregation"),
				 errdetail("The aggregation started with poor_at_line = %s and a row has poor_at_line = %s.",
						   state_poor_at_line ? "true" : "false", poor_at_line ? "true" : "false")));
	}
}

/* Adds one row of income y and weight W (micro-units) to a state that has its line. */
static void
AddRow(FgtState *state, float8 income, int64 weight)
{
	float8		line = state->poverty_line;
	bool		poor = (state->flags & FGT_POOR_AT_LINE) ? income <= line : income < line;
	float8		gap;

	AddToCount(&state->rows, 1);
	AddToSum(&state->population, weight);
	if (!poor)
		return;
	AddToSum(&state->poor_population, weight);
	gap = (line - income) / line;
	AddToSum(&state->gap_sum, (int128) weight * ToFixedPoint(gap));
	AddToSum(&state->gap_squared_sum, (int128) weight * ToFixedPoint(gap * gap));
	if (income > 0)
	{
		float8		term = WattsTerm(line, income);
		float8		whole = (float8) (int64) term;	/* floor: term >= 0 */

		AddToSum(&state->watts_whole_sum, (int128) weight * (int64) whole);
		AddToSum(&state->watts_fraction_sum, (int128) weight * ToFixedPoint(term - whole));
	}
	else if (weight > 0)
		AddToCount(&state->zero_income_poor, 1);
}

/* Adds the counts and sums of 'other' to 'state'; the lines must match. */
static void
MergeStates(FgtState *state, const FgtState *other)
{
	if (other->flags & FGT_HAS_LINE)
		MatchLine(state, other->poverty_line, (other->flags & FGT_POOR_AT_LINE) != 0, true);
	AddToCount(&state->rows, other->rows);
	AddToCount(&state->zero_income_poor, other->zero_income_poor);
	AddToSum(&state->population, other->population);
	AddToSum(&state->poor_population, other->poor_population);
	AddToSum(&state->gap_sum, other->gap_sum);
	AddToSum(&state->gap_squared_sum, other->gap_squared_sum);
	AddToSum(&state->watts_whole_sum, other->watts_whole_sum);
	AddToSum(&state->watts_fraction_sum, other->watts_fraction_sum);
}

/* The most a sum of per-row terms of at most 'per_unit' times the weight reaches over 'population'; the largest int128 if that overflows. */
static int128
SumBound(int128 population, int128 per_unit)
{
	int128		bound;

	if (__builtin_mul_overflow(population, per_unit, &bound))
		return POVEXT_INT128_MAX;
	return bound;
}

/* What makes a state read from text or binary inconsistent, as a sentence; NULL if nothing. */
static const char *
FgtStateProblem(const FgtState *state)
{
	if (state->flags & ~(FGT_HAS_LINE | FGT_POOR_AT_LINE))
		return _("The state has unknown flags.");
	if (!(state->flags & FGT_HAS_LINE))
	{
		if (state->flags != 0 || state->rows != 0 || state->zero_income_poor != 0 ||
			state->population != 0 || state->poor_population != 0 || state->gap_sum != 0 ||
			state->gap_squared_sum != 0 || state->watts_whole_sum != 0 || state->watts_fraction_sum != 0)
			return _("A state without a poverty line must be empty: poor_at_line null and every count and sum 0.");
		return NULL;
	}
	if (isnan(state->poverty_line) || isinf(state->poverty_line) || state->poverty_line <= 0)
		return _("The poverty line must be a positive finite number.");
	if (state->rows < 0 || state->zero_income_poor < 0 || state->zero_income_poor > state->rows)
		return _("The row counts must satisfy 0 <= zero_income_poor <= rows.");
	/* each row weighs at most PG_INT64_MAX micro-units, a zero-income poor row at least 1 */
	if (state->poor_population < 0 || state->poor_population > state->population ||
		state->population > (int128) state->rows * PG_INT64_MAX ||
		state->poor_population < state->zero_income_poor)
		return _("The populations must satisfy zero_income_poor <= poor_population <= population <= rows * 9223372036854775807.");
	if (state->gap_squared_sum < 0 || state->gap_squared_sum > state->gap_sum ||
		state->gap_sum > SumBound(state->poor_population, (int128) 1 << FGT_FRACTION_BITS))
		return _("The gap sums must satisfy 0 <= gap_squared_sum <= gap_sum <= poor_population * 2^60.");
	if (state->watts_whole_sum < 0 || state->watts_fraction_sum < 0 ||
		state->watts_whole_sum > SumBound(state->poor_population, FGT_WATTS_WHOLE_LIMIT) ||
		state->watts_fraction_sum > SumBound(state->poor_population, (int128) 1 << FGT_FRACTION_BITS))
		return _("The Watts sums must satisfy 0 <= watts_whole_sum <= poor_population * 1454 and 0 <= watts_fraction_sum <= poor_population * 2^60.");
	return NULL;
}

/* Members of the text form, in output order. */
static const char *const fgt_state_keys[] = {
	"poverty_line", "poor_at_line", "rows", "population", "poor_population",
	"gap_sum", "gap_squared_sum", "watts_whole_sum", "watts_fraction_sum", "zero_income_poor"
};

enum FgtStateKey
{
	FGT_KEY_POVERTY_LINE, FGT_KEY_POOR_AT_LINE, FGT_KEY_ROWS, FGT_KEY_POPULATION, FGT_KEY_POOR_POPULATION,
	FGT_KEY_GAP_SUM, FGT_KEY_GAP_SQUARED_SUM, FGT_KEY_WATTS_WHOLE_SUM, FGT_KEY_WATTS_FRACTION_SUM,
	FGT_KEY_ZERO_INCOME_POOR
};

/* The 128-bit sum of a state that member 'key' holds. */
static int128 *
FgtSum(FgtState *state, enum FgtStateKey key)
{
	switch (key)
	{
		case FGT_KEY_POPULATION:
			return &state->population;
		case FGT_KEY_POOR_POPULATION:
			return &state->poor_population;
		case FGT_KEY_GAP_SUM:
			return &state->gap_sum;
		case FGT_KEY_GAP_SQUARED_SUM:
			return &state->gap_squared_sum;
		case FGT_KEY_WATTS_WHOLE_SUM:
			return &state->watts_whole_sum;
		default:
			Assert(key == FGT_KEY_WATTS_FRACTION_SUM);
			return &state->watts_fraction_sum;
	}
}

/* Text input: the JSON object fgt_state_out writes, members in any order. */
Datum
fgt_state_in(PG_FUNCTION_ARGS)
{
	const char *input = PG_GETARG_CSTRING(0);
	FgtState   *state = NewFgtState();
	StateTextReader reader;
	const char *key;
	bool		line_null = false;
	bool		boundary_null = false;
	int			member;

	PovextStateTextBegin(&reader, "fgt_state", input, FGT_STATE_VERSION,
						 fgt_state_keys, lengthof(fgt_state_keys));
	while ((member = PovextStateTextNextMember(&reader, &key)) >= 0)
	{
		switch ((enum FgtStateKey) member)
		{
			case FGT_KEY_POVERTY_LINE:
				line_null = PovextStateTextReadNull(&reader);
				if (!line_null)
					state->poverty_line = PovextStateTextReadFloat8(&reader, key);
				break;
			case FGT_KEY_POOR_AT_LINE:
				boundary_null = PovextStateTextReadNull(&reader);
				if (!boundary_null && PovextStateTextReadBool(&reader, key))
					state->flags |= FGT_POOR_AT_LINE;
				break;
			case FGT_KEY_ROWS:
				state->rows = PovextStateTextReadInteger(&reader, key, PG_INT64_MIN, PG_INT64_MAX);
				break;
			case FGT_KEY_ZERO_INCOME_POOR:
				state->zero_income_poor = PovextStateTextReadInteger(&reader, key, PG_INT64_MIN, PG_INT64_MAX);
				break;
			default:
				*FgtSum(state, member) = PovextStateTextReadInt128(&reader, key);
				break;
		}
	}
	PovextStateTextEnd(&reader, 0);
	if (line_null != boundary_null)
		PovextStateTextError(&reader, _("Members poverty_line and poor_at_line must both be null (an empty state) or both be set."));
	if (!line_null)
		state->flags |= FGT_HAS_LINE;
	PovextStateTextCheck(&reader, FgtStateProblem(state));
	PG_RETURN_POINTER(state);
}

/* Text output: a JSON object; the 128-bit sums are quoted, as they exceed the integers JSON parsers keep exact. */
Datum
fgt_state_out(PG_FUNCTION_ARGS)
{
	FgtState   *state = PG_GETARG_FGT_STATE_P(0);
	bool		has_line = (state->flags & FGT_HAS_LINE) != 0;
	StringInfoData out;
	int			key;

	PovextStateTextStart(&out, FGT_STATE_VERSION);
	PovextAppendFloat8Member(&out, "poverty_line", has_line, state->poverty_line);
	appendStringInfo(&out, ", \"poor_at_line\": %s",
					 !has_line ? "null" : (state->flags & FGT_POOR_AT_LINE) ? "true" : "false");
	appendStringInfo(&out, ", \"rows\": " INT64_FORMAT, state->rows);
	for (key = FGT_KEY_POPULATION; key <= FGT_KEY_WATTS_FRACTION_SUM; key++)
	{
		appendStringInfo(&out, ", \"%s\": \"", fgt_state_keys[key]);
		PovextAppendInt128(&out, *FgtSum(state, key));
		appendStringInfoChar(&out, '"');
	}
	appendStringInfo(&out, ", \"zero_income_poor\": " INT64_FORMAT "}", state->zero_income_poor);
	PG_RETURN_CSTRING(out.data);
}

/* Reads a 128-bit integer sent as two int8, high half first. */
static int128
GetInt128(StringInfo buf)
{
	uint64		high = (uint64) pq_getmsgint64(buf);
	uint64		low = (uint64) pq_getmsgint64(buf);

	return (int128) (((uint128) high << 64) | low);
}

/* Sends a 128-bit integer as two int8, high half first. */
static void
SendInt128(StringInfo buf, int128 value)
{
	pq_sendint64(buf, (int64) (uint64) ((uint128) value >> 64));
	pq_sendint64(buf, (int64) (uint64) value);
}

/* Binary input: version byte, flags byte, line, two counts and six sums. */
Datum
fgt_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	FgtState   *state = NewFgtState();

	PovextStateBinaryVersion(buf, "fgt_state", FGT_STATE_VERSION, false);
	state->flags = pq_getmsgbyte(buf);
	state->poverty_line = pq_getmsgfloat8(buf);
	state->rows = pq_getmsgint64(buf);
	state->zero_income_poor = pq_getmsgint64(buf);
	state->population = GetInt128(buf);
	state->poor_population = GetInt128(buf);
	state->gap_sum = GetInt128(buf);
	state->gap_squared_sum = GetInt128(buf);
	state->watts_whole_sum = GetInt128(buf);
	state->watts_fraction_sum = GetInt128(buf);
	if (!(state->flags & FGT_HAS_LINE) && state->poverty_line != 0)
		PovextStateBinaryError("fgt_state", _("A state without a poverty line must send 0 as its line."));
	PovextStateBinaryCheck("fgt_state", FgtStateProblem(state));
	PG_RETURN_POINTER(state);
}

/* Binary output. */
Datum
fgt_state_send(PG_FUNCTION_ARGS)
{
	FgtState   *state = PG_GETARG_FGT_STATE_P(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, FGT_STATE_VERSION);
	pq_sendbyte(&buf, state->flags);
	pq_sendfloat8(&buf, state->poverty_line);
	pq_sendint64(&buf, state->rows);
	pq_sendint64(&buf, state->zero_income_poor);
	SendInt128(&buf, state->population);
	SendInt128(&buf, state->poor_population);
	SendInt128(&buf, state->gap_sum);
	SendInt128(&buf, state->gap_squared_sum);
	SendInt128(&buf, state->watts_whole_sum);
	SendInt128(&buf, state->watts_fraction_sum);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/*
 * Transition function of fgt_state_agg and the convenience aggregates:
 * (state, income, poverty_line[, weight[, poor_at_line]]).  Rows with a NULL
 * income, line or weight are skipped; the weight defaults to 1 and
 * poor_at_line to true (poor if y <= z).
 */
Datum
fgt_state_accum(PG_FUNCTION_ARGS)
{
	FgtState   *state = PG_ARGISNULL(0) ? NULL : PG_GETARG_FGT_STATE_P(0);
	bool		poor_at_line = true;
	float8		income;
	float8		line;
	int64		weight = WEIGHT_ONE;

	if (PG_NARGS() > 4)
	{
		if (PG_ARGISNULL(4))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("poor_at_line must not be null"),
					 errhint("Pass true to count an income equal to the line as poor (Vietnamese rule), false for the FGT literature's y < z.")));
		poor_at_line = PG_GETARG_BOOL(4);
	}
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) || (PG_NARGS() > 3 && PG_ARGISNULL(3)))
	{
		if (state == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(state);
	}
	income = PG_GETARG_FLOAT8(1);
	line = PG_GETARG_FLOAT8(2);
	income = PovextCheckNonNegative(income, N_("income"));
	CheckLine(line);
	if (PG_NARGS() > 3)
		weight = PovextWeightToMicro(PG_GETARG_FLOAT8(3));

	state = WritableState(fcinfo, state);
	MatchLine(state, line, poor_at_line, false);
	AddRow(state, income, weight);
	Assert(FgtStateProblem(state) == NULL);
	PG_RETURN_POINTER(state);
}

/*
 * Combine function, transition function of fgt_state_merge and operator +:
 * the state of the rows of both.  NULL or empty on either side gives the
 * other; different lines or boundaries are an error.
 */
Datum
fgt_state_combine(PG_FUNCTION_ARGS)
{
	FgtState   *state;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	if (PG_ARGISNULL(0))
		PG_RETURN_POINTER(PG_GETARG_FGT_STATE_P(1));
	state = WritableState(fcinfo, PG_GETARG_FGT_STATE_P(0));
	MergeStates(state, PG_GETARG_FGT_STATE_P(1));
	Assert(FgtStateProblem(state) == NULL);
	PG_RETURN_POINTER(state);
}

/* sum / (W * 2^60) as float8, for P1 and P2; W must be positive. */
static float8
FixedPointMean(int128 sum, int128 population)
{
	return (float8) ldexpl((long double) sum / (long double) population, -FGT_FRACTION_BITS);
}

/* The Watts index from its two sums; W must be positive. */
static float8
WattsMean(const FgtState *state)
{
	long double population = (long double) state->population;

	return (float8) ((long double) state->watts_whole_sum / population +
					 ldexpl((long double) state->watts_fraction_sum / population, -FGT_FRACTION_BITS));
}

/* True if the state has rows of positive total weight, so that its measures are defined. */
static bool
HasPopulation(const FgtState *state)
{
	return state->population > 0;
}

/* True if the Watts index is defined: a positive population and no poor row with zero income. */
static bool
HasWatts(const FgtState *state)
{
	return HasPopulation(state) && state->zero_income_poor == 0;
}

/* Columns of fgt_measures. */
enum FgtMeasure
{
	FGT_MEASURE_LINE, FGT_MEASURE_POOR_AT_LINE, FGT_MEASURE_ROWS, FGT_MEASURE_POPULATION,
	FGT_MEASURE_POOR_POPULATION, FGT_MEASURE_P0, FGT_MEASURE_P1, FGT_MEASURE_P2, FGT_MEASURE_WATTS,
	FGT_MEASURE_COUNT
};

/*
 * Every measure of a state, in the columns of fgt_measures.  P0 is numeric,
 * the exact ratio of the integer sums.  The measures are NULL when the total
 * weight is 0; Watts is NULL too when a poor row has zero income.
 */
static void
FgtMeasures(const FgtState *state, Datum *values, bool *nulls)
{
	memset(nulls, 0, sizeof(bool) * FGT_MEASURE_COUNT);
	values[FGT_MEASURE_LINE] = Float8GetDatum(state->poverty_line);
	nulls[FGT_MEASURE_LINE] = nulls[FGT_MEASURE_POOR_AT_LINE] = !(state->flags & FGT_HAS_LINE);
	values[FGT_MEASURE_POOR_AT_LINE] = BoolGetDatum((state->flags & FGT_POOR_AT_LINE) != 0);
	values[FGT_MEASURE_ROWS] = Int64GetDatum(state->rows);
	values[FGT_MEASURE_POPULATION] = NumericGetDatum(PovextMicroToNumeric(state->population));
	values[FGT_MEASURE_POOR_POPULATION] = NumericGetDatum(PovextMicroToNumeric(state->poor_population));
	if (HasPopulation(state))
	{
		values[FGT_MEASURE_P0] = NumericGetDatum(PovextRatioToNumeric(state->poor_population, state->population));
		values[FGT_MEASURE_P1] = Float8GetDatum(FixedPointMean(state->gap_sum, state->population));
		values[FGT_MEASURE_P2] = Float8GetDatum(FixedPointMean(state->gap_squared_sum, state->population));
	}
	else
		nulls[FGT_MEASURE_P0] = nulls[FGT_MEASURE_P1] = nulls[FGT_MEASURE_P2] = true;
	if (HasWatts(state))
		values[FGT_MEASURE_WATTS] = Float8GetDatum(WattsMean(state));
	else
		nulls[FGT_MEASURE_WATTS] = true;
}

/* Every measure of a state as a record. */
Datum
fgt_measures(PG_FUNCTION_ARGS)
{
	TupleDesc	descriptor;
	Datum		values[FGT_MEASURE_COUNT];
	bool		nulls[FGT_MEASURE_COUNT];

	if (get_call_result_type(fcinfo, NULL, &descriptor) != TYPEFUNC_COMPOSITE)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("function returning record called in context that cannot accept type record")));
	FgtMeasures(PG_GETARG_FGT_STATE_P(0), values, nulls);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(descriptor), values, nulls)));
}

/* One measure of the state of argument 0, for the accessors below. */
static Datum
FgtMeasure(FunctionCallInfo fcinfo, enum FgtMeasure measure)
{
	Datum		values[FGT_MEASURE_COUNT];
	bool		nulls[FGT_MEASURE_COUNT];

	FgtMeasures(PG_GETARG_FGT_STATE_P(0), values, nulls);
	if (nulls[measure])
		PG_RETURN_NULL();
	PG_RETURN_DATUM(values[measure]);
}

/* Headcount ratio P0 (numeric); NULL when the total weight is 0. */
Datum
fgt_p0(PG_FUNCTION_ARGS)
{
	return FgtMeasure(fcinfo, FGT_MEASURE_P0);
}

/* Poverty gap index P1; NULL when the total weight is 0. */
Datum
fgt_p1(PG_FUNCTION_ARGS)
{
	return FgtMeasure(fcinfo, FGT_MEASURE_P1);
}

/* Squared poverty gap (severity) index P2; NULL when the total weight is 0. */
Datum
fgt_p2(PG_FUNCTION_ARGS)
{
	return FgtMeasure(fcinfo, FGT_MEASURE_P2);
}

/* Watts index; NULL when the total weight is 0 or a poor row has zero income. */
Datum
fgt_watts(PG_FUNCTION_ARGS)
{
	return FgtMeasure(fcinfo, FGT_MEASURE_WATTS);
}
