/*
 * catalog_cache.c
 *	  Per-backend cache of the indicator and standard tables of schema
 *	  povext, rebuilt after any change to them.
 *
 * The tables are read with SPI into a memory context of their own.  The
 * statement-level trigger povext.catalog_changed() sends a relcache
 * invalidation for the changed table; every backend then reads the catalog
 * again at its next statement.  A statement reads the catalog as it reads a
 * table, with its snapshot, and uses one version of it throughout (see
 * PovextGetCatalog).
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "access/xact.h"
#include "catalog/indexing.h"
#include "catalog/pg_enum.h"
#include "catalog/pg_extension.h"
#include "catalog/pg_namespace.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "port/pg_bitutils.h"
#include "storage/proc.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"
#include "utils/varlena.h"

#include "catalog_cache.h"
#include "nls.h"
#include "numeric_ops.h"

typedef enum CatalogTable
{
	CATALOG_INDICATOR,
	CATALOG_STANDARD,
	CATALOG_STANDARD_LINE,
	CATALOG_STANDARD_INDICATOR,
	CATALOG_TABLE_COUNT
} CatalogTable;

static const char *const catalog_tables[CATALOG_TABLE_COUNT] = {
	"indicator", "standard", "standard_line", "standard_indicator"
};

/*
 * The labels of povext's enum types that the C code knows, in the order of
 * the C enums (PovextEnum gives the row).  A label added to one of the types
 * later is refused, never read as some default.
 */
#define MAX_KNOWN_LABELS 4
struct PovextCatalog
{
	uint64		generation;		/* changes at every reload */
	uint64		known_mask;		/* bits of every indicator */
	char	   *indicator_code[POVEXT_MAX_INDICATORS];	/* by bit */
	int			indicator_length[POVEXT_MAX_INDICATORS];	/* strlen of each code */
	int			standard_count;
	Standard   *standards;		/* sorted by code */
	Oid			status_oid[STATUS_COUNT];
	Oid			area_oid[AREA_COUNT];
};

static const struct
{
	const char *type_name;
	int			count;
	const char *labels[MAX_KNOWN_LABELS];
}			known_labels[] = {
	[POVEXT_ENUM_STATUS] = {"status", STATUS_COUNT, {"poor", "near_poor", "middle", "not_poor"}},
	[POVEXT_ENUM_AREA] = {"area", AREA_COUNT, {"urban", "rural"}},
	[POVEXT_ENUM_INCOME_UNIT] = {"income_unit", UNIT_COUNT, {"month", "year"}},
	[POVEXT_ENUM_RULE_KIND] = {"rule_kind", RULE_COUNT, {"two_band", "income_and_deprivation", "weighted_score"}}
};

static PovextCatalog *catalog = NULL;
static MemoryContext catalog_context = NULL;
static bool catalog_valid = false;
static uint64 catalog_generation = 0;
static Oid	catalog_relids[CATALOG_TABLE_COUNT];

/*
 * povext.indicator_cutoff (0.3.0 and later; InvalidOid before): not part of
 * the cache, but the registry reads it with the catalog, so its changes make
 * the copy out of date too (PovextCatalogIsLatest).
 */
static Oid	cutoff_relid = InvalidOid;
static char *cutoff_table = NULL;

/*
 * Which version the cache holds: whether it was the latest committed one when
 * read (if not, it was read with an older snapshot), in which transaction and
 * by which of its commands.
 */
static bool catalog_latest = false;
static LocalTransactionId catalog_lxid = InvalidLocalTransactionId;
static CommandId catalog_curcid = InvalidCommandId;

/*
 * The statement whose catalog the cache holds, and whether the cache was read
 * with that statement's snapshot (as its parallel workers read it).
 */
static LocalTransactionId statement_lxid = InvalidLocalTransactionId;
static TimestampTz statement_start = 0;
static bool statement_exact = false;

/* The last transaction of this backend that changed the catalog. */
static LocalTransactionId changed_lxid = InvalidLocalTransactionId;

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
	if (relid == cutoff_relid)
		catalog_valid = false;
}

/* Registers the invalidation callback; called once from _PG_init. */
void
PovextCatalogInit(void)
{
	CacheRegisterRelcacheCallback(CatalogInvalidate, (Datum) 0);
}

/*
 * Index of 'label' among the labels of 'type' that povext knows (the value
 * of the C enum); an error otherwise.  'row', if not NULL, names the catalog
 * row that holds the label.
 */
int
PovextEnumLabel(PovextEnum type, const char *label, const char *row)
{
	StringInfoData supported;
	int			i;

	for (i = 0; i < known_labels[type].count; i++)
		if (strcmp(label, known_labels[type].labels[i]) == 0)
			return i;

	initStringInfo(&supported);
	for (i = 0; i < known_labels[type].count; i++)
		appendStringInfo(&supported, "%s%s", i ? ", " : "", known_labels[type].labels[i]);
	ereport(ERROR,
			(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
			 errmsg("povext does not support label \"%s\" of type povext.%s",
					label, known_labels[type].type_name),
			 errdetail("The labels it supports are: %s.", supported.data),
			 row ? errhint("Correct or delete %s.", row) : 0));
	pg_unreachable();
}

/* The OID of label number 'index' of enum type 'type' in 'namespace'. */
static Oid
EnumLabelOid(Oid namespace, PovextEnum type, int index)
{
	const char *type_name = known_labels[type].type_name;
	const char *label = known_labels[type].labels[index];
	Oid			type_oid = GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid,
										   CStringGetDatum(type_name),
										   ObjectIdGetDatum(namespace));
	HeapTuple	tuple;
	Oid			result;

	if (!OidIsValid(type_oid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("type povext.%s does not exist", type_name),
				 errhint("Run ALTER EXTENSION povext UPDATE, or drop and create the extension again.")));
	tuple = SearchSysCache2(ENUMTYPOIDNAME, ObjectIdGetDatum(type_oid),
							CStringGetDatum(label));
	if (!HeapTupleIsValid(tuple))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("type povext.%s has no label \"%s\"", type_name, label),
				 errhint("Run ALTER EXTENSION povext UPDATE, or drop and create the extension again.")));
	result = ((Form_pg_enum) GETSTRUCT(tuple))->oid;
	ReleaseSysCache(tuple);
	return result;
}

/*
 * The schema of extension povext, found through pg_extension and not by its
 * name (whoever owns a schema can rename it and give the name to another),
 * and checked to be safe to read the catalog from: the owner of a schema can
 * drop and replace the tables in it, so it must be owned by the extension's
 * owner or a superuser.  (A role with CREATE on the database could create
 * schema povext before CREATE EXTENSION, which then installs into it.)
 */
static Oid
PovextNamespace(void)
{
	Relation	extensions = table_open(ExtensionRelationId, AccessShareLock);
	ScanKeyData key;
	SysScanDesc scan;
	HeapTuple	tuple;
	Oid			namespace = InvalidOid;
	Oid			extension_owner = InvalidOid;
	Oid			schema_owner;

	ScanKeyInit(&key, Anum_pg_extension_extname, BTEqualStrategyNumber, F_NAMEEQ,
				CStringGetDatum("povext"));
	scan = systable_beginscan(extensions, ExtensionNameIndexId, true, NULL, 1, &key);
	tuple = systable_getnext(scan);
	if (HeapTupleIsValid(tuple))
	{
		namespace = ((Form_pg_extension) GETSTRUCT(tuple))->extnamespace;
		extension_owner = ((Form_pg_extension) GETSTRUCT(tuple))->extowner;
	}
	systable_endscan(scan);
	table_close(extensions, AccessShareLock);
	if (!OidIsValid(namespace))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("extension \"povext\" does not exist"),
				 errhint("Run CREATE EXTENSION povext.")));

	tuple = SearchSysCache1(NAMESPACEOID, ObjectIdGetDatum(namespace));
	if (!HeapTupleIsValid(tuple))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_SCHEMA),
				 errmsg("schema of extension \"povext\" does not exist")));
	schema_owner = ((Form_pg_namespace) GETSTRUCT(tuple))->nspowner;
	ReleaseSysCache(tuple);
	if (schema_owner != extension_owner && !superuser_arg(schema_owner))
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("schema \"%s\" of extension \"povext\" is owned by role \"%s\", which is neither the extension's owner nor a superuser",
						get_namespace_name(namespace), GetUserNameFromId(schema_owner, false)),
				 errdetail("The owner of the schema could replace the standards catalog."),
				 errhint("Check the schema's contents, then run ALTER SCHEMA %s OWNER TO %s.",
						 quote_identifier(get_namespace_name(namespace)),
						 quote_identifier(GetUserNameFromId(extension_owner, false)))));
	return namespace;
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

/*
 * Numeric of column 'column' of SPI result row 'row', detoasted into the
 * cache, or NULL.  A stored numeric may have a short header, which the
 * numeric functions and macros do not read: copying its bytes is not enough.
 */
static Numeric
SpiNumeric(int row, int column)
{
	bool		isnull;
	Datum		value = SpiDatum(row, column, &isnull);
	MemoryContext previous;
	Numeric		copy;

	if (isnull)
		return NULL;
	previous = MemoryContextSwitchTo(catalog_context);
	copy = DatumGetNumericCopy(value);
	MemoryContextSwitchTo(previous);
	return copy;
}

/*
 * Bit of column 'column' of SPI result row 'row' of catalog table 'table';
 * an error unless it is a bit of povext.deprivations, since it indexes
 * arrays of POVEXT_MAX_INDICATORS entries.
 */
static int
SpiBit(int row, int column, const char *table)
{
	bool		isnull;
	Datum		value = SpiDatum(row, column, &isnull);
	int			bit = isnull ? -1 : DatumGetInt16(value);

	if (bit < 0 || bit >= POVEXT_MAX_INDICATORS)
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("povext.%s has indicator bit %s, which is not between 0 and %d",
						table, isnull ? "NULL" : psprintf("%d", bit), POVEXT_MAX_INDICATORS - 1),
				 errhint("Correct or delete the row.")));
	return bit;
}

/* Text of enum column 'column' of SPI result row 'row', or NULL. */
static char *
SpiLabel(int row, int column)
{
	return SPI_getvalue(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, column);
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
LoadIndicators(PovextCatalog *result, char *const *tables)
{
	uint64		row;

	SpiRun(psprintf("SELECT bit, code FROM %s ORDER BY bit", tables[CATALOG_INDICATOR]));
	for (row = 0; row < SPI_processed; row++)
	{
		int			bit = SpiBit(row, 1, "indicator");

		if (result->known_mask & (UINT64CONST(1) << bit))
			ereport(ERROR,
					(errcode(ERRCODE_UNIQUE_VIOLATION),
					 errmsg("povext.indicator has more than one indicator with bit %d", bit)));
		result->indicator_code[bit] = SpiText(row, 2);
		result->indicator_length[bit] = strlen(result->indicator_code[bit]);
		result->known_mask |= UINT64CONST(1) << bit;
	}
}

/* Text naming the row of catalog table 'table' of poverty standard 'code', for hints. */
static char *
CatalogRow(const char *table, const char *code)
{
	return psprintf(_("the row of povext.%s of poverty standard \"%s\""), table, code);
}

/*
 * Reads the standard table; standards come out sorted by code in the byte
 * order of StandardByCode.
 */
static void
LoadStandards(PovextCatalog *result, Oid namespace, char *const *tables)
{
	uint64		row;

	SpiRun(psprintf("SELECT code, scope, legal_basis, rule, unit, minimum_deprivations"
					" FROM %s ORDER BY code COLLATE pg_catalog.\"C\"", tables[CATALOG_STANDARD]));
	result->standard_count = SPI_processed;
	result->standards = MemoryContextAllocZero(catalog_context,
											   sizeof(Standard) * Max(SPI_processed, 1));
	for (row = 0; row < SPI_processed; row++)
	{
		Standard   *standard = &result->standards[row];
		char	   *rule = SpiLabel(row, 4);
		char	   *unit = SpiLabel(row, 5);
		bool		isnull;
		Datum		minimum = SpiDatum(row, 6, &isnull);

		standard->code = SpiText(row, 1);
		standard->scope = SpiText(row, 2);
		standard->legal_basis = SpiText(row, 3);
		standard->rule = PovextEnumLabel(POVEXT_ENUM_RULE_KIND, rule,
										 CatalogRow("standard", standard->code));
		standard->rule_oid = ObjectIdGetDatum(EnumLabelOid(namespace, POVEXT_ENUM_RULE_KIND,
														   standard->rule));
		standard->unit_oid = unit ?
			ObjectIdGetDatum(EnumLabelOid(namespace, POVEXT_ENUM_INCOME_UNIT,
										  PovextEnumLabel(POVEXT_ENUM_INCOME_UNIT, unit,
														  CatalogRow("standard", standard->code)))) :
			(Datum) 0;
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
	Standard   *standard = (Standard *) PovextStandardByCode(result, code, strlen(code));

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
LoadLines(PovextCatalog *result, char *const *tables)
{
	uint64		row;

	SpiRun(psprintf("SELECT standard, area, pg_catalog.lower_inf(in_force), pg_catalog.lower(in_force),"
					" pg_catalog.upper_inf(in_force), pg_catalog.upper(in_force), poor_line, near_poor_line, middle_line"
					" FROM %s", tables[CATALOG_STANDARD_LINE]));
	for (row = 0; row < SPI_processed; row++)
	{
		char	   *code = SPI_getvalue(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, 1);
		char	   *area = SpiLabel(row, 2);
		Standard   *standard = CatalogStandard(result, code, "standard_line");
		StandardLine *line;
		bool		isnull;

		line = &standard->lines[PovextEnumLabel(POVEXT_ENUM_AREA, area,
												CatalogRow("standard_line", code))];
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
LoadStandardIndicators(PovextCatalog *result, char *const *tables)
{
	uint64		row;

	SpiRun(psprintf("SELECT si.standard, i.bit, si.weight_numerator, si.weight_denominator"
					" FROM %s AS si JOIN %s AS i ON i.code OPERATOR(pg_catalog.=) si.indicator",
					tables[CATALOG_STANDARD_INDICATOR], tables[CATALOG_INDICATOR]));
	for (row = 0; row < SPI_processed; row++)
	{
		char	   *code = SPI_getvalue(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, 1);
		Standard   *standard = CatalogStandard(result, code, "standard_indicator");
		bool		isnull;
		int			bit = SpiBit(row, 2, "indicator");

		standard->indicator_mask |= UINT64CONST(1) << bit;
		standard->weight_numerator[bit] = DatumGetInt32(SpiDatum(row, 3, &isnull));
		standard->weight_denominator[bit] = DatumGetInt32(SpiDatum(row, 4, &isnull));
	}
}

/*
 * Finds the catalog tables in the extension's schema: their OIDs for the
 * invalidation callback and, for the queries, their schema-qualified names.
 */
static void
FindCatalogTables(Oid namespace, char **tables)
{
	const char *schema = get_namespace_name(namespace);
	int			i;

	for (i = 0; i < CATALOG_TABLE_COUNT; i++)
	{
		catalog_relids[i] = get_relname_relid(catalog_tables[i], namespace);
		if (!OidIsValid(catalog_relids[i]))
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_TABLE),
					 errmsg("relation \"%s.%s\" does not exist", schema, catalog_tables[i]),
					 errhint("Run ALTER EXTENSION povext UPDATE, or drop and create the extension again.")));
		tables[i] = quote_qualified_identifier(schema, catalog_tables[i]);
	}
	cutoff_relid = get_relname_relid("indicator_cutoff", namespace);
	if (cutoff_table)
		pfree(cutoff_table);
	cutoff_table = OidIsValid(cutoff_relid) ?
		MemoryContextStrdup(TopMemoryContext, quote_qualified_identifier(schema, "indicator_cutoff")) : NULL;
}

/*
 * Every catalog row version the active snapshot sees, as text: two snapshots
 * see the same catalog exactly when this text is the same under both.
 */
static char *
CatalogRowVersions(char *const *tables)
{
	SpiRun(psprintf("SELECT pg_catalog.string_agg(v, ' ' ORDER BY v COLLATE pg_catalog.\"C\") FROM ("
					" SELECT pg_catalog.concat(tableoid, ctid, xmin) FROM %s"
					" UNION ALL SELECT pg_catalog.concat(tableoid, ctid, xmin) FROM %s"
					" UNION ALL SELECT pg_catalog.concat(tableoid, ctid, xmin) FROM %s"
					" UNION ALL SELECT pg_catalog.concat(tableoid, ctid, xmin) FROM %s"
					"%s%s) AS version (v)",
					tables[CATALOG_INDICATOR], tables[CATALOG_STANDARD],
					tables[CATALOG_STANDARD_LINE], tables[CATALOG_STANDARD_INDICATOR],
					cutoff_table ? " UNION ALL SELECT pg_catalog.concat(tableoid, ctid, xmin) FROM " : "",
					cutoff_table ? cutoff_table : ""));
	return SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
}

/*
 * Builds a fresh copy of the catalog, as 'snapshot' sees it, in a new memory
 * context; *latest tells whether that is the latest committed catalog.
 */
static PovextCatalog *
LoadCatalog(Snapshot snapshot, bool *latest)
{
	Oid			namespace = PovextNamespace();
	char	   *tables[CATALOG_TABLE_COUNT];
	PovextCatalog *result;
	int			i;

	FindCatalogTables(namespace, tables);
	result = MemoryContextAllocZero(catalog_context, sizeof(PovextCatalog));
	for (i = 0; i < STATUS_COUNT; i++)
		result->status_oid[i] = EnumLabelOid(namespace, POVEXT_ENUM_STATUS, i);
	for (i = 0; i < AREA_COUNT; i++)
		result->area_oid[i] = EnumLabelOid(namespace, POVEXT_ENUM_AREA, i);

	/*
	 * Read the catalog with the statement's snapshot, as the statement reads
	 * any table; parallel workers restore the leader's snapshot, so they read
	 * the same version.  Outside parallel mode (where no new snapshot can be
	 * taken), compare with the latest snapshot: an older statement snapshot,
	 * of a REPEATABLE READ transaction for instance, may miss a change whose
	 * invalidation has already arrived, and later statements must not keep
	 * such a copy.
	 */
	PushActiveSnapshot(snapshot);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	LoadIndicators(result, tables);
	LoadStandards(result, namespace, tables);
	LoadLines(result, tables);
	LoadStandardIndicators(result, tables);
	*latest = false;
	if (!IsInParallelMode())
	{
		char	   *seen = CatalogRowVersions(tables);

		PushActiveSnapshot(GetLatestSnapshot());
		*latest = strcmp(seen, CatalogRowVersions(tables)) == 0;
		PopActiveSnapshot();
	}
	SPI_finish();
	PopActiveSnapshot();

	result->generation = ++catalog_generation;
	return result;
}

/*
 * Reads the catalog again, as 'snapshot' sees it.  The new copy is built in
 * a context under the caller's, so an error while loading frees it; only a
 * complete copy is moved under CacheMemoryContext.  An invalidation that
 * arrives while loading leaves the cache invalid, for the next statement.
 */
static void
ReloadCatalog(Snapshot snapshot)
{
	MemoryContext fresh = AllocSetContextCreate(CurrentMemoryContext,
												"povext catalog",
												ALLOCSET_SMALL_SIZES);
	MemoryContext previous = catalog_context;
	PovextCatalog *loaded;
	bool		latest;

	catalog_valid = true;
	catalog_context = fresh;
	PG_TRY();
	{
		loaded = LoadCatalog(snapshot, &latest);
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

	/*
	 * The running statement may still hold pointers into the previous copy:
	 * a registry trigger reloads the catalog in the middle of a statement
	 * (PovextReloadCatalog), under the outer query's cached standards, and an
	 * invalidation can come from a mere ANALYZE of a catalog table.  So the
	 * previous copy goes with the transaction, not now.
	 */
	if (previous)
		MemoryContextSetParent(previous, TopTransactionContext);
	catalog = loaded;
	catalog_latest = latest;
	catalog_lxid = MyProc->lxid;
	catalog_curcid = snapshot->curcid;
}

/*
 * The catalog of the current statement.  A statement uses one version of the
 * catalog, as it sees one version of a table: the one its snapshot sees when
 * it first needs the catalog (READ COMMITTED: as committed when it started;
 * REPEATABLE READ, SERIALIZABLE: as of the transaction's snapshot).  It keeps
 * it for every row, in its parallel workers and in the functions it calls,
 * even those that run statements of their own with newer snapshots, whatever
 * invalidations arrive meanwhile.  Only in a transaction that changed the
 * catalog itself does each command see the catalog as its snapshot does, so
 * that it sees its own changes and never one rolled back.
 *
 * The cache serves later statements while no invalidation arrives, unless it
 * was read with an older snapshot than the latest.  A parallel query uses the
 * copy read with its own snapshot, as its workers do.
 */
const PovextCatalog *
PovextGetCatalog(void)
{
	LocalTransactionId lxid = MyProc->lxid;
	TimestampTz start = GetCurrentStatementStartTimestamp();
	bool		same_statement = lxid == statement_lxid && start == statement_start;
	bool		own_changes = lxid == changed_lxid;
	Snapshot	snapshot;
	bool		usable;
	bool		exact;

	if (same_statement && !own_changes && (statement_exact || !IsInParallelMode()))
		return catalog;

	/*
	 * A new statement takes in other sessions' committed changes, as a
	 * statement that locked a table would.
	 */
	if (!same_statement)
		AcceptInvalidationMessages();

	/*
	 * After a change of the transaction's own, a copy read by another command
	 * may miss a change made since, or show one rolled back since.
	 */
	snapshot = ActiveSnapshotSet() ? GetActiveSnapshot() : GetTransactionSnapshot();
	usable = catalog_valid && (!own_changes || snapshot->curcid == catalog_curcid);

	/*
	 * The copy was read with this statement's snapshot if it was read by this
	 * statement, or in this transaction when every statement has the
	 * transaction's snapshot.
	 */
	exact = usable && ((same_statement && statement_exact) ||
					   (catalog_lxid == lxid && IsolationUsesXactSnapshot()));
	if (!exact && !(usable && (catalog_latest || same_statement) && !IsInParallelMode()))
	{
		ReloadCatalog(snapshot);
		exact = true;
	}
	statement_lxid = lxid;
	statement_start = start;
	statement_exact = exact;
	return catalog;
}

/*
 * Whether the copy of the catalog (and of povext.indicator_cutoff) the
 * current statement uses is still the latest committed one.  A READ
 * COMMITTED statement that has waited for row locks works with rows
 * committed after it started, possibly computed with a catalog changed
 * since: the registry asks this after taking its locks.
 */
bool
PovextCatalogIsLatest(void)
{
	AcceptInvalidationMessages();
	return catalog != NULL && catalog_valid && catalog_latest;
}

/*
 * Reads the catalog again as 'snapshot' sees it, for the rest of the current
 * statement (see PovextCatalogIsLatest).  Pointers into the statement's
 * previous copy are no longer valid.
 */
const PovextCatalog *
PovextReloadCatalog(Snapshot snapshot)
{
	ReloadCatalog(snapshot);
	statement_lxid = MyProc->lxid;
	statement_start = GetCurrentStatementStartTimestamp();
	statement_exact = false;
	return catalog;
}

/* Bit of the indicator named by the 'length' bytes at 'code', or -1. */
int
PovextIndicatorBit(const PovextCatalog *cat, const char *code, int length)
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
PovextStandardByCode(const PovextCatalog *cat, const char *code, int length)
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
PovextAreaFromOid(const PovextCatalog *cat, Oid area)
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
PovextAreaName(Area area)
{
	return known_labels[POVEXT_ENUM_AREA].labels[area];
}

/*
 * Longest code for which an error looks for the nearest known code: no code
 * is longer than 63 bytes, and the edit distance costs the product of the
 * lengths.
 */
#define NEAREST_CODE_MAX_LENGTH 255

/* The codes of 'kind' the catalog knows, sorted, each once, into 'codes'; returns how many. */
static int
KnownCodes(const PovextCatalog *cat, PovextCodeKind kind, const char **codes)
{
	int			count = 0;
	int			unique = 0;
	int			i;
	uint64		bits;

	switch (kind)
	{
		case POVEXT_CODE_STANDARD:
		case POVEXT_CODE_SCOPE:
			for (i = 0; i < cat->standard_count; i++)
				codes[count++] = kind == POVEXT_CODE_STANDARD ? cat->standards[i].code
					: cat->standards[i].scope;
			break;
		case POVEXT_CODE_INDICATOR:
			for (bits = cat->known_mask; bits != 0; bits &= bits - 1)
				codes[count++] = cat->indicator_code[pg_rightmost_one_pos64(bits)];
			break;
	}
	qsort(codes, count, sizeof(char *), pg_qsort_strcmp);
	for (i = 0; i < count; i++)
		if (unique == 0 || strcmp(codes[unique - 1], codes[i]) != 0)
			codes[unique++] = codes[i];
	return unique;
}

/*
 * The known code nearest to the 'length' bytes at 'code' by edit distance,
 * the first in order on a tie; NULL when even the nearest differs in more
 * than half of its characters, since a guess that far off would mislead.
 */
static const char *
NearestCode(const char *code, int length, const char **codes, int count)
{
	const char *nearest = NULL;
	int			nearest_distance = 0;
	int			i;

	if (length > NEAREST_CODE_MAX_LENGTH)
		return NULL;
	for (i = 0; i < count; i++)
	{
		int			known_length = strlen(codes[i]);
		int			distance = varstr_levenshtein(code, length, codes[i], known_length, 1, 1, 1, true);

		if (distance * 2 <= Max(length, known_length) &&
			(nearest == NULL || distance < nearest_distance))
		{
			nearest = codes[i];
			nearest_distance = distance;
		}
	}
	return nearest;
}

/*
 * errdetail() of an error about a code of 'kind' that names nothing: the
 * valid codes and the nearest of them.  They are facts the user needs, so
 * they go in the detail: ODBC and some BI tools drop hints.
 */
int
PovextUnknownCodeDetail(const PovextCatalog *cat, PovextCodeKind kind, const char *code, int length)
{
	const char **codes = palloc(sizeof(char *) * (cat->standard_count + POVEXT_MAX_INDICATORS));
	int			count = KnownCodes(cat, kind, codes);
	const char *nearest = NearestCode(code, length, codes, count);
	StringInfoData list;
	int			i;

	initStringInfo(&list);
	for (i = 0; i < count; i++)
		appendStringInfo(&list, "%s%s", i ? ", " : "", codes[i]);
	switch (kind)
	{
		case POVEXT_CODE_STANDARD:
			return nearest ? errdetail("Did you mean \"%s\"? Valid standards are: %s.", nearest, list.data)
				: errdetail("Valid standards are: %s.", list.data);
		case POVEXT_CODE_SCOPE:
			return nearest ? errdetail("Did you mean \"%s\"? Valid scopes are: %s.", nearest, list.data)
				: errdetail("Valid scopes are: %s.", list.data);
		case POVEXT_CODE_INDICATOR:
			return nearest ? errdetail("Did you mean \"%s\"? Valid indicators are: %s.", nearest, list.data)
				: errdetail("Valid indicators are: %s.", list.data);
	}
	pg_unreachable();
}

/* Changes whenever the catalog is read again: callers key per-call caches on it. */
uint64
PovextCatalogGeneration(const PovextCatalog *cat)
{
	return cat->generation;
}

/*
 * Code of the indicator at 'bit' (and its length, if 'length' is not NULL);
 * an error naming 'holder' (what holds the bit: a stored set, a state; English,
 * marked with N_() and translated only for the error) if
 * the indicator was deleted since.
 */
const char *
PovextIndicatorCode(const PovextCatalog *cat, int bit, const char *holder, int *length)
{
	Assert(bit >= 0 && bit < POVEXT_MAX_INDICATORS);
	if (!cat->indicator_code[bit])
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("%s contains indicator bit %d, which povext.indicator no longer defines", _(holder), bit),
				 errhint("Insert the indicator again with bit = %d.", bit)));
	if (length)
		*length = cat->indicator_length[bit];
	return cat->indicator_code[bit];
}

/* The OID of the povext.area label of 'area'. */
Oid
PovextAreaOid(const PovextCatalog *cat, Area area)
{
	return cat->area_oid[area];
}

/* The PovertyStatus of a povext.status value, or -1 if it is not one of povext's labels. */
int
PovextStatusFromOid(const PovextCatalog *cat, Oid status)
{
	int			i;

	for (i = 0; i < STATUS_COUNT; i++)
		if (cat->status_oid[i] == status)
			return i;
	return -1;
}

/* The OID of the povext.status label of 'status'. */
Oid
PovextStatusOid(const PovextCatalog *cat, PovertyStatus status)
{
	return cat->status_oid[status];
}

/* The lines of 'standard' for 'area'; an error if it has none. */
const StandardLine *
PovextStandardLine(const Standard *standard, Area area)
{
	const StandardLine *line = &standard->lines[area];

	if (standard->rule == RULE_WEIGHTED_SCORE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("poverty standard \"%s\" has no income lines", standard->code),
				 errdetail("It is a weighted_score standard, which measures deprivation only."),
				 errhint("Use it with the deprivation-index aggregates, e.g. povext.af_state_agg.")));
	if (!line->defined)
	{
		Area		other = area == AREA_URBAN ? AREA_RURAL : AREA_URBAN;

		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("poverty standard \"%s\" defines no income lines for area \"%s\"",
						standard->code, PovextAreaName(area)),
				 standard->lines[other].defined ?
				 errdetail("It defines lines for area \"%s\".", PovextAreaName(other)) :
				 errhint("Add its lines to povext.standard_line.")));
	}
	if (standard->indicator_mask == 0 && standard->minimum_deprivations > 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("poverty standard \"%s\" has no indicators", standard->code),
				 errdetail_plural("Its rule needs %d deprivation among its indicators.",
								  "Its rule needs %d deprivations among its indicators.",
								  standard->minimum_deprivations, standard->minimum_deprivations),
				 errhint("Add its indicators to povext.standard_indicator.")));
	return line;
}

/* True if 'line' is in force on 'day'. */
static bool
LineInForce(const StandardLine *line, DateADT day)
{
	return line->defined &&
		(line->starts_unbounded || day >= line->starts) &&
		(line->ends_unbounded || day < line->ends);
}

/* True if some standard has scope 'scope'. */
static bool
ScopeExists(const PovextCatalog *catalog, const char *scope)
{
	int			i;

	for (i = 0; i < catalog->standard_count; i++)
		if (strcmp(catalog->standards[i].scope, scope) == 0)
			return true;
	return false;
}

/* The standard of 'scope' in force for 'area' on 'day'; an error if there is none. */
const Standard *
PovextStandardInForce(const PovextCatalog *catalog, const char *scope, Area area, DateADT day,
					  bool missing_ok)
{
	StringInfoData periods;
	int			i;

	initStringInfo(&periods);
	for (i = 0; i < catalog->standard_count; i++)
	{
		const Standard *standard = &catalog->standards[i];
		const StandardLine *line = &standard->lines[area];

		/* a weighted score has no income lines to classify with */
		if (strcmp(standard->scope, scope) != 0 || !line->defined ||
			standard->rule == RULE_WEIGHTED_SCORE)
			continue;
		if (LineInForce(line, day))
			return standard;
		appendStringInfo(&periods, "%s%s [%s,%s)", periods.len ? ", " : "", standard->code,
						 line->starts_unbounded ? "" : PovextDateText(line->starts),
						 line->ends_unbounded ? "" : PovextDateText(line->ends));
	}
	if (periods.len == 0 && !ScopeExists(catalog, scope))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("poverty standard scope \"%s\" does not exist", scope),
				 PovextUnknownCodeDetail(catalog, POVEXT_CODE_SCOPE, scope, strlen(scope))));
	if (missing_ok)
		return NULL;
	if (periods.len == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("no poverty standard of scope \"%s\" defines income lines for area \"%s\"",
						scope, PovextAreaName(area)),
				 errhint("Add the lines to povext.standard_line.")));
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("no poverty standard of scope \"%s\" is in force for area \"%s\" on %s",
					scope, PovextAreaName(area), PovextDateText(day)),
			 errdetail("Periods of force of this scope and area: %s.", periods.data)));
	pg_unreachable();
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
	changed_lxid = MyProc->lxid;
	return PointerGetDatum(NULL);
}
