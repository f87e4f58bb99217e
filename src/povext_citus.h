/*
 * povext_citus.h
 *	  What povext's registry does when Citus has distributed its tables.
 */
#ifndef POVEXT_CITUS_H
#define POVEXT_CITUS_H

#include "fmgr.h"
#include "nodes/execnodes.h"
#include "utils/date.h"
#include "utils/rel.h"

/* The tables of a registry its queries read and write, by what they hold. */
typedef enum RegistryRelation
{
	RELATION_HOUSEHOLD,
	RELATION_MEMBER,
	RELATION_STATUS,
	RELATION_SETTING,
	RELATION_COUNT
} RegistryRelation;

/* Their names in a registry's schema, in RegistryRelation order. */
extern const char *const PovextRegistryRelationNames[RELATION_COUNT];

extern bool PovextRegistryIsDistributed(const char *schema, Oid namespace);
extern bool PovextMayBeShard(Relation relation);
extern void PovextRegistryShardTables(Oid shard, const char *schema, Oid namespace, char **names,
									  Oid *relids);
extern void PovextCheckNodeCatalog(Datum coordinator_catalog, Oid povext_namespace);
extern int64 PovextDistributedRecompute(const char *schema, Oid povext_namespace, bool as_of_given,
										DateADT as_of, bool only_due);
extern void PovextDistributedCheck(const char *schema, Oid povext_namespace, ReturnSetInfo *report);

#endif							/* POVEXT_CITUS_H */
