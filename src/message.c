/*
 * message.c
 *	  povext.message(): translation of the messages that povext's SQL and
 *	  PL/pgSQL functions raise.
 *
 * PL/pgSQL's RAISE does not translate, so povext's functions raise
 * RAISE ... USING MESSAGE = povext.message('English text with %', arg):
 * the English text is looked up in povext's message catalog (the same one
 * as its C messages, see nls.h) for lc_messages, and each % is replaced by
 * the next argument, as RAISE does.  tools/po_sql.py extracts these
 * literals from sql/ into po/povext.pot.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "nls.h"

PG_FUNCTION_INFO_V1(povext_message);

/* Counts the placeholders of a message: each % not part of a %%. */
static int
povext_message_placeholders(const char *text)
{
	int			count = 0;

	for (const char *p = text; *p; p++)
	{
		if (*p != '%')
			continue;
		if (p[1] == '%')
			p++;
		else
			count++;
	}
	return count;
}

/*
 * Translates a message of povext's SQL functions and puts its arguments in
 * its placeholders (% is the next argument, NULL as <NULL> like RAISE, %%
 * a percent sign).  The argument count is checked against the English text,
 * so a wrong call fails in every language; a translation whose placeholders
 * do not match the English ones is not used (it would drop or misplace a
 * fact).
 */
Datum
povext_message(PG_FUNCTION_ARGS)
{
	text	   *msgid_text = PG_GETARG_TEXT_PP(0);
	char	   *msgid = text_to_cstring(msgid_text);
	const char *translated;
	Datum	   *args = NULL;
	bool	   *arg_nulls = NULL;
	int			nargs = 0;
	int			nplaceholders;
	int			next = 0;
	StringInfoData result;

	if (PG_NARGS() > 1)
	{
		ArrayType  *array = PG_GETARG_ARRAYTYPE_P(1);

		if (ARR_NDIM(array) > 1)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("arguments of a message must be a one-dimensional array")));
		deconstruct_array(array, TEXTOID, -1, false, TYPALIGN_INT,
						  &args, &arg_nulls, &nargs);
	}

	/* as RAISE does, too few and too many arguments are errors */
	nplaceholders = povext_message_placeholders(msgid);
	if (nargs < nplaceholders)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("too few arguments for message \"%s\"", msgid),
				 errdetail("Each %% of a message takes an argument, and %%%% is a percent sign.")));
	if (nargs > nplaceholders)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("too many arguments for message \"%s\"", msgid),
				 errdetail("Each %% of a message takes an argument, and %%%% is a percent sign.")));

	/*
	 * gettext returns the catalog's header for an empty msgid, so that one
	 * is not looked up.
	 */
	translated = msgid[0] == '\0' ? msgid : _(msgid);
	if (translated != msgid && povext_message_placeholders(translated) != nplaceholders)
		translated = msgid;

	initStringInfo(&result);
	for (const char *p = translated; *p; p++)
	{
		if (*p != '%')
			appendStringInfoChar(&result, *p);
		else if (p[1] == '%')
		{
			appendStringInfoChar(&result, '%');
			p++;
		}
		else if (arg_nulls[next])
		{
			appendStringInfoString(&result, "<NULL>");
			next++;
		}
		else
		{
			/* text_to_cstring detoasts the element */
			appendStringInfoString(&result,
								   text_to_cstring(DatumGetTextPP(args[next])));
			next++;
		}
	}
	PG_RETURN_TEXT_P(cstring_to_text_with_len(result.data, result.len));
}
