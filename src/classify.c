/*
 * classify.c
 *	  Household classification under a poverty standard, its explanation,
 *	  and the per-capita income helper.
 *
 * The rule kinds are those of docs/standards.md, with y the per-capita
 * income in the standard's unit, d the number of the standard's indicators
 * the household is deprived in and K the standard's minimum:
 *
 *	two_band:				poor if y <= poor_line, or if y <= near_poor_line
 *							and d >= K; near_poor if poor_line < y <=
 *							near_poor_line and d < K
 *	income_and_deprivation: poor if y <= poor_line and d >= K; near_poor if
 *							y <= poor_line and d < K (near_poor_line is not used)
 *	both:					middle if not poor or near-poor and y <=
 *							middle_line (when set); otherwise not_poor
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "funcapi.h"
#include "nodes/pg_list.h"
#include "nodes/primnodes.h"
#include "lib/stringinfo.h"
#include "port/pg_bitutils.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/numeric.h"

#include "catalog_cache.h"
#include "classify.h"
#include "deprivations.h"

PG_FUNCTION_INFO_V1(classify_standard);
PG_FUNCTION_INFO_V1(classify_scope);
PG_FUNCTION_INFO_V1(classify_explain_standard);
PG_FUNCTION_INFO_V1(classify_explain_scope);
PG_FUNCTION_INFO_V1(classify_per_capita_income);

/* The standard a call site used last, kept in fn_extra. */
typedef struct StandardLookup
{
	uint64		generation;
	const Standard *standard;
	bool		constant;		/* the code is the same on every row */
	int			code_length;
	char		code[FLEXIBLE_ARRAY_MEMBER];
} StandardLookup;

/* -1, 0 or 1 as a is less than, equal to or greater than b. */
static int
CompareNumeric(Numeric a, Numeric b)
{
	return DatumGetInt32(DirectFunctionCall2(numeric_cmp, NumericGetDatum(a), NumericGetDatum(b)));
}

/* Text of a numeric, for messages. */
static char *
NumericText(Numeric value)
{
	return DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(value)));
}

/* Rejects a per-capita income that is not a finite number at or above zero. */
static void
CheckIncome(Numeric income)
{
	static Numeric zero = NULL;

	if (!zero)
	{
		Numeric		value = int64_to_numeric(0);

		zero = MemoryContextAlloc(TopMemoryContext, VARSIZE(value));
		memcpy(zero, value, VARSIZE(value));
	}

	if (numeric_is_nan(income) || numeric_is_inf(income))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("per-capita income must be a finite number"),
				 errdetail("The income given was %s.", NumericText(income))));
	if (CompareNumeric(income, zero) < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("per-capita income must not be negative"),
				 errdetail("The income given was %s.", NumericText(income))));
}

/* Classifies one household whose income line for its area is 'line'. */
void
PovextClassifyHousehold(const Standard *standard, const StandardLine *line,
				  Numeric per_capita_income, uint64 deprivations,
				  Classification *result)
{
	bool		at_most_poor_line = CompareNumeric(per_capita_income, line->poor_line) <= 0;
	bool		enough_deprivations;

	result->counted = deprivations & standard->indicator_mask;
	result->ignored = deprivations & ~standard->indicator_mask;
	result->deprivation_count = pg_popcount64(result->counted);
	enough_deprivations = result->deprivation_count >= standard->minimum_deprivations;

	if (at_most_poor_line)
	{
		CheckIncome(per_capita_income);
		if (standard->rule == RULE_TWO_BAND)
		{
			result->status = STATUS_POOR;
			result->matched_rule = "y <= poor_line";
		}
		else if (enough_deprivations)
		{
			result->status = STATUS_POOR;
			result->matched_rule = "y <= poor_line and d >= K";
		}
		else
		{
			result->status = STATUS_NEAR_POOR;
			result->matched_rule = "y <= poor_line and d < K";
		}
	}
	else if (standard->rule == RULE_TWO_BAND &&
			 CompareNumeric(per_capita_income, line->near_poor_line) <= 0)
	{
		if (enough_deprivations)
		{
			result->status = STATUS_POOR;
			result->matched_rule = "poor_line < y <= near_poor_line and d >= K";
		}
		else
		{
			result->status = STATUS_NEAR_POOR;
			result->matched_rule = "poor_line < y <= near_poor_line and d < K";
		}
	}
	else if (line->middle_line && CompareNumeric(per_capita_income, line->middle_line) <= 0)
	{
		result->status = STATUS_MIDDLE;
		result->matched_rule = standard->rule == RULE_TWO_BAND ?
			"near_poor_line < y <= middle_line" : "poor_line < y <= middle_line";
	}
	else
	{
		if (numeric_is_nan(per_capita_income) || numeric_is_inf(per_capita_income))
			CheckIncome(per_capita_income); /* they sort above every line */
		result->status = STATUS_NOT_POOR;
		result->matched_rule = line->middle_line ? "y > middle_line" :
			standard->rule == RULE_TWO_BAND ? "y > near_poor_line" : "y > poor_line";
	}
}

/*
 * True if the standard code argument is a literal, the same on every call
 * of this call site.  (Not a parameter: PL/pgSQL keeps a call site's state
 * while the variable behind a parameter changes.)
 */
static bool
StandardArgumentIsConstant(FunctionCallInfo fcinfo)
{
	Node	   *expr = fcinfo->flinfo->fn_expr;
	List	   *args;

	if (expr == NULL || !IsA(expr, FuncExpr))
		return false;
	args = ((FuncExpr *) expr)->args;
	return list_length(args) > 2 && IsA(lthird(args), Const);
}

/* The standard named 'code'; the lookup is kept in fn_extra for the next row. */
static const Standard *
LookupStandard(FunctionCallInfo fcinfo, const PovextCatalog *catalog, text *code)
{
	StandardLookup *lookup = fcinfo->flinfo->fn_extra;
	const char *code_data = VARDATA_ANY(code);
	int			code_length = VARSIZE_ANY_EXHDR(code);
	const Standard *standard;

	if (lookup && lookup->generation == PovextCatalogGeneration(catalog) &&
		(lookup->constant ||
		 (lookup->code_length == code_length && memcmp(lookup->code, code_data, code_length) == 0)))
		return lookup->standard;

	standard = PovextStandardByCode(catalog, code_data, code_length);
	if (!standard)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("poverty standard \"%.*s\" does not exist", code_length, code_data),
				 errhint("Valid standards are: %s.", PovextStandardCodeList(catalog))));

	if (!lookup || lookup->code_length < code_length)
	{
		if (lookup)
			pfree(lookup);
		lookup = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt,
									offsetof(StandardLookup, code) + code_length);
		fcinfo->flinfo->fn_extra = lookup;
	}
	lookup->generation = PovextCatalogGeneration(catalog);
	lookup->standard = standard;
	lookup->constant = StandardArgumentIsConstant(fcinfo);
	lookup->code_length = code_length;
	memcpy(lookup->code, code_data, code_length);
	return standard;
}

/* Builds the explanation record of one classification. */
static Datum
ExplainResult(FunctionCallInfo fcinfo, const PovextCatalog *catalog, const Standard *standard,
			  Area area, Numeric income, const StandardLine *line, const Classification *result)
{
	TupleDesc	tupdesc;
	Datum		values[16];
	bool		nulls[16] = {false};

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);

	values[0] = CStringGetTextDatum(standard->code);
	values[1] = CStringGetTextDatum(standard->scope);
	values[2] = CStringGetTextDatum(standard->legal_basis);
	values[3] = ObjectIdGetDatum(PovextAreaOid(catalog, area));
	values[4] = standard->unit_oid;
	values[5] = standard->rule_oid;
	values[6] = NumericGetDatum(income);
	values[7] = NumericGetDatum(line->poor_line);
	values[8] = NumericGetDatum(line->near_poor_line);
	values[9] = line->middle_line ? NumericGetDatum(line->middle_line) : (Datum) 0;
	nulls[9] = line->middle_line == NULL;
	values[10] = Int32GetDatum(standard->minimum_deprivations);
	values[11] = DeprivationsGetDatum(result->counted);
	values[12] = DeprivationsGetDatum(result->ignored);
	values[13] = Int32GetDatum(result->deprivation_count);
	values[14] = CStringGetTextDatum(result->matched_rule);
	values[15] = ObjectIdGetDatum(PovextStatusOid(catalog, result->status));
	return HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls));
}

/* povext.classify(per_capita_income, deprivations, standard, area). */
Datum
classify_standard(PG_FUNCTION_ARGS)
{
	const PovextCatalog *catalog = PovextGetCatalog();
	const Standard *standard = LookupStandard(fcinfo, catalog, PG_GETARG_TEXT_PP(2));
	const StandardLine *line = PovextStandardLine(standard, PovextAreaFromOid(catalog, PG_GETARG_OID(3)));
	Classification result;

	PovextClassifyHousehold(standard, line, PG_GETARG_NUMERIC(0), PG_GETARG_DEPRIVATIONS(1), &result);
	PG_RETURN_OID(PovextStatusOid(catalog, result.status));
}

/* povext.classify(per_capita_income, deprivations, scope, area, on_date). */
Datum
classify_scope(PG_FUNCTION_ARGS)
{
	const PovextCatalog *catalog = PovextGetCatalog();
	Area		area = PovextAreaFromOid(catalog, PG_GETARG_OID(3));
	const Standard *standard = PovextStandardInForce(catalog, text_to_cstring(PG_GETARG_TEXT_PP(2)), area, PG_GETARG_DATEADT(4));
	Classification result;

	PovextClassifyHousehold(standard, PovextStandardLine(standard, area), PG_GETARG_NUMERIC(0),
					  PG_GETARG_DEPRIVATIONS(1), &result);
	PG_RETURN_OID(PovextStatusOid(catalog, result.status));
}

/* povext.explain_classification(per_capita_income, deprivations, standard, area). */
Datum
classify_explain_standard(PG_FUNCTION_ARGS)
{
	const PovextCatalog *catalog = PovextGetCatalog();
	const Standard *standard = LookupStandard(fcinfo, catalog, PG_GETARG_TEXT_PP(2));
	Area		area = PovextAreaFromOid(catalog, PG_GETARG_OID(3));
	const StandardLine *line = PovextStandardLine(standard, area);
	Numeric		income = PG_GETARG_NUMERIC(0);
	Classification result;

	PovextClassifyHousehold(standard, line, income, PG_GETARG_DEPRIVATIONS(1), &result);
	return ExplainResult(fcinfo, catalog, standard, area, income, line, &result);
}

/* povext.explain_classification(per_capita_income, deprivations, scope, area, on_date). */
Datum
classify_explain_scope(PG_FUNCTION_ARGS)
{
	const PovextCatalog *catalog = PovextGetCatalog();
	Area		area = PovextAreaFromOid(catalog, PG_GETARG_OID(3));
	const Standard *standard = PovextStandardInForce(catalog, text_to_cstring(PG_GETARG_TEXT_PP(2)), area, PG_GETARG_DATEADT(4));
	const StandardLine *line = PovextStandardLine(standard, area);
	Numeric		income = PG_GETARG_NUMERIC(0);
	Classification result;

	PovextClassifyHousehold(standard, line, income, PG_GETARG_DEPRIVATIONS(1), &result);
	return ExplainResult(fcinfo, catalog, standard, area, income, line, &result);
}

/*
 * povext.per_capita_income(household_income, members, unit): income of the
 * 12 months before the review per member, per year or per month.
 */
Datum
classify_per_capita_income(PG_FUNCTION_ARGS)
{
	Numeric		household_income = PG_GETARG_NUMERIC(0);
	int32		members = PG_GETARG_INT32(1);
	char	   *unit = DatumGetCString(DirectFunctionCall1(enum_out, PG_GETARG_DATUM(2)));
	int64		divisor = PovextEnumLabel(POVEXT_ENUM_INCOME_UNIT, unit, NULL) == UNIT_MONTH ?
		(int64) members * 12 : members;

	if (numeric_is_nan(household_income) || numeric_is_inf(household_income) ||
		CompareNumeric(household_income, int64_to_numeric(0)) < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("household income must be a finite number at or above zero"),
				 errdetail("The income given was %s.", NumericText(household_income))));
	if (members <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("number of household members must be positive"),
				 errdetail("The number given was %d.", members)));
	PG_RETURN_DATUM(DirectFunctionCall2(numeric_div, NumericGetDatum(household_income),
										NumericGetDatum(int64_to_numeric(divisor))));
}
