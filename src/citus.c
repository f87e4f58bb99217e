/*
 * citus.c
 *	  What povext's registry does when Citus has distributed its tables.
 *
 * povext.distribute_registry() makes a registry's small tables reference
 * tables and distributes its household table by id, with member,
 * household_status and status_history co-located by household, so that a
 * household and everything derived from it are in one shard index.  Its
 * triggers then fire on the shards: there the registry's tables must be
 * named by their co-located shards (the logical names are distributed
 * tables, which a query on a shard cannot use), found here through Citus's
 * metadata, which every node has.
 *
 * Recomputation and the check run on every shard inside the caller's
 * distributed transaction: one distributed query over the registry's
 * registry_shard table, which has one row in each shard, calls the shard's
 * function once per shard (registry_shard_recompute, registry_shard_check).
 * That query joins povext_citus.catalog, the reference table through which
 * the coordinator writes its catalog to every node: a node's placement of it
 * written earlier in the transaction (a catalog change) is then read over
 * the same connection, which sees the catalog applied there, and the shard's
 * function checks that its node's catalog is the one given.
 *
 * A registry with other Citus tables (distributed by hand) is refused.
 */
#include "postgres.h"

#include "catalog/namespace.h"
#include "catalog/pg_namespace.h"
#include "catalog/pg_collation.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/tuplestore.h"

#include "povext_citus.h"

const char *const PovextRegistryRelationNames[RELATION_COUNT] = {
	"household", "member", "household_status", "registry_setting"
};

/* Whether Citus's metadata exists in this database. */
static bool
CitusInstalled(void)
{
	return OidIsValid(get_relname_relid("pg_dist_shard", PG_CATALOG_NAMESPACE));
}

/*
 * Whether the registry of schema 'schema' (namespace 'namespace') was
 * distributed by povext.distribute_registry(); refuses a registry of which
 * other tables are Citus tables (their triggers would fire on shards that
 * povext cannot name).  Runs inside SPI.
 */
bool
PovextRegistryIsDistributed(const char *schema, Oid namespace)
{
	Oid			argtypes[1] = {OIDOID};
	Datum		args[1];
	bool		isnull;
	char	   *table;

	/* without Citus there is no metadata to look at, and nothing to query */
	if (!CitusInstalled())
		return false;

	args[0] = ObjectIdGetDatum(namespace);
	if (SPI_execute_with_args("SELECT c.relname::pg_catalog.text,"
							  " pg_catalog.bool_or(c.relname OPERATOR(pg_catalog.=) 'registry_shard') OVER ()"
							  " FROM pg_catalog.pg_dist_partition AS p"
							  " JOIN pg_catalog.pg_class AS c ON c.oid OPERATOR(pg_catalog.=) p.logicalrelid"
							  " WHERE c.relnamespace OPERATOR(pg_catalog.=) $1"
							  " ORDER BY c.relname COLLATE pg_catalog.\"C\" LIMIT 1",
							  1, argtypes, args, NULL, true, 1) != SPI_OK_SELECT)
		elog(ERROR, "could not read the Citus metadata of registry \"%s\"", schema);
	if (SPI_processed == 0)
		return false;
	if (DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &isnull)))
		return true;
	table = TextDatumGetCString(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	ereport(ERROR,
			(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
			 errmsg("registry \"%s\" cannot be maintained on Citus shards", schema),
			 errdetail("Table %s.%s is a Citus table, but the registry was not distributed by povext.distribute_registry(), whose layout its triggers and recomputation need.",
					   quote_identifier(schema), quote_identifier(table)),
			 errhint("Make its tables plain tables again (undistribute_table) and distribute the registry with povext.distribute_registry().")));
	return false;				/* keep compiler quiet */
}

/*
 * Whether 'relation' may be a Citus shard: Citus is installed and its name
 * ends in _<digits>, as shard names do.  Cheap, so that the trigger of a
 * plain registry does not query Citus's metadata.
 */
bool
PovextMayBeShard(Relation relation)
{
	const char *name = RelationGetRelationName(relation);
	const char *end = name + strlen(name);
	const char *p = end;

	while (p > name && isdigit((unsigned char) p[-1]))
		p--;
	return p < end && p > name && p[-1] == '_' && CitusInstalled();
}

/*
 * Fills names[] (quoted and qualified) and relids[] (if not NULL) with the
 * tables of RegistryRelation that the registry's queries must name on shard
 * 'shard' of the registry of 'schema': the shards of its household, member
 * and household_status tables of the same shard index, and this node's
 * placement of its registry_setting reference table.  'shard' must be a
 * shard, on this node, of one of the registry's distributed tables.  Runs
 * inside SPI.
 */
void
PovextRegistryShardTables(Oid shard, const char *schema, Oid namespace, char **names, Oid *relids)
{
	static const char *const sharded[] = {"household", "member", "household_status", "registry_shard"};
	char	   *shard_name = get_rel_name(shard);
	char	   *suffix = shard_name ? strrchr(shard_name, '_') : NULL;
	Oid			logical = InvalidOid;
	Datum		tables[RELATION_COUNT];
	Datum		args[3];
	Oid			argtypes[3] = {INT8OID, OIDOID, OIDARRAYOID};
	uint64		row;
	int			i;

	if (suffix && CitusInstalled() && get_rel_namespace(shard) == namespace && strspn(suffix + 1, "0123456789") == strlen(suffix + 1) &&
		suffix[1] != '\0')
		for (i = 0; i < lengthof(sharded); i++)
			if (strlen(sharded[i]) == suffix - shard_name && strncmp(shard_name, sharded[i], suffix - shard_name) == 0)
				logical = get_relname_relid(sharded[i], namespace);
	for (i = 0; i < RELATION_COUNT; i++)
	{
		names[i] = NULL;
		tables[i] = ObjectIdGetDatum(get_relname_relid(PovextRegistryRelationNames[i], namespace));
	}
	if (OidIsValid(logical))
	{
		args[0] = Int64GetDatum(pg_strtoint64(suffix + 1));
		args[1] = ObjectIdGetDatum(logical);
		args[2] = PointerGetDatum(construct_array(tables, RELATION_COUNT, OIDOID, sizeof(Oid), true, TYPALIGN_INT));
		if (SPI_execute_with_args("SELECT o.logicalrelid::pg_catalog.oid, o.shardid"
								  " FROM pg_catalog.pg_dist_shard AS s"
								  " JOIN pg_catalog.pg_dist_shard AS o"
								  " ON o.logicalrelid::pg_catalog.oid OPERATOR(pg_catalog.=) ANY ($3)"
								  " AND (o.shardminvalue IS NULL OR o.shardminvalue OPERATOR(pg_catalog.=) s.shardminvalue)"
								  " WHERE s.shardid OPERATOR(pg_catalog.=) $1"
								  " AND s.logicalrelid::pg_catalog.oid OPERATOR(pg_catalog.=) $2",
								  3, argtypes, args, NULL, true, 0) != SPI_OK_SELECT)
			elog(ERROR, "could not read the Citus metadata of registry \"%s\"", schema);
		for (row = 0; row < SPI_processed; row++)
		{
			bool		isnull;
			Oid			table = DatumGetObjectId(SPI_getbinval(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, 1, &isnull));
			int64		shardid = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, 2, &isnull));

			for (i = 0; i < RELATION_COUNT; i++)
				if (DatumGetObjectId(tables[i]) == table)
				{
					char	   *name = psprintf("%s_" INT64_FORMAT, PovextRegistryRelationNames[i], shardid);
					Oid			relid = get_relname_relid(name, namespace);

					/* a placement on another node is not a table here */
					if (OidIsValid(relid))
					{
						names[i] = pstrdup(quote_qualified_identifier(schema, name));
						if (relids)
							relids[i] = relid;
					}
				}
		}
		SPI_freetuptable(SPI_tuptable);
	}
	for (i = 0; i < RELATION_COUNT; i++)
		if (names[i] == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_WRONG_OBJECT_TYPE),
					 errmsg("relation \"%s\" is not a shard of registry \"%s\" on this node",
							shard_name ? shard_name : "?", schema),
					 errdetail("No shard of %s on this node has the same shard index.",
							   quote_qualified_identifier(schema, PovextRegistryRelationNames[i]))));
}

/*
 * The fingerprint of this node's catalog: those of its tables
 * (povext.catalog_fingerprint(), which orders rows by their text), in table
 * order.  Runs inside SPI.
 */
static Datum
CatalogFingerprint(Oid povext_namespace)
{
	bool		isnull;
	Datum		fingerprint;

	if (SPI_execute(psprintf("SELECT pg_catalog.string_agg(f.fingerprint, ' ' ORDER BY f.catalog_table COLLATE pg_catalog.\"C\")"
							 " FROM %s.catalog_fingerprint() AS f",
							 quote_identifier(get_namespace_name(povext_namespace))),
					true, 1) != SPI_OK_SELECT || SPI_processed != 1)
		elog(ERROR, "could not read the fingerprint of the povext catalog");
	fingerprint = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	return isnull ? CStringGetTextDatum("") : PointerGetDatum(PG_DETOAST_DATUM_COPY(fingerprint));
}

/*
 * Refuses to compute a shard's households with a catalog other than the
 * coordinator's, whose fingerprint (CatalogFingerprint) is
 * 'coordinator_catalog'.  Runs inside SPI.
 */
void
PovextCheckNodeCatalog(Datum coordinator_catalog, Oid povext_namespace)
{
	if (!DatumGetBool(DirectFunctionCall2Coll(texteq, C_COLLATION_OID, coordinator_catalog,
											  CatalogFingerprint(povext_namespace))))
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("povext catalog of this node differs from the coordinator's"),
				 errdetail("A registry's shards are computed with the coordinator's catalog only."),
				 errhint("Find the differences with SELECT * FROM povext.citus_catalog_check(); on the coordinator.")));
}

/*
 * Refuses a distributed registry whose registry_shard table does not have
 * exactly one row in each of its shards (its shards were split or more were
 * made since it was distributed): some shards would be skipped.  Runs
 * inside SPI.
 */
static void
CheckShardRows(const char *schema)
{
	char	   *table = quote_qualified_identifier(schema, "registry_shard");
	bool		isnull;

	/* the shards of the rows found on the workers, compared on this node */
	if (SPI_execute(psprintf("WITH r AS MATERIALIZED (SELECT pg_catalog.get_shard_id_for_distribution_column(%s::pg_catalog.regclass, s.shard)"
							 " AS shardid FROM %s AS s)"
							 " SELECT pg_catalog.count(*) OPERATOR(pg_catalog.=) pg_catalog.count(DISTINCT r.shardid)"
							 " AND pg_catalog.count(DISTINCT r.shardid) OPERATOR(pg_catalog.=)"
							 " (SELECT pg_catalog.count(*) FROM pg_catalog.pg_dist_shard AS d"
							 " WHERE d.logicalrelid OPERATOR(pg_catalog.=) %s::pg_catalog.regclass)"
							 " FROM r",
							 quote_literal_cstr(table), table, quote_literal_cstr(table)),
					true, 1) != SPI_OK_SELECT || SPI_processed != 1)
		elog(ERROR, "could not count the shards of registry \"%s\"", schema);
	if (!DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull)))
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("registry \"%s\" has shards povext cannot reach", schema),
				 errdetail("Table %s must have one row in each shard of the registry.", table),
				 errhint("Run SELECT povext.distribute_registry('%s'); again after the registry's shards change.", schema)));
	SPI_freetuptable(SPI_tuptable);
}

/*
 * The distributed query that runs 'call' (a function of povext's schema
 * taking the registry's name, the shard and the coordinator's catalog
 * fingerprint, $1, then 'more') once on every shard, as the FROM item f.
 * Reading povext_citus.catalog makes the query use, on each node, the
 * connection that wrote the catalog there earlier in the transaction.
 */
static char *
ShardQuery(const char *select, const char *schema, Oid povext_namespace, const char *call, const char *more)
{
	return psprintf("SELECT %s FROM %s AS s CROSS JOIN povext_citus.catalog AS c"
					" CROSS JOIN LATERAL %s.%s(%s, s.tableoid, $1%s) AS f",
					select, quote_qualified_identifier(schema, "registry_shard"),
					quote_identifier(get_namespace_name(povext_namespace)), call,
					quote_literal_cstr(schema), more);
}

/*
 * Recomputes a distributed registry on every shard (as registry_recompute
 * does a plain one), in the caller's distributed transaction; returns how
 * many households were written.
 */
int64
PovextDistributedRecompute(const char *schema, Oid povext_namespace, bool as_of_given, DateADT as_of,
						   bool only_due)
{
	Oid			argtypes[3] = {TEXTOID, DATEOID, BOOLOID};
	Datum		args[3] = {0, DateADTGetDatum(as_of), BoolGetDatum(only_due)};
	char		nulls[4] = {' ', as_of_given ? ' ' : 'n', ' ', '\0'};
	bool		isnull;
	Datum		written;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	CheckShardRows(schema);
	args[0] = CatalogFingerprint(povext_namespace);

	/*
	 * Write every registry_shard row first: Citus then commits the shards'
	 * writes, made by a SELECT it takes as a read, with two-phase commit.
	 */
	if (SPI_execute(psprintf("UPDATE %s SET recomputed_at = pg_catalog.now()",
							 quote_qualified_identifier(schema, "registry_shard")), false, 0) != SPI_OK_UPDATE)
		elog(ERROR, "could not write the shards of registry \"%s\"", schema);
	if (SPI_execute_with_args(ShardQuery("pg_catalog.sum(f)::pg_catalog.int8", schema, povext_namespace,
										 "registry_shard_recompute", ", $2, $3"),
							  3, argtypes, args, nulls, false, 0) != SPI_OK_SELECT || SPI_processed != 1)
		elog(ERROR, "could not recompute the shards of registry \"%s\"", schema);
	written = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	SPI_finish();
	return isnull ? 0 : DatumGetInt64(written);
}

/*
 * Adds to 'report' the households of every shard of a distributed registry
 * whose stored derived values differ from a fresh computation.
 */
void
PovextDistributedCheck(const char *schema, Oid povext_namespace, ReturnSetInfo *report)
{
	Oid			argtypes[1] = {TEXTOID};
	Datum		fingerprint;
	uint64		row;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	CheckShardRows(schema);
	fingerprint = CatalogFingerprint(povext_namespace);
	if (SPI_execute_with_args(psprintf("%s ORDER BY 1", ShardQuery("f.household, f.stored, f.computed", schema,
																   povext_namespace, "registry_shard_check", "")),
							  1, argtypes, &fingerprint, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not check the shards of registry \"%s\"", schema);
	for (row = 0; row < SPI_processed; row++)
	{
		Datum		values[3];
		bool		nulls[3];
		int			i;

		for (i = 0; i < 3; i++)
			values[i] = SPI_getbinval(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, i + 1, &nulls[i]);
		tuplestore_putvalues(report->setResult, report->setDesc, values, nulls);
	}
	SPI_finish();
}
