/*
 * nls.h
 *	  Translation of povext's own messages: include it after the server's
 *	  headers in every file that reports errors.
 *
 * ereport() looks messages up in the catalog TEXTDOMAIN names, which elog.h
 * sets to the server's own; povext's catalog is povext-15 (po/, Makefile).
 * c.h's _() also looks in the server's catalog: strings povext formats
 * before reporting them (details built with psprintf, descriptions of
 * problems) are looked up in povext's catalog with this _() instead.
 */
#ifndef POVEXT_NLS_H
#define POVEXT_NLS_H

#include "postgres.h"

#undef TEXTDOMAIN
#define TEXTDOMAIN PG_TEXTDOMAIN("povext")

#undef _
#define _(x) dgettext(TEXTDOMAIN, x)

/*
 * A word marked for translation but passed untranslated, for a function
 * that translates it only when it reports an error: a lookup per row costs
 * more than the row's own work.
 */
#define N_(x) (x)

#endif							/* POVEXT_NLS_H */
