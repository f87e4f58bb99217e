/*
 * state_text.h
 *	  The JSON text form of povext's aggregate state types: a reader for
 *	  flat objects, and exact writers of float8 and 128-bit integers.
 */
#ifndef POVEXT_STATE_TEXT_H
#define POVEXT_STATE_TEXT_H

#include "postgres.h"

#include "lib/stringinfo.h"

/* Largest 128-bit integer (PostgreSQL 15 defines none). */
#define POVEXT_INT128_MAX		((int128) (((uint128) 1 << 127) - 1))

/*
 * Reader of the JSON text form of a state: an object whose members are
 * numbers, strings of digits, booleans, null, or arrays of numbers.  The
 * caller walks the members; every problem is reported as 22P02 naming the
 * type and what was wrong.
 */
typedef struct StateTextReader
{
	const char *type_name;
	const char *input;
	const char *p;
	bool		first;			/* no member or element read yet */
} StateTextReader;

extern void StateTextBegin(StateTextReader *reader, const char *type_name, const char *input);
extern bool StateTextNextMember(StateTextReader *reader, char **key);
extern void StateTextEnd(StateTextReader *reader);
extern bool StateTextReadNull(StateTextReader *reader);
extern bool StateTextReadBool(StateTextReader *reader, const char *key);
extern float8 StateTextReadFloat8(StateTextReader *reader, const char *key);
extern int128 StateTextReadInt128(StateTextReader *reader, const char *key);
extern void StateTextBeginArray(StateTextReader *reader, const char *key);
extern bool StateTextNextElement(StateTextReader *reader);
extern void StateTextError(StateTextReader *reader, const char *detail) pg_attribute_noreturn();

extern void AppendFloat8Exact(StringInfo out, float8 value);
extern void AppendInt128(StringInfo out, int128 value);
extern char *Float8TextExact(float8 value);

#endif							/* POVEXT_STATE_TEXT_H */
