/*
 * povext.c
 *	  Module entry point of povext.
 */
#include "postgres.h"

#include "fmgr.h"
#include "miscadmin.h"

#include "catalog_cache.h"
#include "nls.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

/*
 * Binds povext's message catalog and registers the catalog cache's
 * invalidation callback when the library loads.
 */
void
_PG_init(void)
{
	pg_bindtextdomain(TEXTDOMAIN);
	PovextCatalogInit();
}
