/*
 * classify.c
 *	  Household classification under a poverty standard, its explanation,
 *	  the per-capita income helper, and the household forms that take what a
 *	  registry holds (income of 12 months, members) and convert it to the
 *	  standard's unit themselves.
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

#include <math.h>

#include "access/htup_details.h"
#include "funcapi.h"
#include "nodes/pg_list.h"
#include "nodes/primnodes.h"
#include "lib/stringinfo.h"
#include "port/pg_bitutils.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/float.h"
#include "utils/numeric.h"

#include "catalog_cache.h"
#include "classify.h"
#include "deprivations.h"
#include "nls.h"
#include "numeric_ops.h"

PG_FUNCTION_INFO_V1(classify_standard);
PG_FUNCTION_INFO_V1(classify_scope);
PG_FUNCTION_INFO_V1(classify_explain_standard);
PG_FUNCTION_INFO_V1(classify_explain_scope);
PG_FUNCTION_INFO_V1(classify_per_capita_income);
PG_FUNCTION_INFO_V1(classify_household);
PG_FUNCTION_INFO_V1(classify_explain_household);
PG_FUNCTION_INFO_V1(classify_standard_in_force);
PG_FUNCTION_INFO_V1(classify_fgt_state_accum_household);

/* Transition function of the FGT aggregates (fgt_state.c), fed by the household form. */
extern Datum fgt_state_accum(PG_FUNCTION_ARGS);

/* The standard a call site used last, kept in fn_extra. */
typedef struct StandardLookup
{
	uint64		generation;
	const Standard *standard;
	bool		constant;		/* the code is the same on every row */
	int			code_length;
	char		code[FLEXIBLE_ARRAY_MEMBER];
} StandardLookup;

/* Rejects a per-capita income that is not a finite number at or above zero. */
static void
CheckIncome(Numeric income)
{
	static Numeric zero = NULL;

	if (!zero)
		zero = PovextNumericConstant("0");

	if (numeric_is_nan(income) || numeric_is_inf(income))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("per-capita income must be a finite number"),
				 errdetail("The income given was %s.", PovextNumericText(income))));
	if (PovextNumericCompare(income, zero) < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("per-capita income must not be negative"),
				 errdetail("The income given was %s.", PovextNumericText(income))));
}

/* Classifies one household whose income line for its area is 'line'. */
void
PovextClassifyHousehold(const Standard *standard, const StandardLine *line,
				  Numeric per_capita_income, uint64 deprivations,
				  Classification *result)
{
	bool		at_most_poor_line = PovextNumericCompare(per_capita_income, line->poor_line) <= 0;
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
			 PovextNumericCompare(per_capita_income, line->near_poor_line) <= 0)
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
	else if (line->middle_line && PovextNumericCompare(per_capita_income, line->middle_line) <= 0)
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
 * True if argument 'argno' (the standard code) is a literal, the same on
 * every call of this call site.  (Not a parameter: PL/pgSQL keeps a call
 * site's state while the variable behind a parameter changes.)
 */
static bool
StandardArgumentIsConstant(FunctionCallInfo fcinfo, int argno)
{
	Node	   *expr = fcinfo->flinfo->fn_expr;
	List	   *args;

	if (expr == NULL || !IsA(expr, FuncExpr))
		return false;
	args = ((FuncExpr *) expr)->args;
	return list_length(args) > argno && IsA(list_nth(args, argno), Const);
}

/*
 * The standard named by argument 'argno'; the lookup is kept in fn_extra
 * for the next row.
 */
static const Standard *
LookupStandard(FunctionCallInfo fcinfo, const PovextCatalog *catalog, int argno)
{
	StandardLookup *lookup = fcinfo->flinfo->fn_extra;
	text	   *code = PG_GETARG_TEXT_PP(argno);
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
				 PovextUnknownCodeDetail(catalog, POVEXT_CODE_STANDARD, code_data, code_length)));

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
	lookup->constant = StandardArgumentIsConstant(fcinfo, argno);
	lookup->code_length = code_length;
	memcpy(lookup->code, code_data, code_length);
	return standard;
}

/*
 * Builds the explanation record of one classification.  The household forms
 * pass the household's income and members, which come before the per-capita
 * income in their record; the per-capita forms pass household_income NULL.
 */
static Datum
ExplainResult(FunctionCallInfo fcinfo, const PovextCatalog *catalog, const Standard *standard,
			  Area area, Numeric household_income, int32 members, Numeric per_capita_income,
			  const StandardLine *line, const Classification *result)
{
	TupleDesc	tupdesc;
	Datum		values[18];
	bool		nulls[18] = {false};
	int			n = 0;

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);

	values[n++] = CStringGetTextDatum(standard->code);
	values[n++] = CStringGetTextDatum(standard->scope);
	values[n++] = CStringGetTextDatum(standard->legal_basis);
	values[n++] = ObjectIdGetDatum(PovextAreaOid(catalog, area));
	values[n++] = standard->unit_oid;
	values[n++] = standard->rule_oid;
	if (household_income)
	{
		values[n++] = NumericGetDatum(household_income);
		values[n++] = Int32GetDatum(members);
	}
	values[n++] = NumericGetDatum(per_capita_income);
	values[n++] = NumericGetDatum(line->poor_line);
	values[n++] = NumericGetDatum(line->near_poor_line);
	nulls[n] = line->middle_line == NULL;
	values[n++] = line->middle_line ? NumericGetDatum(line->middle_line) : (Datum) 0;
	values[n++] = Int32GetDatum(standard->minimum_deprivations);
	values[n++] = DeprivationsGetDatum(result->counted);
	values[n++] = DeprivationsGetDatum(result->ignored);
	values[n++] = Int32GetDatum(result->deprivation_count);
	values[n++] = CStringGetTextDatum(result->matched_rule);
	values[n++] = ObjectIdGetDatum(PovextStatusOid(catalog, result->status));
	Assert(n == tupdesc->natts);
	return HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls));
}

/* povext.classify(per_capita_income, deprivations, standard, area). */
Datum
classify_standard(PG_FUNCTION_ARGS)
{
	const PovextCatalog *catalog = PovextGetCatalog();
	const Standard *standard = LookupStandard(fcinfo, catalog, 2);
	const StandardLine *line = PovextStandardLine(standard, PovextAreaFromOid(catalog, PG_GETARG_OID(3)));
	PovextNumericBuffer income;
	Classification result;

	PovextClassifyHousehold(standard, line, PovextNumericArgument(fcinfo, 0, &income),
							PG_GETARG_DEPRIVATIONS(1), &result);
	PG_RETURN_OID(PovextStatusOid(catalog, result.status));
}

/* povext.classify(per_capita_income, deprivations, scope, area, on_date). */
Datum
classify_scope(PG_FUNCTION_ARGS)
{
	const PovextCatalog *catalog = PovextGetCatalog();
	Area		area = PovextAreaFromOid(catalog, PG_GETARG_OID(3));
	const Standard *standard = PovextStandardInForce(catalog, text_to_cstring(PG_GETARG_TEXT_PP(2)), area,
													 PG_GETARG_DATEADT(4), false);
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
	const Standard *standard = LookupStandard(fcinfo, catalog, 2);
	Area		area = PovextAreaFromOid(catalog, PG_GETARG_OID(3));
	const StandardLine *line = PovextStandardLine(standard, area);
	Numeric		income = PG_GETARG_NUMERIC(0);
	Classification result;

	PovextClassifyHousehold(standard, line, income, PG_GETARG_DEPRIVATIONS(1), &result);
	return ExplainResult(fcinfo, catalog, standard, area, NULL, 0, income, line, &result);
}

/* povext.explain_classification(per_capita_income, deprivations, scope, area, on_date). */
Datum
classify_explain_scope(PG_FUNCTION_ARGS)
{
	const PovextCatalog *catalog = PovextGetCatalog();
	Area		area = PovextAreaFromOid(catalog, PG_GETARG_OID(3));
	const Standard *standard = PovextStandardInForce(catalog, text_to_cstring(PG_GETARG_TEXT_PP(2)), area,
													 PG_GETARG_DATEADT(4), false);
	const StandardLine *line = PovextStandardLine(standard, area);
	Numeric		income = PG_GETARG_NUMERIC(0);
	Classification result;

	PovextClassifyHousehold(standard, line, income, PG_GETARG_DEPRIVATIONS(1), &result);
	return ExplainResult(fcinfo, catalog, standard, area, NULL, 0, income, line, &result);
}

/*
 * Rejects a household income of 12 months that is negative or not finite,
 * and a number of members below 1.
 */
static void
CheckHousehold(Numeric household_income, int32 members)
{
	if (numeric_is_nan(household_income) || numeric_is_inf(household_income) ||
		PovextNumericCompare(household_income, int64_to_numeric(0)) < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("household income must be a finite number at or above zero"),
				 errdetail("The income given was %s.", PovextNumericText(household_income))));
	if (members <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("number of household members must be positive"),
				 errdetail("The number given was %d.", members)));
}

/* What a household's income of 12 months is divided by for a per-capita income in 'unit'. */
static Numeric
HouseholdDivisor(Datum unit_oid, int32 members)
{
	char	   *unit = DatumGetCString(DirectFunctionCall1(enum_out, unit_oid));

	/* members * 12 fits in int64 for every int32 */
	return int64_to_numeric(PovextEnumLabel(POVEXT_ENUM_INCOME_UNIT, unit, NULL) == UNIT_MONTH ?
							(int64) members * 12 : members);
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
	Numeric		divisor = HouseholdDivisor(PG_GETARG_DATUM(2), members);

	CheckHousehold(household_income, members);
	PG_RETURN_NUMERIC(PovextNumericOp(numeric_div, household_income, divisor));
}

/*
 * Classifies a household from its income of the 12 months before the review
 * and its number of members, converted to the standard's unit (per month:
 * divided by 12 and by members; per year: by members).  The per-capita
 * income, rounded, goes to *per_capita_income when that is not NULL.
 *
 * The household income is compared with each line times the divisor rather
 * than a per-capita income with the lines: the product is exact while the
 * quotient is rounded, so an income one dong above a line is never taken for
 * the line, however many members.
 */
void
PovextClassifyHouseholdIncome(const Standard *standard, Area area, Numeric household_income,
							  int32 members, uint64 deprivations, Classification *result,
							  Numeric *per_capita_income)
{
	const StandardLine *line = PovextStandardLine(standard, area);
	StandardLine household_line = *line;
	Numeric		divisor;

	CheckHousehold(household_income, members);
	divisor = HouseholdDivisor(standard->unit_oid, members);
	household_line.poor_line = PovextNumericOp(numeric_mul, line->poor_line, divisor);
	household_line.near_poor_line = PovextNumericOp(numeric_mul, line->near_poor_line, divisor);
	if (line->middle_line)
		household_line.middle_line = PovextNumericOp(numeric_mul, line->middle_line, divisor);
	PovextClassifyHousehold(standard, &household_line, household_income, deprivations, result);
	if (per_capita_income)
		*per_capita_income = PovextNumericOp(numeric_div, household_income, divisor);
}

/*
 * The standard of a household form's call: by code (argument 3) when the
 * function has 5 arguments, else of the scope (argument 3) in force for the
 * area on the date (argument 5).
 */
static const Standard *
HouseholdStandard(FunctionCallInfo fcinfo, const PovextCatalog *catalog, Area area)
{
	if (PG_NARGS() == 5)
		return LookupStandard(fcinfo, catalog, 3);
	return PovextStandardInForce(catalog, text_to_cstring(PG_GETARG_TEXT_PP(3)), area,
								 PG_GETARG_DATEADT(5), false);
}

/*
 * povext.classify_household(household_income, members, deprivations,
 * standard, area) and (..., scope, area, on_date).
 */
Datum
classify_household(PG_FUNCTION_ARGS)
{
	const PovextCatalog *catalog = PovextGetCatalog();
	Area		area = PovextAreaFromOid(catalog, PG_GETARG_OID(4));
	const Standard *standard = HouseholdStandard(fcinfo, catalog, area);
	Classification result;

	PovextClassifyHouseholdIncome(standard, area, PG_GETARG_NUMERIC(0), PG_GETARG_INT32(1),
								  PG_GETARG_DEPRIVATIONS(2), &result, NULL);
	PG_RETURN_OID(PovextStatusOid(catalog, result.status));
}

/* povext.explain_household(...): same arguments as classify_household. */
Datum
classify_explain_household(PG_FUNCTION_ARGS)
{
	const PovextCatalog *catalog = PovextGetCatalog();
	Area		area = PovextAreaFromOid(catalog, PG_GETARG_OID(4));
	const Standard *standard = HouseholdStandard(fcinfo, catalog, area);
	Numeric		household_income = PG_GETARG_NUMERIC(0);
	int32		members = PG_GETARG_INT32(1);
	Numeric		per_capita_income;
	Classification result;

	PovextClassifyHouseholdIncome(standard, area, household_income, members,
								  PG_GETARG_DEPRIVATIONS(2), &result, &per_capita_income);
	return ExplainResult(fcinfo, catalog, standard, area, household_income, members,
						 per_capita_income, PovextStandardLine(standard, area), &result);
}

/* povext.standard_in_force(scope, area, on_date): code of the standard in force. */
Datum
classify_standard_in_force(PG_FUNCTION_ARGS)
{
	const PovextCatalog *catalog = PovextGetCatalog();
	const Standard *standard = PovextStandardInForce(catalog, text_to_cstring(PG_GETARG_TEXT_PP(0)),
													 PovextAreaFromOid(catalog, PG_GETARG_OID(1)),
													 PG_GETARG_DATEADT(2), false);

	PG_RETURN_TEXT_P(cstring_to_text(standard->code));
}

/*
 * Transition function of the household FGT aggregates:
 * (state, household_income, members, scope, area, on_date [, weight]).
 * Takes the standard of the scope in force for the area on the date, its
 * poor line and the household's per-capita income in its unit, and adds the
 * row with fgt_state_accum (poor at the line, the Vietnamese rule).  Rows
 * with a NULL argument are skipped, as fgt_state_accum skips them.
 */
Datum
classify_fgt_state_accum_household(PG_FUNCTION_ARGS)
{
	LOCAL_FCINFO(accum, 4);
	const PovextCatalog *catalog;
	Area		area;
	const Standard *standard;
	const StandardLine *line;
	Numeric		household_income;
	int32		members;
	Numeric		divisor;
	float8		income;
	float8		poverty_line;
	Datum		result;
	int			i;

	for (i = 1; i < PG_NARGS(); i++)
		if (PG_ARGISNULL(i))
		{
			if (PG_ARGISNULL(0))
				PG_RETURN_NULL();
			PG_RETURN_DATUM(PG_GETARG_DATUM(0));
		}

	catalog = PovextGetCatalog();
	area = PovextAreaFromOid(catalog, PG_GETARG_OID(4));
	standard = PovextStandardInForce(catalog, text_to_cstring(PG_GETARG_TEXT_PP(3)), area,
									 PG_GETARG_DATEADT(5), false);
	line = PovextStandardLine(standard, area);
	household_income = PG_GETARG_NUMERIC(1);
	members = PG_GETARG_INT32(2);
	CheckHousehold(household_income, members);
	divisor = HouseholdDivisor(standard->unit_oid, members);
	income = DatumGetFloat8(DirectFunctionCall1(numeric_float8,
												NumericGetDatum(PovextNumericOp(numeric_div, household_income, divisor))));
	poverty_line = DatumGetFloat8(DirectFunctionCall1(numeric_float8, NumericGetDatum(line->poor_line)));

	/*
	 * Rounding (of the quotient, then to float8) can bring an income just
	 * above the line down onto it; the exact comparison decides, so such a
	 * household stays above the line.
	 */
	if (income <= poverty_line &&
		PovextNumericCompare(household_income, PovextNumericOp(numeric_mul, line->poor_line, divisor)) > 0)
		income = nextafter(poverty_line, get_float8_infinity());

	/* the aggregate's context passes on, so the state is updated in place */
	InitFunctionCallInfoData(*accum, fcinfo->flinfo, PG_NARGS() - 3, fcinfo->fncollation,
							 fcinfo->context, NULL);
	accum->args[0] = fcinfo->args[0];
	accum->args[1].value = Float8GetDatum(income);
	accum->args[1].isnull = false;
	accum->args[2].value = Float8GetDatum(poverty_line);
	accum->args[2].isnull = false;
	if (PG_NARGS() > 6)
		accum->args[3] = fcinfo->args[6];
	result = fgt_state_accum(accum);
	if (accum->isnull)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(result);
}
