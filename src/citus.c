/*
 * citus.c
 *	  What povext's registry does when Citus has distributed its tables.
 *
 * The registry's triggers and its recomputation lock a batch of households,
 * read their members and write their statuses in one transaction, through
 * queries on the registry's tables by name.  On a Citus shard those names
 * are the distributed tables: the queries become distributed queries with
 * parameters, which Citus cannot plan from inside a shard ("could not create
 * distributed plan") or would have to run on other nodes.  Rather than
 * failing with Citus's message half-way through a statement, povext refuses
 * a distributed registry up front and says what works: the registry's
 * tables stay on the coordinator, and copies are distributed for analysis.
 */
#include "postgres.h"

#include "catalog/namespace.h"
#include "catalog/pg_namespace.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "povext_citus.h"

/*
 * Refuses the registry of schema 'schema' (namespace 'namespace') when one
 * of its tables is a Citus table.  Citus local tables are refused too: their
 * triggers also fire on a shard, and only plain tables on the coordinator
 * are tested.  Runs inside SPI.
 */
void
PovextRefuseDistributedRegistry(const char *schema, Oid namespace)
{
	Oid			argtypes[1] = {OIDOID};
	Datum		args[1];
	bool		isnull;
	char	   *table;

	/* without Citus there is no metadata to look at, and nothing to query */
	if (!OidIsValid(get_relname_relid("pg_dist_partition", PG_CATALOG_NAMESPACE)))
		return;

	args[0] = ObjectIdGetDatum(namespace);
	if (SPI_execute_with_args("SELECT c.relname::pg_catalog.text"
							  " FROM pg_catalog.pg_dist_partition AS p"
							  " JOIN pg_catalog.pg_class AS c ON c.oid OPERATOR(pg_catalog.=) p.logicalrelid"
							  " WHERE c.relnamespace OPERATOR(pg_catalog.=) $1"
							  " ORDER BY c.relname COLLATE pg_catalog.\"C\" LIMIT 1",
							  1, argtypes, args, NULL, true, 1) != SPI_OK_SELECT)
		elog(ERROR, "could not read the Citus metadata of registry \"%s\"", schema);
	if (SPI_processed == 0)
		return;
	table = TextDatumGetCString(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	ereport(ERROR,
			(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
			 errmsg("registry \"%s\" cannot be maintained on Citus shards", schema),
			 errdetail("Table %s.%s is a Citus table, and the registry's triggers and recomputation must lock and read households and members together, which a query on a shard cannot do.",
					   quote_identifier(schema), quote_identifier(table)),
			 errhint("Keep the registry's tables on the coordinator as plain tables (undistribute_table) and distribute a copy of its households for analysis, as the Citus chapter of the povext reference shows.")));
}
