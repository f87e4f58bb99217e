/*
 * povext.c
 *	  Module entry point of povext.
 */
#include "postgres.h"

#include "fmgr.h"

#include "catalog_cache.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

/* Registers the catalog cache's invalidation callback when the library loads. */
void
_PG_init(void)
{
	PovextCatalogInit();
}
