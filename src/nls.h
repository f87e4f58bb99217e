/*
 * nls.h
 *	  Translation of povext's own messages.
 *
 * ereport() finds the catalog through TEXTDOMAIN (set in the Makefile), but
 * c.h's _() looks in the server's catalog: strings povext formats before
 * reporting them (details built with psprintf, descriptions of problems)
 * are looked up in povext's catalog with this _() instead.
 */
#ifndef POVEXT_NLS_H
#define POVEXT_NLS_H

#include "postgres.h"

#undef _
#define _(x) dgettext(TEXTDOMAIN, x)

#endif							/* POVEXT_NLS_H */
