/*
 * povext_citus.h
 *	  What povext's registry does when Citus has distributed its tables.
 */
#ifndef POVEXT_CITUS_H
#define POVEXT_CITUS_H

extern void PovextRefuseDistributedRegistry(const char *schema, Oid namespace);

#endif							/* POVEXT_CITUS_H */
