/*
 * registry.c
 *	  The household registry: derivation of each household's deprivations,
 *	  per-capita income and status from its members and answers, kept by
 *	  statement-level triggers, recomputed and checked on demand.
 *
 * A registry is a schema made by povext.create_registry().  The rule KIND of
 * each indicator is code (derivation_rules below); its numbers (ages, m² per
 * person, shares) are rows of povext.indicator_cutoff per standard.  An
 * indicator without a rule, without its cut-offs, or whose facts are missing
 * is undetermined: the computed status is then NULL unless the undetermined
 * indicators cannot change it.
 *
 * Households are computed in batches: one query locks the batch's household
 * rows in id order (so that concurrent statements never deadlock on them),
 * the next reads their members with a new snapshot (in READ COMMITTED it
 * sees every member committed by the transactions the lock waited for), and
 * only what differs is written (status rows updated in place by their key).
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_class.h"
#include "catalog/pg_type.h"
#include "commands/extension.h"
#include "storage/lmgr.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "executor/tuptable.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "port/pg_bitutils.h"
#include "utils/acl.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/fmgrprotos.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rls.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"
#include "utils/tuplestore.h"

#include "catalog_cache.h"
#include "classify.h"
#include "deprivations.h"
#include "nls.h"
#include "numeric_ops.h"
#include "povext_citus.h"
#include "registry.h"

PG_FUNCTION_INFO_V1(registry_refresh);
PG_FUNCTION_INFO_V1(registry_recompute);
PG_FUNCTION_INFO_V1(registry_check);
PG_FUNCTION_INFO_V1(registry_catalog_changed);
PG_FUNCTION_INFO_V1(registry_shard_recompute);
PG_FUNCTION_INFO_V1(registry_shard_check);

/* Households per batch: one lock query, one member query, at most four writes each. */
#define REGISTRY_BATCH 1000

/* Decimals to which the per-capita income compared with the lines is exact. */

/* How an indicator is derived from member facts and household answers. */
typedef enum DerivationKind
{
	DERIVE_UNEMPLOYED,			/* working-age member unemployed or without contract */
	DERIVE_UNINSURED_WORKER,	/* working-age member works, no social insurance */
	DERIVE_DEPENDANTS,			/* share of dependants above max_share */
	DERIVE_CHILD_NUTRITION,		/* child under under_age stunted or underweight */
	DERIVE_HEALTH_INSURANCE,	/* member from min_age without health insurance */
	DERIVE_ADULT_EDUCATION,		/* member min_age..max_age not studying, level lacking */
	DERIVE_SCHOOL_ATTENDANCE,	/* child min_age..<under_age not at the right level */
	DERIVE_FLOOR_AREA,			/* floor area per member under min_m2_per_person */
	DERIVE_ANSWER				/* a household answer is false */
} DerivationKind;

#define MAX_PARAMETERS 3

static const struct
{
	const char *indicator;
	DerivationKind kind;
	HouseholdAnswer answer;
	const char *parameters[MAX_PARAMETERS];
}			derivation_rules[] = {
	{"employment", DERIVE_UNEMPLOYED, 0, {"min_age", "retirement_age_male", "retirement_age_female"}},
	{"social_insurance", DERIVE_UNINSURED_WORKER, 0, {"min_age", "retirement_age_male", "retirement_age_female"}},
	{"dependants", DERIVE_DEPENDANTS, 0, {"child_under_age", "elderly_from_age", "max_share"}},
	{"nutrition", DERIVE_CHILD_NUTRITION, 0, {"under_age"}},
	{"health_insurance", DERIVE_HEALTH_INSURANCE, 0, {"min_age"}},
	{"adult_education", DERIVE_ADULT_EDUCATION, 0, {"min_age", "max_age"}},
	{"school_attendance", DERIVE_SCHOOL_ATTENDANCE, 0, {"min_age", "under_age"}},
	{"housing_area", DERIVE_FLOOR_AREA, 0, {"min_m2_per_person"}},
	{"housing_quality", DERIVE_ANSWER, ANSWER_HOUSING_DURABLE},
	{"water", DERIVE_ANSWER, ANSWER_CLEAN_WATER},
	{"sanitation", DERIVE_ANSWER, ANSWER_HYGIENIC_LATRINE},
	{"telecom", DERIVE_ANSWER, ANSWER_USES_TELECOM},
	{"information_access", DERIVE_ANSWER, ANSWER_HAS_INFORMATION_DEVICE},
};

/* A rule of one indicator of one standard, with its cut-offs. */
typedef struct BoundRule
{
	int			rule;			/* index in derivation_rules, -1 if none */
	Numeric		value[MAX_PARAMETERS];
	int			ages[MAX_PARAMETERS];	/* value as whole years */
} BoundRule;

/* A standard the registry classifies under, with its rules bound. */
typedef struct BoundStandard
{
	const Standard *standard;
	BoundRule	rules[POVEXT_MAX_INDICATORS];
	struct BoundStandard *next;
} BoundStandard;

/* One household as read for a batch. */
typedef struct HouseholdRow
{
	int64		id;
	Area		area;
	Tri			answers[ANSWER_COUNT];
	Numeric		floor_area;
	Numeric		income;
	RegistryDerived stored;
	int			first_member;
	int			member_count;
} HouseholdRow;

/*
 * The prepared queries of one registry schema, kept for the life of the
 * backend (SPI_keepplan) so that a trigger call neither parses nor plans.
 * The plan cache replans them after DDL on their tables; a schema renamed
 * or povext recreated (new type OIDs) makes them prepared anew.
 */
typedef struct RegistryPlans
{
	Oid			namespace;
	Oid			shard;			/* the Citus shard they were made for, or invalid */
	char		schema[NAMEDATALEN];
	char	   *tables[RELATION_COUNT]; /* what they name, quoted */
	Oid			relids[RELATION_COUNT];
	Oid			deprivations_type;
	Oid			status_type;
	SPIPlanPtr	settings;
	SPIPlanPtr	lock;
	SPIPlanPtr	read;
	SPIPlanPtr	member;
	SPIPlanPtr	status;
	SPIPlanPtr	status_delete;
	SPIPlanPtr	status_update;
	SPIPlanPtr	status_insert;
	SPIPlanPtr	household_update;
	struct RegistryPlans *next;
} RegistryPlans;

/* What a call works with: the registry's queries, settings and cut-offs. */
typedef struct Registry
{
	char	   *schema;			/* quoted */
	const char *name;			/* the schema's name */
	Oid			namespace;
	/* the tables the queries name: the registry's, or a Citus shard's */
	char	   *const *tables;
	const Oid  *relids;
	Oid			povext_namespace;

	/*
	 * The caller holds an EXCLUSIVE lock on the household table (no other
	 * transaction writes the registry): batches are read without row locks.
	 */
	bool		table_locked;
	/* a household of the ids given that is not found is a concurrent change */
	bool		missing_is_conflict;
	const PovextCatalog *catalog;
	DateADT		reference_date;
	int			scope_count;
	char	  **scopes;			/* sorted, distinct */
	int			cutoff_count;
	char	  **cutoff_standard;
	char	  **cutoff_indicator;
	char	  **cutoff_parameter;
	Numeric    *cutoff_value;
	BoundStandard *bound;
	/* standard of each scope in force per area on the reference date, found once */
	const Standard **in_force;	/* [scope * AREA_COUNT + area] */
	bool	   *in_force_found;
	Oid			deprivations_type;
	Oid			status_type;
	Oid			area_type;
	const RegistryPlans *plans;
	MemoryContext batch_context;
} Registry;

/* Columns of household_status rows to write in one statement, as arrays. */
typedef struct StatusColumns
{
	int			count;
	Datum	   *household;
	Datum	   *standard;
	Datum	   *scope;
	Datum	   *deprivations;
	Datum	   *undetermined;
	Datum	   *status;
	bool	   *status_null;
	Datum	   *as_of;
} StatusColumns;

/* What to do with households whose stored values differ. */
typedef enum BatchMode
{
	BATCH_WRITE,				/* lock and write them */
	BATCH_COLLECT,				/* collect their ids */
	BATCH_REPORT				/* report them (registry_check) */
} BatchMode;

/* Nesting depth of the registry's own writes to household rows. */
static int	registry_writing = 0;

static Numeric numeric_zero = NULL;

/* Prepared queries of the registries this backend used, and of the cut-offs. */
static RegistryPlans *registry_plans = NULL;
static SPIPlanPtr cutoff_plan = NULL;

static void ReadCutoffs(Registry *registry);

/* Makes the numeric constants once. */
static void
InitConstants(void)
{
	if (numeric_zero)
		return;
	numeric_zero = PovextNumericConstant("0");
}

/* Tri-state logic: x AND y, x OR y, NOT x. */
static Tri
TriAnd(Tri x, Tri y)
{
	if (x == TRI_FALSE || y == TRI_FALSE)
		return TRI_FALSE;
	return (x == TRI_TRUE && y == TRI_TRUE) ? TRI_TRUE : TRI_UNKNOWN;
}

static Tri
TriOr(Tri x, Tri y)
{
	if (x == TRI_TRUE || y == TRI_TRUE)
		return TRI_TRUE;
	return (x == TRI_FALSE && y == TRI_FALSE) ? TRI_FALSE : TRI_UNKNOWN;
}

static Tri
TriNot(Tri x)
{
	return x == TRI_UNKNOWN ? TRI_UNKNOWN : (x == TRI_TRUE ? TRI_FALSE : TRI_TRUE);
}

/* A known truth as a Tri. */
static Tri
TriOf(bool value)
{
	return value ? TRI_TRUE : TRI_FALSE;
}

/* Column 'column' of row 'row' of the last SPI result, or NULL. */
static Datum
Column(int row, int column, bool *isnull)
{
	return SPI_getbinval(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, column, isnull);
}

/* A boolean column as a Tri. */
static Tri
TriColumn(int row, int column)
{
	bool		isnull;
	Datum		value = Column(row, column, &isnull);

	return isnull ? TRI_UNKNOWN : TriOf(DatumGetBool(value));
}

/* A numeric column (detoasted: a stored numeric may have a short header), or NULL. */
static Numeric
NumericColumn(int row, int column)
{
	bool		isnull;
	Datum		value = Column(row, column, &isnull);

	return isnull ? NULL : DatumGetNumericCopy(value);
}

/* Completed years from 'birth' to 'day' (a 29 February birthday falls on 1 March). */
static int
AgeOn(DateADT birth, DateADT day)
{
	int			by,
				bm,
				bd,
				y,
				m,
				d;

	j2date(birth + POSTGRES_EPOCH_JDATE, &by, &bm, &bd);
	j2date(day + POSTGRES_EPOCH_JDATE, &y, &m, &d);
	return y - by - ((m < bm || (m == bm && d < bd)) ? 1 : 0);
}

/* The OID of type 'name' of povext's schema (that of the function called). */
static Oid
PovextType(Oid namespace, const char *name)
{
	return GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid, CStringGetDatum(name),
						   ObjectIdGetDatum(namespace));
}

/*
 * Refuses a result of the last SPI query whose first columns are not of
 * 'types' (domains over them are fine).  Any role can make a schema, e.g. its
 * temporary one, with tables named like a registry's but of other column
 * types, and pass it to registry_check or attach registry_refresh to it: the
 * code below must never read a Datum as a type it is not.
 */
static void
CheckColumnTypes(const char *relation, const Oid *types, int count)
{
	TupleDesc	desc = SPI_tuptable->tupdesc;
	int			i;

	for (i = 0; i < count; i++)
	{
		Oid			type = getBaseType(SPI_gettypeid(desc, i + 1));

		if (type != types[i])
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("column \"%s\" of %s has type %s, not %s",
							SPI_fname(desc, i + 1), relation, format_type_be(type),
							format_type_be(types[i])),
					 errdetail("The tables of a registry are those made by povext.create_registry()."),
					 errhint("Give the column its type with ALTER TABLE ... ALTER COLUMN ... TYPE.")));
	}
}

/* Runs a prepared plan, failing on anything but 'expected'. */
static void
RunPlan(SPIPlanPtr plan, Datum *values, bool read_only, int expected)
{
	MemoryContext caller = CurrentMemoryContext;
	int			rc = SPI_execute_plan(plan, values, NULL, read_only, 0);

	/*
	 * SPI returns in its procedure context, which lives until SPI_finish: go
	 * back to the caller's (the batch's), or every batch's values would pile
	 * up there for the whole call.
	 */
	MemoryContextSwitchTo(caller);
	if (rc != expected)
		elog(ERROR, "registry query failed: %s", SPI_result_code_string(rc));
}

/*
 * Prepares a query and keeps it for the life of the backend.  Its plan is
 * generic: made once, not again at every call for the array of ids given (a
 * custom plan for one household costs more to make than to run, and the
 * generic plan's index scans suit any batch size).
 */
static SPIPlanPtr
PrepareKept(const char *text, int nargs, Oid *types)
{
	SPIPlanPtr	plan = SPI_prepare_cursor(text, nargs, types, CURSOR_OPT_GENERIC_PLAN);

	if (plan == NULL)
		elog(ERROR, "could not prepare registry query: %s", SPI_result_code_string(SPI_result));
	if (SPI_keepplan(plan) != 0)
		elog(ERROR, "could not keep registry query");
	return plan;
}

/*
 * Prepares and keeps a query of a registry, whose tables it names as
 * {household}, {member}, {household_status} and {registry_setting}: they
 * become 'tables' (the registry's, or on a Citus shard its shards').
 */
static SPIPlanPtr
PrepareRegistryQuery(char *const *tables, const char *query, int nargs, Oid *types)
{
	StringInfoData text;
	const char *p = query;

	initStringInfo(&text);
	while (*p)
	{
		int			i;
		bool		replaced = false;

		for (i = 0; i < RELATION_COUNT && *p == '{'; i++)
		{
			size_t		length = strlen(PovextRegistryRelationNames[i]);

			if (strncmp(p + 1, PovextRegistryRelationNames[i], length) == 0 && p[length + 1] == '}')
			{
				appendStringInfoString(&text, tables[i]);
				p += length + 2;
				replaced = true;
				break;
			}
		}
		if (!replaced)
			appendStringInfoChar(&text, *p++);
	}
	return PrepareKept(text.data, nargs, types);
}

/* Frees the kept plans of a registry. */
static void
FreePlans(RegistryPlans *plans)
{
	SPIPlanPtr *all[] = {&plans->settings, &plans->lock, &plans->read, &plans->member,
		&plans->status, &plans->status_delete, &plans->status_update, &plans->status_insert,
	&plans->household_update};
	int			i;

	for (i = 0; i < lengthof(all); i++)
		if (*all[i])
		{
			SPI_freeplan(*all[i]);
			*all[i] = NULL;
		}
}

/*
 * The prepared queries of the registry in schema 'namespace' (inside SPI),
 * or with 'shard' of its Citus shard 'shard' (one of the registry's tables'
 * shards on this node), from the backend's cache or prepared and kept now.
 */
static const RegistryPlans *
RegistryPlansFor(Registry *registry, Oid namespace, const char *schema, Oid shard)
{
	RegistryPlans *plans;
	char	   *tables[RELATION_COUNT];
	Oid			relids[RELATION_COUNT];
	int			i;
	Oid			id_array[] = {INT8ARRAYOID};
	Oid			status_types[7];
	Oid			update_types[] = {INT8ARRAYOID, INT4ARRAYOID, NUMERICARRAYOID, DATEARRAYOID};

	for (plans = registry_plans; plans; plans = plans->next)
		if (plans->namespace == namespace && plans->shard == shard)
			break;
	if (plans && strcmp(plans->schema, schema) == 0 &&
		plans->deprivations_type == registry->deprivations_type &&
		plans->status_type == registry->status_type)
		return plans;
	if (plans)
		FreePlans(plans);		/* renamed schema, or povext recreated */
	else
	{
		plans = MemoryContextAllocZero(TopMemoryContext, sizeof(RegistryPlans));
		plans->namespace = namespace;
		plans->shard = shard;
		plans->next = registry_plans;
		registry_plans = plans;
	}
	/* an entry without its plans (an error below) is prepared again next time */
	plans->deprivations_type = InvalidOid;
	for (i = 0; i < RELATION_COUNT; i++)
		if (plans->tables[i])
		{
			pfree(plans->tables[i]);
			plans->tables[i] = NULL;
		}
	if (OidIsValid(shard))
		PovextRegistryShardTables(shard, schema, namespace, tables, relids);
	else
		for (i = 0; i < RELATION_COUNT; i++)
		{
			tables[i] = quote_qualified_identifier(schema, PovextRegistryRelationNames[i]);
			relids[i] = get_relname_relid(PovextRegistryRelationNames[i], namespace);
		}

	/* household_status columns: household, standard, scope, deprivations, undetermined, status, as_of */
	status_types[0] = INT8ARRAYOID;
	status_types[1] = TEXTARRAYOID;
	status_types[2] = TEXTARRAYOID;
	status_types[3] = get_array_type(registry->deprivations_type);
	status_types[4] = status_types[3];
	status_types[5] = get_array_type(registry->status_type);
	status_types[6] = DATEARRAYOID;

	plans->settings = PrepareRegistryQuery(tables, "SELECT followed_scopes, COALESCE(reference_date, CURRENT_DATE)"
								  " FROM {registry_setting}", 0, NULL);
	plans->lock = PrepareRegistryQuery(tables, "SELECT h.id, h.area, h.housing_durable, h.clean_water, h.hygienic_latrine,"
							  " h.uses_telecom, h.has_information_device, h.floor_area, h.household_income,"
							  " h.members, h.per_capita_income_year, h.computed_at"
							  " FROM {household} AS h WHERE h.id OPERATOR(pg_catalog.=) ANY ($1)"
							  " ORDER BY h.id FOR NO KEY UPDATE OF h", 1, id_array);
	plans->read = PrepareRegistryQuery(tables, "SELECT h.id, h.area, h.housing_durable, h.clean_water, h.hygienic_latrine,"
							  " h.uses_telecom, h.has_information_device, h.floor_area, h.household_income,"
							  " h.members, h.per_capita_income_year, h.computed_at"
							  " FROM {household} AS h WHERE h.id OPERATOR(pg_catalog.=) ANY ($1)"
							  " ORDER BY h.id", 1, id_array);
	plans->member = PrepareRegistryQuery(tables, "SELECT m.household, m.person_id, m.birth_date, m.sex, m.working_capacity,"
								" m.disability, m.health_insurance, m.attending_school, m.school_level_ok,"
								" m.employed, m.works_for_wages, m.labour_contract, m.social_insurance,"
								" m.stunted_or_underweight, m.income"
								" FROM {member} AS m WHERE m.household OPERATOR(pg_catalog.=) ANY ($1)"
								" ORDER BY m.household", 1, id_array);
	plans->status = PrepareRegistryQuery(tables, "SELECT s.household, s.scope, s.standard, s.deprivations, s.undetermined,"
								" s.status, s.as_of"
								" FROM {household_status} AS s WHERE s.household OPERATOR(pg_catalog.=) ANY ($1)"
								" ORDER BY s.household, s.scope COLLATE pg_catalog.\"C\"", 1, id_array);
	plans->status_delete = PrepareRegistryQuery(tables, "DELETE FROM {household_status} AS s"
									   " USING ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2)) AS d(household, standard)"
									   " WHERE s.household OPERATOR(pg_catalog.=) d.household"
									   " AND s.standard OPERATOR(pg_catalog.=) d.standard", 2, status_types);
	plans->status_update = PrepareRegistryQuery(tables, "UPDATE {household_status} AS s"
									   " SET scope = u.scope, deprivations = u.deprivations, undetermined = u.undetermined,"
									   " status = u.status, as_of = u.as_of"
									   " FROM ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2), pg_catalog.unnest($3),"
									   " pg_catalog.unnest($4), pg_catalog.unnest($5), pg_catalog.unnest($6), pg_catalog.unnest($7))"
									   " AS u(household, standard, scope, deprivations, undetermined, status, as_of)"
									   " WHERE s.household OPERATOR(pg_catalog.=) u.household"
									   " AND s.standard OPERATOR(pg_catalog.=) u.standard", 7, status_types);
	plans->status_insert = PrepareRegistryQuery(tables, "INSERT INTO {household_status}"
									   " (household, standard, scope, deprivations, undetermined, status, as_of)"
									   " SELECT * FROM ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2), pg_catalog.unnest($3),"
									   " pg_catalog.unnest($4), pg_catalog.unnest($5), pg_catalog.unnest($6), pg_catalog.unnest($7))",
									   7, status_types);
	plans->household_update = PrepareRegistryQuery(tables, "UPDATE {household} AS h"
										  " SET members = u.members, per_capita_income_year = u.per_capita,"
										  " computed_at = u.computed_at"
										  " FROM ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2), pg_catalog.unnest($3),"
										  " pg_catalog.unnest($4)) AS u(id, members, per_capita, computed_at)"
										  " WHERE h.id OPERATOR(pg_catalog.=) u.id", 4, update_types);
	for (i = 0; i < RELATION_COUNT; i++)
	{
		plans->tables[i] = MemoryContextStrdup(TopMemoryContext, tables[i]);
		plans->relids[i] = relids[i];
	}
	strlcpy(plans->schema, schema, NAMEDATALEN);
	plans->status_type = registry->status_type;
	plans->deprivations_type = registry->deprivations_type;
	return plans;
}

/*
 * Opens the registry of schema 'schema' (inside SPI): its settings, the
 * cut-offs and the queries.  'as_of' overrides the reference date if given.
 */
static void
OpenRegistry(Registry *registry, FunctionCallInfo fcinfo, const char *schema, Oid shard,
			 bool as_of_given, DateADT as_of)
{
	Oid			povext_namespace = get_func_namespace(fcinfo->flinfo->fn_oid);
	Oid			namespace = get_namespace_oid(schema, false);
	Datum		scopes_datum;
	Datum	   *scope_values;
	bool	   *scope_nulls;
	bool		isnull;
	int			count;
	int			i;

	InitConstants();
	memset(registry, 0, sizeof(Registry));
	if (!OidIsValid(get_relname_relid("registry_setting", namespace)))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("schema \"%s\" has no povext registry", schema),
				 errhint("Create one with povext.create_registry('%s').", schema)));
	/* a distributed registry is worked on shard by shard */
	if (!OidIsValid(shard) && PovextRegistryIsDistributed(schema, namespace))
		elog(ERROR, "registry \"%s\" is distributed: its tables are computed on their shards", schema);
	registry->schema = (char *) quote_identifier(schema);
	registry->name = pstrdup(schema);
	registry->namespace = namespace;
	registry->povext_namespace = povext_namespace;
	registry->catalog = PovextGetCatalog();
	registry->deprivations_type = PovextType(povext_namespace, "deprivations");
	registry->status_type = PovextType(povext_namespace, "status");
	registry->area_type = PovextType(povext_namespace, "area");
	registry->plans = RegistryPlansFor(registry, namespace, schema, shard);
	registry->tables = registry->plans->tables;
	registry->relids = registry->plans->relids;

	RunPlan(registry->plans->settings, NULL, true, SPI_OK_SELECT);
	CheckColumnTypes(registry->tables[RELATION_SETTING],
					 (Oid[]) {TEXTARRAYOID, DATEOID}, 2);
	if (SPI_processed != 1)
		ereport(ERROR,
				(errcode(ERRCODE_CARDINALITY_VIOLATION),
				 errmsg("%s.registry_setting must have exactly one row", registry->schema),
				 errdetail("It has %llu rows.", (unsigned long long) SPI_processed)));
	scopes_datum = Column(0, 1, &isnull);
	registry->reference_date = as_of_given ? as_of : DatumGetDateADT(Column(0, 2, &isnull));
	/* ages and periods of force on an infinite date mean nothing */
	if (DATE_NOT_FINITE(registry->reference_date))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("reference date of a registry must be finite"),
				 errdetail("The reference date is %s.", PovextDateText(registry->reference_date))));
	deconstruct_array(DatumGetArrayTypeP(scopes_datum), TEXTOID, -1, false, TYPALIGN_INT,
					  &scope_values, &scope_nulls, &count);
	registry->scopes = palloc(sizeof(char *) * Max(count, 1));
	for (i = 0; i < count; i++)
	{
		char	   *scope = TextDatumGetCString(scope_values[i]);
		int			j = registry->scope_count;

		/* insertion sort, dropping repeated scopes */
		while (j > 0 && strcmp(registry->scopes[j - 1], scope) > 0)
			j--;
		if (j > 0 && strcmp(registry->scopes[j - 1], scope) == 0)
			continue;
		memmove(&registry->scopes[j + 1], &registry->scopes[j],
				sizeof(char *) * (registry->scope_count - j));
		registry->scopes[j] = scope;
		registry->scope_count++;
	}

	ReadCutoffs(registry);
	registry->in_force = palloc0(sizeof(Standard *) * Max(registry->scope_count, 1) * AREA_COUNT);
	registry->in_force_found = palloc0(sizeof(bool) * Max(registry->scope_count, 1) * AREA_COUNT);
	registry->batch_context = AllocSetContextCreate(CurrentMemoryContext, "povext registry batch",
													ALLOCSET_DEFAULT_SIZES);
}

/* Reads povext.indicator_cutoff with the active snapshot (inside SPI). */
static void
ReadCutoffs(Registry *registry)
{
	int			i;

	/* the extension's own table, found by its schema, whatever its name */
	if (cutoff_plan == NULL)
		cutoff_plan = PrepareKept(psprintf("SELECT standard, indicator, parameter, value FROM %s.indicator_cutoff",
										   quote_identifier(get_namespace_name(registry->povext_namespace))),
								  0, NULL);
	RunPlan(cutoff_plan, NULL, true, SPI_OK_SELECT);
	CheckColumnTypes("povext.indicator_cutoff", (Oid[]) {TEXTOID, TEXTOID, TEXTOID, NUMERICOID}, 4);
	registry->cutoff_count = SPI_processed;
	registry->cutoff_standard = palloc(sizeof(char *) * (SPI_processed + 1));
	registry->cutoff_indicator = palloc(sizeof(char *) * (SPI_processed + 1));
	registry->cutoff_parameter = palloc(sizeof(char *) * (SPI_processed + 1));
	registry->cutoff_value = palloc(sizeof(Numeric) * (SPI_processed + 1));
	for (i = 0; i < registry->cutoff_count; i++)
	{
		registry->cutoff_standard[i] = SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1);
		registry->cutoff_indicator[i] = SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2);
		registry->cutoff_parameter[i] = SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 3);
		registry->cutoff_value[i] = NumericColumn(i, 4);
	}
	SPI_freetuptable(SPI_tuptable);
}

/*
 * After the batch's locks: in READ COMMITTED the batch works with rows
 * committed after the statement started, maybe computed by a transaction
 * that changed the catalog, so it must compute with that catalog too.  In
 * REPEATABLE READ and SERIALIZABLE the transaction cannot see that catalog:
 * it must retry.
 */
static void
EnsureLatestCatalog(Registry *registry)
{
	Snapshot	snapshot;

	if (PovextCatalogIsLatest())
		return;
	if (IsolationUsesXactSnapshot())
		ereport(ERROR,
				(errcode(ERRCODE_T_R_SERIALIZATION_FAILURE),
				 errmsg("could not serialize access due to a concurrent change of the povext catalog"),
				 errdetail("Registry \"%s\" is computed with a catalog this transaction cannot see.",
						   registry->name),
				 errhint("The transaction might succeed if retried.")));
	snapshot = RegisterSnapshot(GetLatestSnapshot());
	PushActiveSnapshot(snapshot);
	registry->catalog = PovextReloadCatalog(snapshot);
	ReadCutoffs(registry);
	PopActiveSnapshot();
	UnregisterSnapshot(snapshot);
	/* what was bound to the previous copy is gone with it */
	registry->bound = NULL;
	memset(registry->in_force_found, 0, sizeof(bool) * Max(registry->scope_count, 1) * AREA_COUNT);
}

/* The cut-off 'parameter' of an indicator of a standard, or NULL. */
static Numeric
Cutoff(Registry *registry, const char *standard, const char *indicator, const char *parameter)
{
	int			i;

	for (i = 0; i < registry->cutoff_count; i++)
		if (strcmp(registry->cutoff_standard[i], standard) == 0 &&
			strcmp(registry->cutoff_indicator[i], indicator) == 0 &&
			strcmp(registry->cutoff_parameter[i], parameter) == 0)
			return registry->cutoff_value[i];
	return NULL;
}

/* A standard with its rules and cut-offs bound, made once per call. */
static BoundStandard *
BindStandard(Registry *registry, const Standard *standard)
{
	BoundStandard *bound;
	MemoryContext old;
	int			bit;

	for (bound = registry->bound; bound; bound = bound->next)
		if (bound->standard == standard)
			return bound;

	old = MemoryContextSwitchTo(MemoryContextGetParent(registry->batch_context));
	bound = palloc0(sizeof(BoundStandard));
	bound->standard = standard;
	for (bit = 0; bit < POVEXT_MAX_INDICATORS; bit++)
	{
		BoundRule  *rule = &bound->rules[bit];
		const char *code;
		int			r;
		int			p;

		rule->rule = -1;
		if (!(standard->indicator_mask & (UINT64CONST(1) << bit)))
			continue;
		code = PovextIndicatorCode(registry->catalog, bit, N_("a standard"), NULL);
		for (r = 0; r < lengthof(derivation_rules); r++)
			if (strcmp(derivation_rules[r].indicator, code) == 0)
				break;
		if (r == lengthof(derivation_rules))
			continue;
		for (p = 0; p < MAX_PARAMETERS && derivation_rules[r].parameters[p]; p++)
		{
			rule->value[p] = Cutoff(registry, standard->code, code, derivation_rules[r].parameters[p]);
			if (rule->value[p] == NULL)
				break;
			/* ages are whole years (a check of povext.indicator_cutoff) */
			if (strstr(derivation_rules[r].parameters[p], "_age"))
				rule->ages[p] = DatumGetInt32(DirectFunctionCall1(numeric_int4,
																  NumericGetDatum(rule->value[p])));
		}
		if (p == MAX_PARAMETERS || derivation_rules[r].parameters[p] == NULL)
			rule->rule = r;
	}
	bound->next = registry->bound;
	registry->bound = bound;
	MemoryContextSwitchTo(old);
	return bound;
}

/* Whether a member is of working age (from min_age to under the retirement age of their sex). */
static Tri
WorkingAge(const RegistryMember *m, const BoundRule *rule)
{
	int			male = rule->ages[1];
	int			female = rule->ages[2];

	if (m->age < rule->ages[0])
		return TRI_FALSE;
	if (m->sex == 0)
		return TriOf(m->age < male);
	if (m->sex == 1)
		return TriOf(m->age < female);
	if (m->age < Min(male, female))
		return TRI_TRUE;
	return m->age >= Max(male, female) ? TRI_FALSE : TRI_UNKNOWN;
}

/* Whether one member makes the household deprived under a member rule. */
static Tri
MemberDeprived(const RegistryMember *m, DerivationKind kind, const BoundRule *rule)
{
	switch (kind)
	{
		case DERIVE_UNEMPLOYED:
			/* a student is outside the labour force, not unemployed */
			return TriAnd(WorkingAge(m, rule),
						  TriOr(TriAnd(m->working_capacity,
									   TriAnd(TriNot(m->employed), TriNot(m->attending_school))),
								TriAnd(m->works_for_wages, TriNot(m->labour_contract))));
		case DERIVE_UNINSURED_WORKER:
			return TriAnd(WorkingAge(m, rule), TriAnd(m->employed, TriNot(m->social_insurance)));
		case DERIVE_CHILD_NUTRITION:
			return TriAnd(TriOf(m->age < rule->ages[0]), m->stunted_or_underweight);
		case DERIVE_HEALTH_INSURANCE:
			return TriAnd(TriOf(m->age >= rule->ages[0]), TriNot(m->health_insurance));
		case DERIVE_ADULT_EDUCATION:
			return TriAnd(TriOf(m->age >= rule->ages[0] && m->age <= rule->ages[1]),
						  TriAnd(TriNot(m->attending_school), TriNot(m->school_level_ok)));
		case DERIVE_SCHOOL_ATTENDANCE:
			return TriAnd(TriOf(m->age >= rule->ages[0] && m->age < rule->ages[1]),
						  TriOr(TriNot(m->attending_school), TriNot(m->school_level_ok)));
		default:
			elog(ERROR, "unexpected member rule %d", (int) kind);
	}
	pg_unreachable();
}

/* Whether the household is deprived in an indicator with a bound rule. */
static Tri
HouseholdDeprived(const HouseholdRow *h, const RegistryMember *members, const BoundRule *rule)
{
	DerivationKind kind = derivation_rules[rule->rule].kind;
	Tri			result = TRI_FALSE;
	int			i;

	switch (kind)
	{
		case DERIVE_ANSWER:
			return TriNot(h->answers[derivation_rules[rule->rule].answer]);
		case DERIVE_FLOOR_AREA:
			if (h->floor_area == NULL)
				return TRI_UNKNOWN;
			/* area / members < cut-off, exactly: area < cut-off * members */
			return TriOf(PovextNumericCompare(h->floor_area,
										PovextNumericOp(numeric_mul, rule->value[0],
												  int64_to_numeric(h->member_count))) < 0);
		case DERIVE_DEPENDANTS:
			{
				int			certain = 0;
				int			possible = 0;
				Numeric		limit = PovextNumericOp(numeric_mul, rule->value[2],
											  int64_to_numeric(h->member_count));

				for (i = 0; i < h->member_count; i++)
				{
					const RegistryMember *m = &members[i];
					Tri			dependant = TriOr(TriOf(m->age < rule->ages[0] || m->age >= rule->ages[1]),
												  m->disability);

					certain += dependant == TRI_TRUE;
					possible += dependant == TRI_UNKNOWN;
				}
				if (PovextNumericCompare(int64_to_numeric(certain), limit) > 0)
					return TRI_TRUE;
				return PovextNumericCompare(int64_to_numeric(certain + possible), limit) > 0 ?
					TRI_UNKNOWN : TRI_FALSE;
			}
		default:
			for (i = 0; i < h->member_count && result != TRI_TRUE; i++)
				result = TriOr(result, MemberDeprived(&members[i], kind, rule));
			return result;
	}
}

/*
 * The status of a household with 'income' over 12 months, or -1 when it is
 * unknown or undetermined indicators could change it.
 */
static int
StatusOf(const Standard *standard, Area area, Numeric income, int members,
		 uint64 deprivations, uint64 undetermined)
{
	Classification least;
	Classification most;

	if (income == NULL)
		return -1;
	PovextClassifyHouseholdIncome(standard, area, income, members, deprivations, &least, NULL);
	if (undetermined == 0)
		return least.status;
	/* more deprivations never make a household better off */
	PovextClassifyHouseholdIncome(standard, area, income, members, deprivations | undetermined,
								  &most, NULL);
	return least.status == most.status ? least.status : -1;
}

/*
 * The standard of scope 'scope' (an index in registry->scopes) in force for
 * 'area' on the reference date, or NULL: looked up once per call, not once
 * per household (the lookup formats dates for its messages).
 */
static const Standard *
StandardInForce(Registry *registry, int scope, Area area)
{
	int			slot = scope * AREA_COUNT + area;

	if (!registry->in_force_found[slot])
	{
		registry->in_force[slot] = PovextStandardInForce(registry->catalog, registry->scopes[scope],
														 area, registry->reference_date, true);
		registry->in_force_found[slot] = true;
	}
	return registry->in_force[slot];
}

/* Computes the derived values of one household as of the reference date. */
static void
ComputeHousehold(Registry *registry, const HouseholdRow *h, const RegistryMember *members,
				 RegistryDerived *result)
{
	Numeric		income = h->income;
	int			i;

	memset(result, 0, sizeof(RegistryDerived));
	result->members = h->member_count;
	if (h->member_count == 0)
		return;					/* the values a new household has */

	/* NULL household income: the sum of the members', if all are known */
	if (income == NULL)
	{
		income = numeric_zero;
		for (i = 0; i < h->member_count && income; i++)
			income = members[i].income ? PovextNumericOp(numeric_add, income, members[i].income) : NULL;
	}
	if (income)
		result->per_capita_income_year =
			DatumGetNumeric(DirectFunctionCall2(numeric_round,
												NumericGetDatum(PovextNumericOp(numeric_div, income,
																		  int64_to_numeric(h->member_count))),
												Int32GetDatum(2)));
	result->has_computed_at = true;
	result->computed_at = registry->reference_date;
	result->statuses = palloc0(sizeof(RegistryStatus) * registry->scope_count);

	for (i = 0; i < registry->scope_count; i++)
	{
		const Standard *standard = StandardInForce(registry, i, h->area);
		RegistryStatus *status = &result->statuses[result->status_count];
		BoundStandard *bound;
		int			bit;

		/* no standard of the scope in force: no status under it */
		if (standard == NULL)
			continue;
		bound = BindStandard(registry, standard);
		status->scope = registry->scopes[i];
		status->standard = standard->code;
		status->as_of = registry->reference_date;
		for (bit = 0; bit < POVEXT_MAX_INDICATORS; bit++)
		{
			uint64		mask = UINT64CONST(1) << bit;
			Tri			deprived;

			if (!(standard->indicator_mask & mask))
				continue;
			deprived = bound->rules[bit].rule < 0 ? TRI_UNKNOWN :
				HouseholdDeprived(h, members, &bound->rules[bit]);
			if (deprived == TRI_TRUE)
				status->deprivations |= mask;
			else if (deprived == TRI_UNKNOWN)
				status->undetermined |= mask;
		}
		status->status = StatusOf(standard, h->area, income, h->member_count,
								  status->deprivations, status->undetermined);
		result->status_count++;
	}
}

/* True if two households have the same derived columns of their own row. */
static bool
SameHouseholdColumns(const RegistryDerived *a, const RegistryDerived *b)
{
	return a->members == b->members && a->has_computed_at == b->has_computed_at &&
		(!a->has_computed_at || a->computed_at == b->computed_at) &&
		(a->per_capita_income_year == NULL) == (b->per_capita_income_year == NULL) &&
		(a->per_capita_income_year == NULL ||
		 PovextNumericCompare(a->per_capita_income_year, b->per_capita_income_year) == 0);
}

/* True if two statuses are the same (standard included). */
static bool
SameStatus(const RegistryStatus *x, const RegistryStatus *y)
{
	return strcmp(x->scope, y->scope) == 0 && strcmp(x->standard, y->standard) == 0 &&
		x->deprivations == y->deprivations && x->undetermined == y->undetermined &&
		x->status == y->status && x->as_of == y->as_of;
}

/* True if two sets of derived values are the same. */
static bool
SameDerived(const RegistryDerived *a, const RegistryDerived *b)
{
	int			i;

	if (!SameHouseholdColumns(a, b) || a->status_count != b->status_count)
		return false;
	for (i = 0; i < a->status_count; i++)
		if (!SameStatus(&a->statuses[i], &b->statuses[i]))
			return false;
	return true;
}

/* Derived values as text, for registry_check. */
static char *
DerivedText(Registry *registry, const RegistryDerived *d)
{
	StringInfoData text;
	Oid			output;
	bool		varlena;
	int			i;

	getTypeOutputInfo(registry->deprivations_type, &output, &varlena);
	initStringInfo(&text);
	appendStringInfo(&text, "members=%d per_capita_income_year=%s computed_at=%s",
					 d->members,
					 d->per_capita_income_year ?
					 DatumGetCString(DirectFunctionCall1(numeric_out,
														 NumericGetDatum(d->per_capita_income_year))) : "NULL",
					 d->has_computed_at ? PovextDateText(d->computed_at) : "NULL");
	for (i = 0; i < d->status_count; i++)
	{
		const RegistryStatus *s = &d->statuses[i];

		appendStringInfo(&text, "; %s: %s %s undetermined %s %s as of %s", s->scope, s->standard,
						 OidOutputFunctionCall(output, DeprivationsGetDatum(s->deprivations)),
						 OidOutputFunctionCall(output, DeprivationsGetDatum(s->undetermined)),
						 s->status < 0 ? "NULL" : (s->status < STATUS_COUNT ?
												   DatumGetCString(DirectFunctionCall1(enum_out,
																					   ObjectIdGetDatum(PovextStatusOid(registry->catalog, s->status)))) : "?"),
						 PovextDateText(s->as_of));
	}
	return text.data;
}

/* Reads the households of a batch (locked if 'lock') and their stored values. */
static int
ReadHouseholds(Registry *registry, Datum ids, bool lock, bool read_only, HouseholdRow **result)
{
	HouseholdRow *rows;
	int			count;
	RegistryStatus *statuses;
	int			row;
	int			status_row;

	RunPlan(lock ? registry->plans->lock : registry->plans->read, &ids, read_only && !lock, SPI_OK_SELECT);
	CheckColumnTypes(registry->tables[RELATION_HOUSEHOLD],
					 (Oid[]) {INT8OID, registry->area_type, BOOLOID, BOOLOID, BOOLOID, BOOLOID, BOOLOID,
					 NUMERICOID, NUMERICOID, INT4OID, NUMERICOID, DATEOID}, 12);
	count = SPI_processed;
	rows = palloc0(sizeof(HouseholdRow) * Max(count, 1));
	for (row = 0; row < count; row++)
	{
		HouseholdRow *h = &rows[row];
		bool		isnull;
		int			a;
		Datum		computed_at;

		h->id = DatumGetInt64(Column(row, 1, &isnull));
		h->area = PovextAreaFromOid(registry->catalog, DatumGetObjectId(Column(row, 2, &isnull)));
		for (a = 0; a < ANSWER_COUNT; a++)
			h->answers[a] = TriColumn(row, 3 + a);
		h->floor_area = NumericColumn(row, 8);
		h->income = NumericColumn(row, 9);
		h->stored.members = DatumGetInt32(Column(row, 10, &isnull));
		h->stored.per_capita_income_year = NumericColumn(row, 11);
		computed_at = Column(row, 12, &isnull);
		h->stored.has_computed_at = !isnull;
		h->stored.computed_at = isnull ? 0 : DatumGetDateADT(computed_at);
	}
	SPI_freetuptable(SPI_tuptable);

	/*
	 * Stored statuses, every row (those of scopes no longer followed make
	 * the household differ, and are deleted): each household's rows are
	 * consecutive, in scope order.
	 */
	RunPlan(registry->plans->status, &ids, read_only && !lock, SPI_OK_SELECT);
	CheckColumnTypes(registry->tables[RELATION_STATUS],
					 (Oid[]) {INT8OID, TEXTOID, TEXTOID, registry->deprivations_type,
					 registry->deprivations_type, registry->status_type, DATEOID}, 7);
	statuses = palloc0(sizeof(RegistryStatus) * Max(SPI_processed, 1));
	row = 0;
	for (status_row = 0; status_row < SPI_processed; status_row++)
	{
		bool		isnull;
		int64		household = DatumGetInt64(Column(status_row, 1, &isnull));
		HouseholdRow *h;
		RegistryStatus *s;
		Datum		status;

		while (row < count && rows[row].id < household)
			row++;
		if (row == count || rows[row].id != household)
			continue;
		h = &rows[row];
		s = &statuses[status_row];
		if (h->stored.status_count++ == 0)
			h->stored.statuses = s;
		s->scope = SPI_getvalue(SPI_tuptable->vals[status_row], SPI_tuptable->tupdesc, 2);
		s->standard = SPI_getvalue(SPI_tuptable->vals[status_row], SPI_tuptable->tupdesc, 3);
		s->deprivations = DatumGetDeprivations(Column(status_row, 4, &isnull));
		s->undetermined = DatumGetDeprivations(Column(status_row, 5, &isnull));
		status = Column(status_row, 6, &isnull);
		s->status = isnull ? -1 : PovextStatusFromOid(registry->catalog, DatumGetObjectId(status));
		s->as_of = DatumGetDateADT(Column(status_row, 7, &isnull));
	}
	SPI_freetuptable(SPI_tuptable);
	*result = rows;
	return count;
}

/* Reads the members of the batch's households, as of the reference date. */
static RegistryMember *
ReadMembers(Registry *registry, Datum ids, bool read_only, HouseholdRow *rows, int count)
{
	RegistryMember *members;
	int			row;
	int			h = 0;

	RunPlan(registry->plans->member, &ids, read_only, SPI_OK_SELECT);
	CheckColumnTypes(registry->tables[RELATION_MEMBER],
					 (Oid[]) {INT8OID, TEXTOID, DATEOID, TEXTOID, BOOLOID, BOOLOID, BOOLOID, BOOLOID,
					 BOOLOID, BOOLOID, BOOLOID, BOOLOID, BOOLOID, BOOLOID, NUMERICOID}, 15);
	members = palloc0(sizeof(RegistryMember) * Max(SPI_processed, 1));
	for (row = 0; row < SPI_processed; row++)
	{
		RegistryMember *m = &members[row];
		bool		isnull;
		int64		household = DatumGetInt64(Column(row, 1, &isnull));
		DateADT		birth = DatumGetDateADT(Column(row, 3, &isnull));
		Datum		sex = Column(row, 4, &isnull);

		if (birth > registry->reference_date)
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("member \"%s\" of household %lld was born after the reference date",
							SPI_getvalue(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, 2), (long long) household),
					 errdetail("The birth date is %s and the reference date is %s.",
							   PovextDateText(birth), PovextDateText(registry->reference_date)),
					 errhint("Correct the birth date, or the reference_date of %s.registry_setting.",
							 registry->schema)));
		m->age = AgeOn(birth, registry->reference_date);
		m->sex = isnull ? -1 : (strcmp(TextDatumGetCString(sex), "female") == 0 ? 1 : 0);
		m->working_capacity = TriColumn(row, 5);
		m->disability = TriColumn(row, 6);
		m->health_insurance = TriColumn(row, 7);
		m->attending_school = TriColumn(row, 8);
		m->school_level_ok = TriColumn(row, 9);
		m->employed = TriColumn(row, 10);
		m->works_for_wages = TriColumn(row, 11);
		m->labour_contract = TriColumn(row, 12);
		m->social_insurance = TriColumn(row, 13);
		m->stunted_or_underweight = TriColumn(row, 14);
		m->income = NumericColumn(row, 15);

		/* members come in household order, as the households do */
		while (h < count && rows[h].id < household)
			h++;
		if (h < count && rows[h].id == household)
		{
			if (rows[h].member_count == 0)
				rows[h].first_member = row;
			rows[h].member_count++;
		}
	}
	return members;
}

/* Makes room for 'capacity' rows of household_status columns. */
static void
StatusColumnsInit(StatusColumns *c, int capacity)
{
	capacity = Max(capacity, 1);
	c->count = 0;
	c->household = palloc(sizeof(Datum) * capacity);
	c->standard = palloc(sizeof(Datum) * capacity);
	c->scope = palloc(sizeof(Datum) * capacity);
	c->deprivations = palloc(sizeof(Datum) * capacity);
	c->undetermined = palloc(sizeof(Datum) * capacity);
	c->status = palloc(sizeof(Datum) * capacity);
	c->status_null = palloc(sizeof(bool) * capacity);
	c->as_of = palloc(sizeof(Datum) * capacity);
}

/* Adds the household_status row of status 's' of household 'household'. */
static void
StatusColumnsAdd(Registry *registry, StatusColumns *c, int64 household, const RegistryStatus *s)
{
	int			n = c->count++;

	c->household[n] = Int64GetDatum(household);
	c->standard[n] = CStringGetTextDatum(s->standard);
	c->scope[n] = CStringGetTextDatum(s->scope);
	c->deprivations[n] = DeprivationsGetDatum(s->deprivations);
	c->undetermined[n] = DeprivationsGetDatum(s->undetermined);
	c->status_null[n] = s->status < 0;
	c->status[n] = s->status < 0 ? (Datum) 0 :
		ObjectIdGetDatum(PovextStatusOid(registry->catalog, s->status));
	c->as_of[n] = DateADTGetDatum(s->as_of);
}

/* Runs a write of household_status with the columns as its array parameters, if it has rows. */
static void
RunStatusPlan(Registry *registry, SPIPlanPtr plan, const StatusColumns *c, int expected)
{
	Datum		args[7];
	int			dims[1] = {c->count};
	int			lbs[1] = {1};

	if (c->count == 0)
		return;
	args[0] = PointerGetDatum(construct_array(c->household, c->count, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
	args[1] = PointerGetDatum(construct_array(c->standard, c->count, TEXTOID, -1, false, TYPALIGN_INT));
	args[2] = PointerGetDatum(construct_array(c->scope, c->count, TEXTOID, -1, false, TYPALIGN_INT));
	args[3] = PointerGetDatum(construct_array(c->deprivations, c->count, registry->deprivations_type,
											  8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
	args[4] = PointerGetDatum(construct_array(c->undetermined, c->count, registry->deprivations_type,
											  8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
	args[5] = PointerGetDatum(construct_md_array(c->status, c->status_null, 1, dims, lbs,
												 registry->status_type, sizeof(Oid), true, TYPALIGN_INT));
	args[6] = PointerGetDatum(construct_array(c->as_of, c->count, DATEOID, sizeof(DateADT), true, TYPALIGN_INT));
	RunPlan(plan, args, false, expected);
}

/* The status of 'd' under standard 'standard', or NULL. */
static const RegistryStatus *
StatusOfStandard(const RegistryDerived *d, const char *standard)
{
	int			i;

	for (i = 0; i < d->status_count; i++)
		if (strcmp(d->statuses[i].standard, standard) == 0)
			return &d->statuses[i];
	return NULL;
}

/*
 * Writes the derived values of the households at 'changed' of a batch, and
 * only what differs: household_status rows are matched by their key
 * (household, standard), deleted if no longer computed, updated if they
 * differ (same key: no foreign-key check, and a HOT update when the page has
 * room), inserted if new; the household row is updated only if its own
 * derived columns differ.
 */
static void
WriteHouseholds(Registry *registry, HouseholdRow *rows, RegistryDerived *fresh,
				int *changed, int changed_count)
{
	StatusColumns deleted,
				updated,
				inserted;
	int			stored_count = 0;
	int			fresh_count = 0;
	int			household_count = 0;
	int			i;
	Datum	   *ids = palloc(sizeof(Datum) * changed_count);
	Datum	   *members = palloc(sizeof(Datum) * changed_count);
	Datum	   *per_capita = palloc(sizeof(Datum) * changed_count);
	bool	   *per_capita_null = palloc(sizeof(bool) * changed_count);
	Datum	   *computed_at = palloc(sizeof(Datum) * changed_count);
	bool	   *computed_at_null = palloc(sizeof(bool) * changed_count);
	int			dims[1];
	int			lbs[1] = {1};
	Datum		args[4];

	for (i = 0; i < changed_count; i++)
	{
		stored_count += rows[changed[i]].stored.status_count;
		fresh_count += fresh[changed[i]].status_count;
	}
	StatusColumnsInit(&deleted, stored_count);
	StatusColumnsInit(&updated, fresh_count);
	StatusColumnsInit(&inserted, fresh_count);

	for (i = 0; i < changed_count; i++)
	{
		const HouseholdRow *h = &rows[changed[i]];
		const RegistryDerived *d = &fresh[changed[i]];
		int			s;

		for (s = 0; s < h->stored.status_count; s++)
			if (StatusOfStandard(d, h->stored.statuses[s].standard) == NULL)
				StatusColumnsAdd(registry, &deleted, h->id, &h->stored.statuses[s]);
		for (s = 0; s < d->status_count; s++)
		{
			const RegistryStatus *stored = StatusOfStandard(&h->stored, d->statuses[s].standard);

			if (stored == NULL)
				StatusColumnsAdd(registry, &inserted, h->id, &d->statuses[s]);
			else if (!SameStatus(stored, &d->statuses[s]))
				StatusColumnsAdd(registry, &updated, h->id, &d->statuses[s]);
		}

		if (SameHouseholdColumns(&h->stored, d))
			continue;
		ids[household_count] = Int64GetDatum(h->id);
		members[household_count] = Int32GetDatum(d->members);
		per_capita[household_count] = d->per_capita_income_year ?
			NumericGetDatum(d->per_capita_income_year) : (Datum) 0;
		per_capita_null[household_count] = d->per_capita_income_year == NULL;
		computed_at[household_count] = DateADTGetDatum(d->computed_at);
		computed_at_null[household_count] = !d->has_computed_at;
		household_count++;
	}

	/* the three statements touch distinct keys */
	RunStatusPlan(registry, registry->plans->status_delete, &deleted, SPI_OK_DELETE);
	RunStatusPlan(registry, registry->plans->status_update, &updated, SPI_OK_UPDATE);
	RunStatusPlan(registry, registry->plans->status_insert, &inserted, SPI_OK_INSERT);
	if (household_count == 0)
		return;

	dims[0] = household_count;
	args[0] = PointerGetDatum(construct_array(ids, household_count, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
	args[1] = PointerGetDatum(construct_array(members, household_count, INT4OID, 4, true, TYPALIGN_INT));
	args[2] = PointerGetDatum(construct_md_array(per_capita, per_capita_null, 1, dims, lbs,
												 NUMERICOID, -1, false, TYPALIGN_INT));
	args[3] = PointerGetDatum(construct_md_array(computed_at, computed_at_null, 1, dims, lbs,
												 DATEOID, sizeof(DateADT), true, TYPALIGN_INT));

	/* the household trigger must not recompute what this update writes */
	registry_writing++;
	PG_TRY();
	{
		RunPlan(registry->plans->household_update, args, false, SPI_OK_UPDATE);
	}
	PG_FINALLY();
	{
		registry_writing--;
	}
	PG_END_TRY();
}

/*
 * Some households of a batch to write were not found: hidden by row-level
 * security (the registry would be left stale: an error), deleted since (skip
 * them), or, in REPEATABLE READ, committed after the transaction's snapshot
 * while the caller found them with a newer one.
 */
static void
MissingHouseholds(Registry *registry)
{
	Oid			household = get_relname_relid("household", registry->namespace);

	if (check_enable_rls(household, InvalidOid, true) == RLS_ENABLED)
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("row-level security hides households of registry \"%s\" that must be recomputed",
						registry->name),
				 errdetail("Role \"%s\" cannot see every household whose derived values this statement changes.",
						   GetUserNameFromId(GetUserId(), false)),
				 errhint("Write these households as a role that row-level security lets see them.")));
	if (registry->missing_is_conflict && IsolationUsesXactSnapshot())
		ereport(ERROR,
				(errcode(ERRCODE_T_R_SERIALIZATION_FAILURE),
				 errmsg("could not serialize access due to concurrent update of registry \"%s\"", registry->name),
				 errhint("The transaction might succeed if retried.")));
}

/*
 * Computes the households of ids[0..count) (ascending) in batches, and
 * writes, collects or reports those whose stored values differ.  Returns how
 * many differed.
 */
static int64
ProcessHouseholds(Registry *registry, const int64 *ids, int64 count, BatchMode mode,
				  int64 **collected, ReturnSetInfo *report)
{
	int64		differing = 0;
	int64		start;

	for (start = 0; start < count; start += REGISTRY_BATCH)
	{
		int			n = (int) Min(REGISTRY_BATCH, count - start);
		MemoryContext old = MemoryContextSwitchTo(registry->batch_context);
		Datum	   *id_datums = palloc(sizeof(Datum) * n);
		Datum		id_array;
		HouseholdRow *rows;
		RegistryMember *members;
		RegistryDerived *fresh;
		int		   *changed;
		int			changed_count = 0;
		int			found;
		int			i;

		CHECK_FOR_INTERRUPTS();
		for (i = 0; i < n; i++)
			id_datums[i] = Int64GetDatum(ids[start + i]);
		id_array = PointerGetDatum(construct_array(id_datums, n, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));

		found = ReadHouseholds(registry, id_array, mode == BATCH_WRITE && !registry->table_locked,
							   mode != BATCH_WRITE, &rows);
		if (mode == BATCH_WRITE)
		{
			if (found < n)
				MissingHouseholds(registry);
			EnsureLatestCatalog(registry);
		}
		members = ReadMembers(registry, id_array, mode != BATCH_WRITE, rows, found);
		fresh = palloc(sizeof(RegistryDerived) * Max(found, 1));
		changed = palloc(sizeof(int) * Max(found, 1));
		for (i = 0; i < found; i++)
		{
			ComputeHousehold(registry, &rows[i], &members[rows[i].first_member], &fresh[i]);
			if (!SameDerived(&rows[i].stored, &fresh[i]))
				changed[changed_count++] = i;
		}
		SPI_freetuptable(SPI_tuptable);

		for (i = 0; i < changed_count; i++)
		{
			HouseholdRow *h = &rows[changed[i]];

			if (mode == BATCH_COLLECT)
				(*collected)[differing + i] = h->id;
			else if (mode == BATCH_REPORT)
			{
				Datum		values[3];
				bool		nulls[3] = {false, false, false};

				values[0] = Int64GetDatum(h->id);
				values[1] = CStringGetTextDatum(DerivedText(registry, &h->stored));
				values[2] = CStringGetTextDatum(DerivedText(registry, &fresh[changed[i]]));
				tuplestore_putvalues(report->setResult, report->setDesc, values, nulls);
			}
		}
		if (mode == BATCH_WRITE && changed_count > 0)
			WriteHouseholds(registry, rows, fresh, changed, changed_count);
		differing += changed_count;
		MemoryContextSwitchTo(old);
		MemoryContextReset(registry->batch_context);
	}
	return differing;
}

/* The household ids of the last SPI result (one bigint column), freeing it. */
static int64 *
ResultIds(int64 *count)
{
	int64	   *ids;
	uint64		row;

	CheckColumnTypes(_("the registry's households"), (Oid[]) {INT8OID}, 1);
	ids = palloc(sizeof(int64) * (SPI_processed + 1));
	for (row = 0; row < SPI_processed; row++)
	{
		bool		isnull;

		ids[row] = DatumGetInt64(Column(row, 1, &isnull));
	}
	*count = SPI_processed;
	SPI_freetuptable(SPI_tuptable);
	return ids;
}

/* The ids of the first column of a query's result, ascending as the query gives them. */
static int64 *
QueryIds(const char *query, bool read_only, int64 *count)
{
	if (SPI_execute(query, read_only, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read household ids");
	return ResultIds(count);
}

/* Orders int64 values ascending, for qsort. */
static int
CompareInt64(const void *a, const void *b)
{
	int64		x = *(const int64 *) a;
	int64		y = *(const int64 *) b;

	return x < y ? -1 : (x > y ? 1 : 0);
}

/*
 * The number of column 'name' of a registry table, which must have it with
 * type 'type' (the trigger may have been put on a table that only looks like
 * a registry's, whose values must not be read as another type).
 */
static int
RequiredColumn(Relation relation, const char *name, Oid type)
{
	TupleDesc	desc = RelationGetDescr(relation);
	int			attnum = SPI_fnumber(desc, name);

	if (attnum <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_COLUMN),
				 errmsg("registry table \"%s\" has no column \"%s\"", RelationGetRelationName(relation), name)));
	if (TupleDescAttr(desc, attnum - 1)->atttypid != type)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("column \"%s\" of registry table \"%s\" has type %s, not %s",
						name, RelationGetRelationName(relation),
						format_type_be(TupleDescAttr(desc, attnum - 1)->atttypid), format_type_be(type))));
	return attnum;
}

/*
 * Appends to ids[*count..] column 'column' of the rows of a transition table
 * of 'relation'; with 'given_only', only of rows whose derived columns have
 * values (a new household has no members: only values given by hand need
 * work).  Read in C: a query over the transition table would be parsed and
 * planned at every statement.
 */
static void
TransitionIds(Tuplestorestate *rows, Relation relation, const char *column, bool given_only,
			  int64 *ids, int64 *count)
{
	TupleTableSlot *slot = MakeSingleTupleTableSlot(RelationGetDescr(relation), &TTSOpsMinimalTuple);
	int			id_column = RequiredColumn(relation, column, INT8OID);
	int			members = given_only ? RequiredColumn(relation, "members", INT4OID) : 0;
	int			per_capita = given_only ? RequiredColumn(relation, "per_capita_income_year", NUMERICOID) : 0;
	int			computed_at = given_only ? RequiredColumn(relation, "computed_at", DATEOID) : 0;

	/* a read pointer of its own, as a scan of the transition table takes */
	tuplestore_select_read_pointer(rows, tuplestore_alloc_read_pointer(rows, EXEC_FLAG_REWIND));
	tuplestore_rescan(rows);
	while (tuplestore_gettupleslot(rows, true, false, slot))
	{
		bool		isnull;
		Datum		id = slot_getattr(slot, id_column, &isnull);

		if (isnull)
			continue;
		if (given_only)
		{
			bool		members_null;
			bool		per_capita_null;
			bool		computed_at_null;
			Datum		value = slot_getattr(slot, members, &members_null);

			slot_getattr(slot, per_capita, &per_capita_null);
			slot_getattr(slot, computed_at, &computed_at_null);
			if ((members_null || DatumGetInt32(value) == 0) && per_capita_null && computed_at_null)
				continue;
		}
		ids[(*count)++] = DatumGetInt64(id);
	}
	ExecDropSingleTupleTableSlot(slot);
}

/*
 * Trigger of a registry's member and household tables (statement level,
 * with transition tables): recomputes each household the statement touched
 * once, the old and the new household of a moved member alike.
 */
Datum
registry_refresh(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	Registry	registry;
	bool		on_member;
	bool		wants_new;
	bool		wants_old;
	Tuplestorestate *old_rows;
	Tuplestorestate *new_rows;
	int64	   *ids;
	int64		count = 0;
	int64		distinct = 0;
	int64		i;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_FOR_STATEMENT(trigdata->tg_event) ||
		!TRIGGER_FIRED_AFTER(trigdata->tg_event) || trigdata->tg_trigger->tgnargs != 1)
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("registry_refresh() must be called as an AFTER ... FOR EACH STATEMENT trigger with one argument")));
	on_member = strcmp(trigdata->tg_trigger->tgargs[0], "member") == 0;

	/* the registry's own update of the derived columns */
	if (!on_member && registry_writing > 0)
		return PointerGetDatum(NULL);

	/* the member trigger reads both tables of an update (a member may move) */
	wants_new = !TRIGGER_FIRED_BY_DELETE(trigdata->tg_event);
	wants_old = on_member && !TRIGGER_FIRED_BY_INSERT(trigdata->tg_event);
	new_rows = wants_new ? trigdata->tg_newtable : NULL;
	old_rows = wants_old ? trigdata->tg_oldtable : NULL;
	if ((wants_new && new_rows == NULL) || (wants_old && old_rows == NULL))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("registry_refresh() needs the transition tables of its trigger"),
				 errhint("Create the registry's triggers with povext.create_registry().")));
	ids = palloc(sizeof(int64) * (1 + (new_rows ? tuplestore_tuple_count(new_rows) : 0) +
								  (old_rows ? tuplestore_tuple_count(old_rows) : 0)));
	if (new_rows)
		TransitionIds(new_rows, trigdata->tg_relation, on_member ? "household" : "id",
					  !on_member && TRIGGER_FIRED_BY_INSERT(trigdata->tg_event), ids, &count);
	if (old_rows)
		TransitionIds(old_rows, trigdata->tg_relation, "household", false, ids, &count);
	if (count == 0)
		return PointerGetDatum(NULL);

	/* households in id order (the order locks are taken in), each once */
	qsort(ids, count, sizeof(int64), CompareInt64);
	for (i = 0; i < count; i++)
		if (distinct == 0 || ids[i] != ids[distinct - 1])
			ids[distinct++] = ids[i];

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	/* on a Citus shard, the queries name the co-located shards */
	OpenRegistry(&registry, fcinfo, get_namespace_name(RelationGetNamespace(trigdata->tg_relation)),
				 PovextMayBeShard(trigdata->tg_relation) ? RelationGetRelid(trigdata->tg_relation) : InvalidOid,
				 false, 0);
	ProcessHouseholds(&registry, ids, distinct, BATCH_WRITE, NULL, NULL);
	SPI_finish();
	return PointerGetDatum(NULL);
}

/* The owner of relation 'relid'. */
static Oid
RelationOwner(Oid relid)
{
	HeapTuple	tuple = SearchSysCache1(RELOID, ObjectIdGetDatum(relid));
	Oid			owner;

	if (!HeapTupleIsValid(tuple))
		elog(ERROR, "cache lookup failed for relation %u", relid);
	owner = ((Form_pg_class) GETSTRUCT(tuple))->relowner;
	ReleaseSysCache(tuple);
	return owner;
}

/* The table 'name' of the registry in schema 'namespace'; an error if it has no registry. */
static Oid
RegistryTable(Oid namespace, const char *schema, const char *name)
{
	Oid			relid = get_relname_relid(name, namespace);

	if (!OidIsValid(relid) || !OidIsValid(get_relname_relid("registry_setting", namespace)))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("schema \"%s\" has no povext registry", schema),
				 errhint("Create one with povext.create_registry('%s').", schema)));
	return relid;
}

/*
 * Refuses (42501, naming the registry) a role that could not recompute every
 * household of the registry: it lacks a privilege, or, with 'refuse_rls',
 * row-level security applies to it on a table the recomputation reads.
 * 'action' says what needed the recomputation, for the message.  With
 * 'settings_only', only what reading the registry's settings needs.
 */
static void
CheckRegistryWritable(Oid namespace, const char *schema, bool refuse_rls, bool settings_only,
					  const char *action)
{
	static const struct
	{
		const char *table;
		AclMode		mode;
		const char *privilege;
	}			needed[] = {
		{"registry_setting", ACL_SELECT, "SELECT"},
		{"household", ACL_SELECT, "SELECT"},
		{"household", ACL_UPDATE, "UPDATE"},
		{"member", ACL_SELECT, "SELECT"},
		{"household_status", ACL_SELECT, "SELECT"},
		{"household_status", ACL_INSERT, "INSERT"},
		{"household_status", ACL_UPDATE, "UPDATE"},
		{"household_status", ACL_DELETE, "DELETE"},
	};
	Oid			role = GetUserId();
	int			i;

	if (pg_namespace_aclcheck(namespace, role, ACL_USAGE) != ACLCHECK_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("permission denied to recompute registry \"%s\"", schema),
				 errdetail("%s recomputes households of registry \"%s\", and role \"%s\" lacks USAGE on its schema.",
						   action, schema, GetUserNameFromId(role, false)),
				 errhint("Grant the privileges, or set recompute_on_catalog_change to false in the registry's registry_setting.")));
	for (i = 0; i < (settings_only ? 1 : lengthof(needed)); i++)
	{
		Oid			relid = RegistryTable(namespace, schema, needed[i].table);

		if (pg_class_aclcheck(relid, role, needed[i].mode) != ACLCHECK_OK)
			ereport(ERROR,
					(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
					 errmsg("permission denied to recompute registry \"%s\"", schema),
					 errdetail("%s recomputes households of registry \"%s\", and role \"%s\" lacks %s on table %s.",
							   action, schema, GetUserNameFromId(role, false), needed[i].privilege,
							   quote_qualified_identifier(schema, needed[i].table)),
					 errhint("Grant the privileges, or set recompute_on_catalog_change to false in the registry's registry_setting.")));
		if (refuse_rls && check_enable_rls(relid, InvalidOid, true) == RLS_ENABLED)
			ereport(ERROR,
					(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
					 errmsg("row-level security of table %s hides households of registry \"%s\" from the recomputation",
							quote_qualified_identifier(schema, needed[i].table), schema),
					 errdetail("%s recomputes households of registry \"%s\", and row-level security applies to role \"%s\".",
							   action, schema, GetUserNameFromId(role, false)),
					 errhint("Do not force row-level security on the registry's owner, or set recompute_on_catalog_change to false in the registry's registry_setting.")));
	}
}

/* The schema argument of a registry function, which must not be NULL. */
static const char *
SchemaArgument(FunctionCallInfo fcinfo)
{
	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("registry schema must not be NULL")));
	return NameStr(*PG_GETARG_NAME(0));
}

/* Whether the registry of 'schema' is distributed by Citus. */
static bool
RegistryIsDistributed(const char *schema, Oid namespace)
{
	bool		distributed;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	distributed = PovextRegistryIsDistributed(schema, namespace);
	SPI_finish();
	return distributed;
}

/*
 * The shard and coordinator's catalog arguments (1 and 2) of the shard
 * functions, which must not be NULL.
 */
static Oid
ShardArguments(FunctionCallInfo fcinfo, Datum *catalog)
{
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("shard and catalog must not be NULL")));
	*catalog = PointerGetDatum(PG_DETOAST_DATUM(PG_GETARG_DATUM(2)));
	return PG_GETARG_OID(1);
}

/*
 * Recomputes every household of the registry of 'schema' (of its Citus shard
 * 'shard', computed with the coordinator's 'catalog', if valid), or only
 * those whose stored values differ from a fresh computation; returns how
 * many households were written.
 *
 * It locks the household table in EXCLUSIVE mode (writers of the registry
 * wait; readers do not), so that no other transaction changes what it reads:
 * it then reads each batch without row locks, with a snapshot taken after
 * the lock.  A role that row-level security applies to recomputes the
 * households it sees, locking their rows batch by batch instead.
 */
static int64
RecomputeHouseholds(FunctionCallInfo fcinfo, const char *schema, Oid shard, Datum catalog,
					bool as_of_given, DateADT as_of, bool only_due)
{
	Registry	registry;
	int64	   *ids;
	int64		count;
	int64		written;
	Oid			namespace = get_namespace_oid(schema, false);
	Oid			household = RegistryTable(namespace, schema, "household");
	bool		table_locked;

	CheckRegistryWritable(namespace, schema, false, false, "registry_recompute");
	table_locked = check_enable_rls(household, InvalidOid, true) != RLS_ENABLED;
	if (table_locked && !OidIsValid(shard))
		LockRelationOid(household, ExclusiveLock);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (OidIsValid(shard))
	{
		PovextCheckNodeCatalog(catalog, get_func_namespace(fcinfo->flinfo->fn_oid));
		OpenRegistry(&registry, fcinfo, schema, shard, as_of_given, as_of);
		if (table_locked)
			LockRelationOid(registry.relids[RELATION_HOUSEHOLD], ExclusiveLock);
	}
	/* in READ COMMITTED, see what was committed before the lock was granted */
	PushActiveSnapshot(GetTransactionSnapshot());
	if (!OidIsValid(shard))
		OpenRegistry(&registry, fcinfo, schema, InvalidOid, as_of_given, as_of);
	registry.table_locked = table_locked;
	ids = QueryIds(psprintf("SELECT id FROM %s ORDER BY 1", registry.tables[RELATION_HOUSEHOLD]), false, &count);
	if (only_due)
	{
		int64	   *due = palloc(sizeof(int64) * (count + 1));

		/* households due: those whose stored values differ, found without locks */
		count = ProcessHouseholds(&registry, ids, count, BATCH_COLLECT, &due, NULL);
		ids = due;
	}
	written = ProcessHouseholds(&registry, ids, count, BATCH_WRITE, NULL, NULL);
	PopActiveSnapshot();
	SPI_finish();
	return written;
}

/*
 * povext.registry_recompute(registry, as_of, only_due): recomputes every
 * household of a registry (RecomputeHouseholds), on each of its shards if
 * Citus distributes it.
 */
Datum
registry_recompute(PG_FUNCTION_ARGS)
{
	const char *schema = SchemaArgument(fcinfo);
	Oid			namespace = get_namespace_oid(schema, false);
	bool		as_of_given = !PG_ARGISNULL(1);
	DateADT		as_of = as_of_given ? PG_GETARG_DATEADT(1) : 0;
	bool		only_due = !PG_ARGISNULL(2) && PG_GETARG_BOOL(2);

	RegistryTable(namespace, schema, "household");
	if (RegistryIsDistributed(schema, namespace))
	{
		CheckRegistryWritable(namespace, schema, false, false, "registry_recompute");
		PG_RETURN_INT64(PovextDistributedRecompute(schema, get_func_namespace(fcinfo->flinfo->fn_oid),
												   as_of_given, as_of, only_due));
	}
	PG_RETURN_INT64(RecomputeHouseholds(fcinfo, schema, InvalidOid, (Datum) 0, as_of_given, as_of, only_due));
}

/*
 * povext.registry_shard_recompute(registry, shard, catalog, as_of, only_due):
 * registry_recompute on one Citus shard of a distributed registry, run there
 * by a distributed query of the coordinator.
 */
Datum
registry_shard_recompute(PG_FUNCTION_ARGS)
{
	const char *schema = SchemaArgument(fcinfo);
	Datum		catalog;
	Oid			shard = ShardArguments(fcinfo, &catalog);

	PG_RETURN_INT64(RecomputeHouseholds(fcinfo, schema, shard, catalog, !PG_ARGISNULL(3),
										PG_ARGISNULL(3) ? 0 : PG_GETARG_DATEADT(3),
										!PG_ARGISNULL(4) && PG_GETARG_BOOL(4)));
}

/*
 * Reports every household of the registry of 'schema' (of its Citus shard
 * 'shard', computed with the coordinator's 'catalog', if valid) whose stored
 * derived values differ from a fresh computation as of the reference date.
 */
static void
CheckHouseholds(FunctionCallInfo fcinfo, const char *schema, Oid shard, Datum catalog)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Registry	registry;
	int64	   *ids;
	int64		count;

	InitMaterializedSRF(fcinfo, 0);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (OidIsValid(shard))
		PovextCheckNodeCatalog(catalog, get_func_namespace(fcinfo->flinfo->fn_oid));
	OpenRegistry(&registry, fcinfo, schema, shard, false, 0);
	ids = QueryIds(psprintf("SELECT id FROM %s ORDER BY 1", registry.tables[RELATION_HOUSEHOLD]), true, &count);
	ProcessHouseholds(&registry, ids, count, BATCH_REPORT, NULL, rsinfo);
	SPI_finish();
}

/*
 * povext.registry_check(registry): CheckHouseholds, on each of its shards if
 * Citus distributes it.
 */
Datum
registry_check(PG_FUNCTION_ARGS)
{
	const char *schema = SchemaArgument(fcinfo);
	Oid			namespace = get_namespace_oid(schema, false);

	if (RegistryIsDistributed(schema, namespace))
	{
		InitMaterializedSRF(fcinfo, 0);
		PovextDistributedCheck(schema, get_func_namespace(fcinfo->flinfo->fn_oid),
							   (ReturnSetInfo *) fcinfo->resultinfo);
	}
	else
		CheckHouseholds(fcinfo, schema, InvalidOid, (Datum) 0);
	return (Datum) 0;
}

/*
 * povext.registry_shard_check(registry, shard, catalog): registry_check on
 * one Citus shard of a distributed registry, run there by a distributed
 * query of the coordinator.
 */
Datum
registry_shard_check(PG_FUNCTION_ARGS)
{
	const char *schema = SchemaArgument(fcinfo);
	Datum		catalog;
	Oid			shard = ShardArguments(fcinfo, &catalog);

	CheckHouseholds(fcinfo, schema, shard, catalog);
	return (Datum) 0;
}

/* What the registry's values depend on in one catalog table. */
typedef struct CatalogTableSpec
{
	const char *table;
	const char *standard_column;	/* code of the standard the row belongs to */
	const char *scope_column;	/* NULL: the standard's scope */
	const char *area_column;	/* NULL: the row applies to every area */
	const char *relevant[8];	/* columns the derived values depend on */
	const char *in_force[5];	/* columns deciding the standard in force */
	bool		in_force_on_update_only;	/* a new or deleted row has no lines yet, or any more */
} CatalogTableSpec;

static const CatalogTableSpec catalog_specs[] = {
	{"standard", "code", "scope", NULL,
	{"code", "scope", "unit", "rule", "minimum_deprivations"}, {"code", "scope", "rule"}, true},
	{"standard_line", "standard", "scope", "area",
		{"standard", "scope", "area", "in_force", "poor_line", "near_poor_line", "middle_line"},
	{"standard", "scope", "area", "in_force"}, false},
	{"standard_indicator", "standard", NULL, NULL,
	{"standard", "indicator", "weight_numerator", "weight_denominator"}, {NULL}, false},
	{"indicator_cutoff", "standard", NULL, NULL,
	{"standard", "indicator", "parameter", "value"}, {NULL}, false},
};

/* One row of a transition table, as the texts the spec names. */
typedef struct CatalogRow
{
	char	   *standard;
	char	   *scope;			/* NULL if the table has none */
	char	   *area;			/* NULL: every area */
	char	   *relevant_key;
	char	   *in_force_key;	/* NULL if the table has no in-force columns */
} CatalogRow;

/* What a catalog statement changed, as parameters of the candidate query. */
typedef struct CatalogChange
{
	int			count;			/* standards whose households to recompute */
	Datum	   *standards;
	Datum	   *standard_areas;
	bool	   *standard_areas_null;
	int			pair_count;		/* (scope, area) whose standard in force may change */
	char	  **pair_scopes;
	Area	   *pair_areas;
	int			scope_count;	/* scopes of the registries affected; -1 all */
	char	  **scopes;
} CatalogChange;

/* The text of column 'name' of the row in 'slot', or NULL. */
static char *
SlotText(TupleTableSlot *slot, const char *name)
{
	TupleDesc	desc = slot->tts_tupleDescriptor;
	int			attnum = SPI_fnumber(desc, name);
	Oid			output;
	bool		varlena;
	bool		isnull;
	Datum		value;

	if (attnum <= 0)
		elog(ERROR, "catalog table has no column \"%s\"", name);
	value = slot_getattr(slot, attnum, &isnull);
	if (isnull)
		return NULL;
	getTypeOutputInfo(TupleDescAttr(desc, attnum - 1)->atttypid, &output, &varlena);
	return OidOutputFunctionCall(output, value);
}

/* The texts of 'columns' of the row in 'slot', joined (NULL columns marked). */
static char *
SlotKey(TupleTableSlot *slot, const char *const *columns, int count)
{
	StringInfoData key;
	int			i;

	initStringInfo(&key);
	for (i = 0; i < count && columns[i]; i++)
	{
		char	   *text = SlotText(slot, columns[i]);

		appendStringInfo(&key, "%s\x1f", text ? text : "\x1e");
	}
	return key.data;
}

/* The rows of a transition table of a catalog table. */
static CatalogRow *
CatalogRows(Tuplestorestate *rows, Relation relation, const CatalogTableSpec *spec, int *count)
{
	TupleTableSlot *slot = MakeSingleTupleTableSlot(RelationGetDescr(relation), &TTSOpsMinimalTuple);
	CatalogRow *result = palloc0(sizeof(CatalogRow) * (tuplestore_tuple_count(rows) + 1));
	int			n = 0;

	tuplestore_select_read_pointer(rows, tuplestore_alloc_read_pointer(rows, EXEC_FLAG_REWIND));
	tuplestore_rescan(rows);
	while (tuplestore_gettupleslot(rows, true, false, slot))
	{
		CatalogRow *row = &result[n++];

		row->standard = SlotText(slot, spec->standard_column);
		row->scope = spec->scope_column ? SlotText(slot, spec->scope_column) : NULL;
		row->area = spec->area_column ? SlotText(slot, spec->area_column) : NULL;
		row->relevant_key = SlotKey(slot, spec->relevant, lengthof(spec->relevant));
		row->in_force_key = spec->in_force[0] ? SlotKey(slot, spec->in_force, lengthof(spec->in_force)) : NULL;
	}
	ExecDropSingleTupleTableSlot(slot);
	*count = n;
	return result;
}

/* Whether one of rows[0..count) has 'key' (by which of its keys). */
static bool
HasKey(const CatalogRow *rows, int count, const char *key, bool in_force)
{
	int			i;

	for (i = 0; i < count; i++)
		if (strcmp(in_force ? rows[i].in_force_key : rows[i].relevant_key, key) == 0)
			return true;
	return false;
}

/* Adds a scope whose registries the change affects (NULL: unknown, all). */
static void
AddScope(CatalogChange *change, const char *scope)
{
	int			i;

	if (change->scope_count < 0)
		return;
	if (scope == NULL)
	{
		change->scope_count = -1;
		return;
	}
	for (i = 0; i < change->scope_count; i++)
		if (strcmp(change->scopes[i], scope) == 0)
			return;
	change->scopes[change->scope_count++] = pstrdup(scope);
}

/*
 * Adds what rows[0..count) changed; 'others' are the rows on the other side
 * of an UPDATE (a row also there, in the columns that matter, changed
 * nothing the registry depends on), NULL for INSERT and DELETE.
 */
static void
AddCatalogRows(CatalogChange *change, const PovextCatalog *catalog, const CatalogTableSpec *spec,
			   const CatalogRow *rows, int count, const CatalogRow *others, int other_count)
{
	int			i;

	for (i = 0; i < count; i++)
	{
		const CatalogRow *row = &rows[i];
		const char *scope = row->scope;

		if (scope == NULL && row->standard)
		{
			const Standard *standard = PovextStandardByCode(catalog, row->standard, strlen(row->standard));

			scope = standard ? standard->scope : NULL;
		}
		if (!others || !HasKey(others, other_count, row->relevant_key, false))
		{
			change->standards[change->count] = CStringGetTextDatum(row->standard);
			change->standard_areas_null[change->count] = row->area == NULL;
			change->standard_areas[change->count] = row->area ? CStringGetTextDatum(row->area) : (Datum) 0;
			change->count++;
			AddScope(change, scope);
		}
		if (row->in_force_key && row->scope &&
			(others ? !HasKey(others, other_count, row->in_force_key, true) : !spec->in_force_on_update_only))
		{
			int			a;

			for (a = 0; a < AREA_COUNT; a++)
				if (row->area == NULL || strcmp(row->area, PovextAreaName(a)) == 0)
				{
					change->pair_scopes[change->pair_count] = pstrdup(row->scope);
					change->pair_areas[change->pair_count++] = a;
				}
			AddScope(change, row->scope);
		}
	}
}

/* A text[] of 'values' (NULL where 'nulls' says). */
static Datum
TextArray(Datum *values, bool *nulls, int count)
{
	int			dims[1] = {count};
	int			lbs[1] = {1};

	return PointerGetDatum(construct_md_array(values, nulls, 1, dims, lbs, TEXTOID, -1, false, TYPALIGN_INT));
}

/*
 * The households of a registry the change affects, found with the latest
 * snapshot (after the lock on the household table, nothing can change them
 * any more): those whose stored status is under a changed standard (of the
 * row's area, if it has one), and those whose stored standard of a scope is
 * no longer the one in force for their area.
 */
static int64 *
AffectedHouseholds(Registry *registry, const CatalogChange *change, int64 *count)
{
	int			pairs = 0;
	Datum	   *pair_scopes = palloc(sizeof(Datum) * (change->pair_count + 1));
	Datum	   *pair_areas = palloc(sizeof(Datum) * (change->pair_count + 1));
	Datum	   *pair_standards = palloc(sizeof(Datum) * (change->pair_count + 1));
	bool	   *pair_nulls = palloc0(sizeof(bool) * (change->pair_count + 1));
	bool	   *standard_nulls = palloc(sizeof(bool) * (change->pair_count + 1));
	Datum		args[5];
	Oid			types[5] = {TEXTARRAYOID, TEXTARRAYOID, TEXTARRAYOID, TEXTARRAYOID, TEXTARRAYOID};
	char	   *query;
	int			i;

	for (i = 0; i < change->pair_count; i++)
	{
		int			scope;

		for (scope = 0; scope < registry->scope_count; scope++)
			if (strcmp(registry->scopes[scope], change->pair_scopes[i]) == 0)
			{
				const Standard *standard = StandardInForce(registry, scope, change->pair_areas[i]);

				pair_scopes[pairs] = CStringGetTextDatum(change->pair_scopes[i]);
				pair_areas[pairs] = CStringGetTextDatum(PovextAreaName(change->pair_areas[i]));
				standard_nulls[pairs] = standard == NULL;
				pair_standards[pairs] = standard ? CStringGetTextDatum(standard->code) : (Datum) 0;
				pairs++;
			}
	}
	args[0] = TextArray(change->standards, NULL, change->count);
	args[1] = TextArray(change->standard_areas, change->standard_areas_null, change->count);
	args[2] = TextArray(pair_scopes, NULL, pairs);
	args[3] = TextArray(pair_areas, NULL, pairs);
	args[4] = TextArray(pair_standards, standard_nulls, pairs);
	(void) pair_nulls;

	query = psprintf("SELECT s.household FROM %1$s.household_status AS s"
					 " JOIN %1$s.household AS h ON h.id OPERATOR(pg_catalog.=) s.household"
					 " JOIN ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2)) AS c(standard, area)"
					 " ON s.standard OPERATOR(pg_catalog.=) c.standard"
					 " AND (c.area IS NULL OR h.area::pg_catalog.text OPERATOR(pg_catalog.=) c.area)"
					 " UNION"
					 " SELECT h.id FROM %1$s.household AS h"
					 " JOIN ROWS FROM (pg_catalog.unnest($3), pg_catalog.unnest($4), pg_catalog.unnest($5))"
					 " AS p(scope, area, standard) ON h.area::pg_catalog.text OPERATOR(pg_catalog.=) p.area"
					 " WHERE h.members OPERATOR(pg_catalog.>) 0 AND CASE WHEN p.standard IS NULL"
					 " THEN EXISTS (SELECT FROM %1$s.household_status AS s WHERE s.household OPERATOR(pg_catalog.=) h.id"
					 " AND s.scope OPERATOR(pg_catalog.=) p.scope)"
					 " ELSE NOT EXISTS (SELECT FROM %1$s.household_status AS s WHERE s.household OPERATOR(pg_catalog.=) h.id"
					 " AND s.scope OPERATOR(pg_catalog.=) p.scope AND s.standard OPERATOR(pg_catalog.=) p.standard) END"
					 " ORDER BY 1", registry->schema);
	if (SPI_execute_snapshot(SPI_prepare(query, 5, types), args, NULL, GetLatestSnapshot(), InvalidSnapshot,
							 true, false, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not find the households a catalog change affects");
	return ResultIds(count);
}

/* Whether the registry follows a scope the change affects. */
static bool
FollowsChangedScope(const Registry *registry, const CatalogChange *change)
{
	int			i;
	int			j;

	if (change->scope_count < 0)
		return true;
	for (i = 0; i < registry->scope_count; i++)
		for (j = 0; j < change->scope_count; j++)
			if (strcmp(registry->scopes[i], change->scopes[j]) == 0)
				return true;
	return false;
}

/*
 * Whether a catalog change must recompute the distributed registry of
 * 'schema': it does not defer (recompute_on_catalog_change), and follows a
 * scope the change affects.  Inside SPI.
 */
static bool
DistributedRegistryRecomputes(const char *schema, const CatalogChange *change)
{
	Registry	registry;
	Datum	   *scopes;
	bool		isnull;
	int			i;

	if (SPI_execute(psprintf("SELECT NOT recompute_on_catalog_change, followed_scopes FROM %s",
							 quote_qualified_identifier(schema, "registry_setting")), true, 0) != SPI_OK_SELECT ||
		SPI_processed != 1)
		elog(ERROR, "could not read the settings of registry \"%s\"", schema);
	CheckColumnTypes(quote_qualified_identifier(schema, "registry_setting"), (Oid[]) {BOOLOID, TEXTARRAYOID}, 2);
	if (DatumGetBool(Column(0, 1, &isnull)))
		return false;
	deconstruct_array(DatumGetArrayTypeP(Column(0, 2, &isnull)), TEXTOID, -1, false, TYPALIGN_INT,
					  &scopes, NULL, &registry.scope_count);
	registry.scopes = palloc(sizeof(char *) * Max(registry.scope_count, 1));
	for (i = 0; i < registry.scope_count; i++)
		registry.scopes[i] = TextDatumGetCString(scopes[i]);
	SPI_freetuptable(SPI_tuptable);
	return FollowsChangedScope(&registry, change);
}

/* What a catalog change is doing, for the context line of its errors. */
typedef struct CatalogChangeContext
{
	const char *registry;
	const char *table;
} CatalogChangeContext;

/*
 * Names the registry whose recomputation failed, so that a DBA whose
 * catalog change it refused knows which registry to repair or defer.
 */
static void
CatalogChangeErrorContext(void *arg)
{
	CatalogChangeContext *context = arg;

	errcontext("recomputing registry \"%s\" after a change of povext.%s", context->registry, context->table);
}

/*
 * Trigger of the catalog tables (statement level, with transition tables,
 * the table's name as argument): recomputes, in the statement's transaction,
 * the households of every registry of povext.registry that the change
 * affects, unless the registry defers (recompute_on_catalog_change false).
 * Each registry's household table is locked in EXCLUSIVE mode first: its
 * writers wait for this transaction, and those that were running have
 * committed, so the households found are all there are.
 */
Datum
registry_catalog_changed(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	const CatalogTableSpec *spec = NULL;
	Tuplestorestate *old_table;
	Tuplestorestate *new_table;
	CatalogRow *old_rows = NULL;
	CatalogRow *new_rows = NULL;
	int			old_count = 0;
	int			new_count = 0;
	CatalogChange change;
	const PovextCatalog *catalog;
	char	   *query;
	char	  **schemas;
	uint64		schema_count;
	uint64		r;
	int			i;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_FOR_STATEMENT(trigdata->tg_event) ||
		!TRIGGER_FIRED_AFTER(trigdata->tg_event) || trigdata->tg_trigger->tgnargs != 1)
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("registry_catalog_changed() must be called as an AFTER ... FOR EACH STATEMENT trigger with one argument")));
	for (i = 0; i < lengthof(catalog_specs); i++)
		if (strcmp(catalog_specs[i].table, trigdata->tg_trigger->tgargs[0]) == 0)
			spec = &catalog_specs[i];
	if (spec == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("registry_catalog_changed() does not know catalog table \"%s\"",
						trigdata->tg_trigger->tgargs[0])));
	old_table = TRIGGER_FIRED_BY_INSERT(trigdata->tg_event) ? NULL : trigdata->tg_oldtable;
	new_table = TRIGGER_FIRED_BY_DELETE(trigdata->tg_event) ? NULL : trigdata->tg_newtable;
	if ((old_table == NULL && !TRIGGER_FIRED_BY_INSERT(trigdata->tg_event)) ||
		(new_table == NULL && !TRIGGER_FIRED_BY_DELETE(trigdata->tg_event)))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("registry_catalog_changed() needs the transition tables of its trigger")));
	if ((old_table ? tuplestore_tuple_count(old_table) : 0) +
		(new_table ? tuplestore_tuple_count(new_table) : 0) == 0)
		return PointerGetDatum(NULL);

	/* see the statement's change */
	CommandCounterIncrement();
	PushActiveSnapshot(GetTransactionSnapshot());
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");

	/* the registries of the database, by name (a dropped or renamed schema is skipped) */
	query = psprintf("SELECT r.schema_name FROM %s.registry AS r ORDER BY r.schema_name COLLATE pg_catalog.\"C\"",
					 quote_identifier(get_namespace_name(get_func_namespace(fcinfo->flinfo->fn_oid))));
	if (SPI_execute(query, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read povext.registry");
	schemas = palloc(sizeof(char *) * (SPI_processed + 1));
	schema_count = 0;
	for (r = 0; r < SPI_processed; r++)
	{
		char	   *schema = SPI_getvalue(SPI_tuptable->vals[r], SPI_tuptable->tupdesc, 1);
		Oid			namespace = get_namespace_oid(schema, true);

		if (OidIsValid(namespace) && OidIsValid(get_relname_relid("registry_setting", namespace)))
			schemas[schema_count++] = schema;
	}
	SPI_freetuptable(SPI_tuptable);

	/*
	 * Without registries, the catalog is not read here: a catalog that
	 * cannot classify fails where it is used, as before registries existed.
	 */
	if (schema_count == 0)
	{
		SPI_finish();
		PopActiveSnapshot();
		return PointerGetDatum(NULL);
	}
	catalog = PovextGetCatalog();

	if (old_table)
		old_rows = CatalogRows(old_table, trigdata->tg_relation, spec, &old_count);
	if (new_table)
		new_rows = CatalogRows(new_table, trigdata->tg_relation, spec, &new_count);
	memset(&change, 0, sizeof(change));
	change.standards = palloc(sizeof(Datum) * (old_count + new_count + 1));
	change.standard_areas = palloc(sizeof(Datum) * (old_count + new_count + 1));
	change.standard_areas_null = palloc(sizeof(bool) * (old_count + new_count + 1));
	change.pair_scopes = palloc(sizeof(char *) * (old_count + new_count + 1) * AREA_COUNT);
	change.pair_areas = palloc(sizeof(Area) * (old_count + new_count + 1) * AREA_COUNT);
	change.scopes = palloc(sizeof(char *) * (old_count + new_count + 1) * 2);
	AddCatalogRows(&change, catalog, spec, old_rows, old_count, new_rows, new_table ? new_count : -1);
	AddCatalogRows(&change, catalog, spec, new_rows, new_count, old_rows, old_table ? old_count : -1);

	for (r = 0; r < schema_count && change.count + change.pair_count > 0; r++)
	{
		CatalogChangeContext context = {schemas[r], spec->table};
		ErrorContextCallback callback = {error_context_stack, CatalogChangeErrorContext, &context};
		Registry	registry;
		Oid			namespace = get_namespace_oid(schemas[r], false);
		Oid			household;
		int64	   *ids;
		int64		count;
		bool		isnull;
		bool		deferred;
		Oid			save_userid;
		int			save_sec_context;
		int			save_nestlevel;

		household = RegistryTable(namespace, schemas[r], "household");
		error_context_stack = &callback;

		/*
		 * A registry recomputes itself as its owner, as REFRESH MATERIALIZED
		 * VIEW runs as the view's owner: the role changing the catalog need
		 * not read the registry's personal data, and row-level security for
		 * ward officers does not hide households from the recomputation.  The
		 * restricted operation keeps the owner's code (its triggers) from
		 * leaving session state behind; the caller's identity and settings
		 * come back after each registry (and with the transaction on error).
		 */
		GetUserIdAndSecContext(&save_userid, &save_sec_context);
		SetUserIdAndSecContext(RelationOwner(household),
							   save_sec_context | SECURITY_LOCAL_USERID_CHANGE |
							   SECURITY_RESTRICTED_OPERATION);
		save_nestlevel = NewGUCNestLevel();

		CheckRegistryWritable(namespace, schemas[r], true, true, _("A change of the povext catalog"));

		/*
		 * A distributed registry: the households due on every shard (there
		 * is no cheaper way to find those the change affects).
		 */
		if (PovextRegistryIsDistributed(schemas[r], namespace))
		{
			if (DistributedRegistryRecomputes(schemas[r], &change))
			{
				CheckRegistryWritable(namespace, schemas[r], true, false, _("A change of the povext catalog"));
				PovextDistributedRecompute(schemas[r], get_func_namespace(fcinfo->flinfo->fn_oid), false, 0, true);
			}
			AtEOXact_GUC(false, save_nestlevel);
			SetUserIdAndSecContext(save_userid, save_sec_context);
			error_context_stack = callback.previous;
			continue;
		}
		OpenRegistry(&registry, fcinfo, schemas[r], InvalidOid, false, 0);
		if (SPI_execute(psprintf("SELECT NOT recompute_on_catalog_change FROM %s", registry.tables[RELATION_SETTING]),
						true, 0) != SPI_OK_SELECT || SPI_processed != 1)
			elog(ERROR, "could not read the settings of registry \"%s\"", schemas[r]);
		CheckColumnTypes(registry.tables[RELATION_SETTING], (Oid[]) {BOOLOID}, 1);
		deferred = DatumGetBool(Column(0, 1, &isnull));
		SPI_freetuptable(SPI_tuptable);
		if (FollowsChangedScope(&registry, &change) && !deferred)
		{
			CheckRegistryWritable(namespace, schemas[r], true, false, _("A change of the povext catalog"));
			LockRelationOid(household, ExclusiveLock);
			registry.table_locked = true;
			registry.missing_is_conflict = true;
			EnsureLatestCatalog(&registry);
			ids = AffectedHouseholds(&registry, &change, &count);
			ProcessHouseholds(&registry, ids, count, BATCH_WRITE, NULL, NULL);
		}

		AtEOXact_GUC(false, save_nestlevel);
		SetUserIdAndSecContext(save_userid, save_sec_context);
		error_context_stack = callback.previous;
	}
	SPI_finish();
	PopActiveSnapshot();
	return PointerGetDatum(NULL);
}
