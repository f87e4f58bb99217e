/*
 * catalog_cache.c
 *	  Per-backend cache of the indicator and standard tables of schema
 *	  povext, rebuilt after any change to them.
 *
 * The tables are read with SPI into a memory context of their own.  The
 * statement-level trigger povext.catalog_changed() sends a relcache
 * invalidation for the changed table; every backend then drops its copy at
 * its next statement.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_enum.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "lib/stringinfo.h"
#include "port/pg_bitutils.h"
#include "utils/builtins.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"

#include "catalog_cache.h"

#define CATALOG_TABLE_COUNT 4

static const char *const catalog_tables[CATALOG_TABLE_COUNT] = {
	"indicator", "standard", "standard_line", "standard_indicator"
};

static PovextCatalog *catalog = NULL;
static MemoryContext catalog_context = NULL;
static bool catalog_valid = false;
static bool catalog_for_statement_only = false;
static uint64 catalog_generation = 0;
static Oid	catalog_relids[CATALOG_TABLE_COUNT];

PG_FUNCTION_INFO_V1(catalog_changed);

/* Relcache callback: forget the cache when one of the catalog tables changes. */
static void
CatalogInvalidate(Datum arg, Oid relid)
{
	int			i;

	if (relid == InvalidOid)
	{
		catalog_valid = false;
		return;
	}
	for (i = 0; i < CATALOG_TABLE_COUNT; i++)
		if (catalog_relids[i] == relid)
			catalog_valid = false;
}

/* Registers the invalidation callback; called once from _PG_init. */
void
PovextCatalogInit(void)
{
	CacheRegisterRelcacheCallback(CatalogInvalidate, (Datum) 0);
}

/* The OID of a label of an enum type of schema povext. */
static Oid
EnumLabelOid(Oid namespace, const char *type_name, const char *label)
{
	Oid			type_oid = GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid,
										   CStringGetDatum(type_name),
										   ObjectIdGetDatum(namespace));
	HeapTuple	tuple;
	Oid			result;

	if (!OidIsValid(type_oid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("type povext.%s does not exist", type_name),
				 errhint("Run CREATE EXTENSION povext.")));
	tuple = SearchSysCache2(ENUMTYPOIDNAME, ObjectIdGetDatum(type_oid),
							CStringGetDatum(label));
	if (!HeapTupleIsValid(tuple))
		elog(ERROR, "enum povext.%s has no label \"%s\"", type_name, label);
	result = ((Form_pg_enum) GETSTRUCT(tuple))->oid;
	ReleaseSysCache(tuple);
	return result;
}

/* Text of column 'column' of SPI result row 'row', copied to the cache, or NULL. */
static char *
SpiText(int row, int column)
{
	char	   *value = SPI_getvalue(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, column);

	return value ? MemoryContextStrdup(catalog_context, value) : NULL;
}

/* Datum of column 'column' of SPI result row 'row'; *isnull tells NULL. */
static Datum
SpiDatum(int row, int column, bool *isnull)
{
	return SPI_getbinval(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, column, isnull);
}

/* Numeric of column 'column' of SPI result row 'row', copied to the cache, or NULL. */
static Numeric
SpiNumeric(int row, int column)
{
	bool		isnull;
	Datum		value = SpiDatum(row, column, &isnull);
	Numeric		copy;

	if (isnull)
		return NULL;
	copy = MemoryContextAlloc(catalog_context, VARSIZE_ANY(DatumGetPointer(value)));
	memcpy(copy, DatumGetPointer(value), VARSIZE_ANY(DatumGetPointer(value)));
	return copy;
}

/* Runs a read-only catalog query, failing loudly if it does not return rows. */
static void
SpiRun(const char *query)
{
	if (SPI_execute(query, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "povext catalog query failed: %s", query);
}

/* Reads the indicator table. */
static void
LoadIndicators(PovextCatalog *result)
{
	uint64		row;

	SpiRun("SELECT bit, code FROM povext.indicator ORDER BY bit");
	for (row = 0; row < SPI_processed; row++)
	{
		bool		isnull;
		int			bit = DatumGetInt16(SpiDatum(row, 1, &isnull));

		result->indicator_code[bit] = SpiText(row, 2);
		result->indicator_length[bit] = strlen(result->indicator_code[bit]);
		result->known_mask |= UINT64CONST(1) << bit;
	}
}

/* Reads the standard table; standards come out sorted by code. */
static void
LoadStandards(PovextCatalog *result, Oid namespace)
{
	uint64		row;

	SpiRun("SELECT code, scope, legal_basis, rule::text, unit::text, minimum_deprivations"
		   " FROM povext.standard ORDER BY code COLLATE \"C\"");
	result->standard_count = SPI_processed;
	result->standards = MemoryContextAllocZero(catalog_context,
											   sizeof(Standard) * Max(SPI_processed, 1));
	for (row = 0; row < SPI_processed; row++)
	{
		Standard   *standard = &result->standards[row];
		char	   *rule = SPI_getvalue(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, 4);
		char	   *unit = SPI_getvalue(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, 5);
		bool		isnull;
		Datum		minimum = SpiDatum(row, 6, &isnull);

		standard->code = SpiText(row, 1);
		standard->scope = SpiText(row, 2);
		standard->legal_basis = SpiText(row, 3);
		if (strcmp(rule, "two_band") == 0)
			standard->rule = RULE_TWO_BAND;
		else if (strcmp(rule, "income_and_deprivation") == 0)
			standard->rule = RULE_INCOME_AND_DEPRIVATION;
		else
			standard->rule = RULE_WEIGHTED_SCORE;
		standard->rule_oid = ObjectIdGetDatum(EnumLabelOid(namespace, "rule_kind", rule));
		standard->unit_oid = unit ? ObjectIdGetDatum(EnumLabelOid(namespace, "income_unit", unit)) : (Datum) 0;
		standard->minimum_deprivations = isnull ? 0 : DatumGetInt32(minimum);
	}
}

/*
 * The standard a row of another catalog table names.  The foreign keys
 * guarantee it, except where they were not enforced (session_replication_role
 * = replica); such a row is an error, not a crash.
 */
static Standard *
CatalogStandard(PovextCatalog *result, const char *code, const char *table)
{
	Standard   *standard = (Standard *) StandardByCode(result, code, strlen(code));

	if (!standard)
		ereport(ERROR,
				(errcode(ERRCODE_FOREIGN_KEY_VIOLATION),
				 errmsg("povext.%s names poverty standard \"%s\", which povext.standard does not have", table, code),
				 errhint("Delete the row or add the standard.")));
	return standard;
}

/* Rejects an income line that is not a finite number. */
static void
CheckLine(const char *code, Numeric line)
{
	if (line && (numeric_is_nan(line) || numeric_is_inf(line)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("income lines of poverty standard \"%s\" must be finite numbers", code),
				 errhint("Correct the lines in povext.standard_line.")));
}

/* Reads the income lines of every standard. */
static void
LoadLines(PovextCatalog *result)
{
	uint64		row;

	SpiRun("SELECT standard, area::text, pg_catalog.lower_inf(in_force), pg_catalog.lower(in_force),"
		   " pg_catalog.upper_inf(in_force), pg_catalog.upper(in_force), poor_line, near_poor_line, middle_line"
		   " FROM povext.standard_line");
	for (row = 0; row < SPI_processed; row++)
	{
		char	   *code = SPI_getvalue(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, 1);
		char	   *area = SPI_getvalue(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, 2);
		Standard   *standard = CatalogStandard(result, code, "standard_line");
		StandardLine *line;
		bool		isnull;

		line = &standard->lines[strcmp(area, "urban") == 0 ? AREA_URBAN : AREA_RURAL];
		line->defined = true;
		line->starts_unbounded = DatumGetBool(SpiDatum(row, 3, &isnull));
		if (!line->starts_unbounded)
			line->starts = DatumGetDateADT(SpiDatum(row, 4, &isnull));
		line->ends_unbounded = DatumGetBool(SpiDatum(row, 5, &isnull));
		if (!line->ends_unbounded)
			line->ends = DatumGetDateADT(SpiDatum(row, 6, &isnull));
		line->poor_line = SpiNumeric(row, 7);
		line->near_poor_line = SpiNumeric(row, 8);
		line->middle_line = SpiNumeric(row, 9);
		CheckLine(code, line->poor_line);
		CheckLine(code, line->near_poor_line);
		CheckLine(code, line->middle_line);
	}
}

/* Reads which indicators each standard counts, and their weights. */
static void
LoadStandardIndicators(PovextCatalog *result)
{
	uint64		row;

	SpiRun("SELECT si.standard, i.bit, si.weight_numerator, si.weight_denominator"
		   " FROM povext.standard_indicator AS si"
		   " JOIN povext.indicator AS i ON i.code OPERATOR(pg_catalog.=) si.indicator");
	for (row = 0; row < SPI_processed; row++)
	{
		char	   *code = SPI_getvalue(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, 1);
		Standard   *standard = CatalogStandard(result, code, "standard_indicator");
		bool		isnull;
		int			bit = DatumGetInt16(SpiDatum(row, 2, &isnull));

		standard->indicator_mask |= UINT64CONST(1) << bit;
		standard->weight_numerator[bit] = DatumGetInt32(SpiDatum(row, 3, &isnull));
		standard->weight_denominator[bit] = DatumGetInt32(SpiDatum(row, 4, &isnull));
	}
}

/* Builds a fresh copy of the catalog in a new memory context. */
static PovextCatalog *
LoadCatalog(void)
{
	Oid			namespace = get_namespace_oid("povext", true);
	PovextCatalog *result;
	int			i;

	if (!OidIsValid(namespace))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_SCHEMA),
				 errmsg("schema povext does not exist"),
				 errhint("Run CREATE EXTENSION povext.")));
	for (i = 0; i < CATALOG_TABLE_COUNT; i++)
		catalog_relids[i] = get_relname_relid(catalog_tables[i], namespace);

	result = MemoryContextAllocZero(catalog_context, sizeof(PovextCatalog));
	result->status_oid[STATUS_POOR] = EnumLabelOid(namespace, "status", "poor");
	result->status_oid[STATUS_NEAR_POOR] = EnumLabelOid(namespace, "status", "near_poor");
	result->status_oid[STATUS_MIDDLE] = EnumLabelOid(namespace, "status", "middle");
	result->status_oid[STATUS_NOT_POOR] = EnumLabelOid(namespace, "status", "not_poor");
	result->area_oid[AREA_URBAN] = EnumLabelOid(namespace, "area", "urban");
	result->area_oid[AREA_RURAL] = EnumLabelOid(namespace, "area", "rural");

	/*
	 * Read the latest committed catalog, as PostgreSQL reads its own: a
	 * statement's older snapshot could miss a change whose invalidation was
	 * just processed.  A parallel operation cannot take a new snapshot, so
	 * what it reads is kept for the current statement only.
	 */
	catalog_for_statement_only = IsInParallelMode();
	if (!catalog_for_statement_only)
		PushActiveSnapshot(GetLatestSnapshot());
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	LoadIndicators(result);
	LoadStandards(result, namespace);
	LoadLines(result);
	LoadStandardIndicators(result);
	SPI_finish();
	if (!catalog_for_statement_only)
		PopActiveSnapshot();

	result->generation = ++catalog_generation;
	return result;
}

/*
 * The current catalog, reloaded if it changed.  The new copy is built in a
 * context under the caller's, so an error while loading frees it; only a
 * complete copy is moved under CacheMemoryContext.
 */
const PovextCatalog *
PovextGetCatalog(void)
{
	static TimestampTz checked_statement = 0;

	/*
	 * Once per statement, take in other backends' committed changes, as a
	 * statement that locked a table would.
	 */
	if (GetCurrentStatementStartTimestamp() != checked_statement)
	{
		if (catalog_for_statement_only)
			catalog_valid = false;
		AcceptInvalidationMessages();
		checked_statement = GetCurrentStatementStartTimestamp();
	}

	/*
	 * In a parallel query the leader and its workers must read the same
	 * catalog: all of them read it with the query's snapshot, once.
	 */
	if (IsInParallelMode() && !catalog_for_statement_only)
		catalog_valid = false;

	while (!catalog_valid)
	{
		MemoryContext fresh = AllocSetContextCreate(CurrentMemoryContext,
													"povext catalog",
													ALLOCSET_SMALL_SIZES);
		MemoryContext previous = catalog_context;
		PovextCatalog *loaded;

		catalog_valid = true;
		catalog_context = fresh;
		PG_TRY();
		{
			loaded = LoadCatalog();
		}
		PG_CATCH();
		{
			MemoryContextDelete(fresh);
			catalog_context = previous;
			catalog_valid = false;
			PG_RE_THROW();
		}
		PG_END_TRY();

		MemoryContextSetParent(fresh, CacheMemoryContext);
		if (previous)
			MemoryContextDelete(previous);
		catalog = loaded;
	}
	return catalog;
}

/* Bit of the indicator named by the 'length' bytes at 'code', or -1. */
int
IndicatorBitByCode(const PovextCatalog *cat, const char *code, int length)
{
	uint64		bits;

	/*
	 * Length and first byte first: they rule out nearly every other code
	 * without a call (binary COPY looks up every code it reads).  'code' may
	 * hold any bytes, zero included.
	 */
	for (bits = cat->known_mask; bits != 0; bits &= bits - 1)
	{
		int			bit = pg_rightmost_one_pos64(bits);
		const char *known = cat->indicator_code[bit];

		if (cat->indicator_length[bit] == length && length > 0 && known[0] == code[0] &&
			memcmp(known, code, length) == 0)
			return bit;
	}
	return -1;
}

/* The standard named by the first 'length' bytes of 'code', or NULL. */
const Standard *
StandardByCode(const PovextCatalog *cat, const char *code, int length)
{
	int			low = 0;
	int			high = cat->standard_count - 1;

	while (low <= high)
	{
		int			middle = (low + high) / 2;
		const char *known = cat->standards[middle].code;
		int			cmp = strncmp(known, code, length);

		if (cmp == 0 && known[length] != '\0')
			cmp = 1;
		if (cmp == 0)
			return &cat->standards[middle];
		if (cmp < 0)
			low = middle + 1;
		else
			high = middle - 1;
	}
	return NULL;
}

/* The Area of a povext.area value. */
Area
AreaFromOid(const PovextCatalog *cat, Oid area)
{
	if (area == cat->area_oid[AREA_URBAN])
		return AREA_URBAN;
	if (area == cat->area_oid[AREA_RURAL])
		return AREA_RURAL;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("povext only knows the areas urban and rural"),
			 errdetail("The area given has enum OID %u.", area)));
	pg_unreachable();
}

/* The label of an Area. */
const char *
AreaName(Area area)
{
	return area == AREA_URBAN ? "urban" : "rural";
}

/* Comma-separated codes of every standard, for hints. */
char *
StandardCodeList(const PovextCatalog *cat)
{
	StringInfoData list;
	int			i;

	initStringInfo(&list);
	for (i = 0; i < cat->standard_count; i++)
		appendStringInfo(&list, "%s%s", i ? ", " : "", cat->standards[i].code);
	return list.data;
}

/* Trigger: invalidates every backend's cache of the catalog. */
Datum
catalog_changed(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("catalog_changed() must be called as a trigger")));
	CacheInvalidateRelcache(trigdata->tg_relation);
	return PointerGetDatum(NULL);
}
