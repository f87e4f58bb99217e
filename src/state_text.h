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
 * numbers, strings, booleans, null, or arrays of these and of arrays.  The
 * caller names the members it knows and walks them; every problem is
 * reported as 22P02 naming the type and what was wrong.  Every state's text
 * may carry "version": its format version (see PovextStateTextBegin).
 */
typedef struct StateTextReader
{
	const char *type_name;
	const char *input;
	const char *p;
	bool		first;			/* no member or element read yet */
	int			format_version; /* the only format this release reads */
	const char *const *keys;	/* members of the type, at most 32 */
	int			key_count;
	uint64		seen;			/* bits of the keys read */
} StateTextReader;

extern void PovextStateTextBegin(StateTextReader *reader, const char *type_name, const char *input,
								 int format_version, const char *const *keys, int key_count);
extern int	PovextStateTextNextMember(StateTextReader *reader, const char **key);
extern void PovextStateTextEnd(StateTextReader *reader, uint32 optional);
extern bool PovextStateTextReadNull(StateTextReader *reader);
extern bool PovextStateTextReadBool(StateTextReader *reader, const char *key);
extern float8 PovextStateTextReadFloat8(StateTextReader *reader, const char *key);
extern int128 PovextStateTextReadInt128(StateTextReader *reader, const char *key);
extern int64 PovextStateTextReadInteger(StateTextReader *reader, const char *key, int64 min, int64 max);
extern char *PovextStateTextReadString(StateTextReader *reader, const char *key);
extern int64 PovextStateTextReadMicro(StateTextReader *reader, const char *key);
extern void PovextStateTextBeginArray(StateTextReader *reader, const char *key);
extern bool PovextStateTextNextElement(StateTextReader *reader);
extern void PovextStateTextError(StateTextReader *reader, const char *detail) pg_attribute_noreturn();

extern void PovextStateBinaryError(const char *type_name, const char *detail) pg_attribute_noreturn();

extern void PovextStateTextStart(StringInfo out, int format_version);
extern void PovextAppendFloat8Exact(StringInfo out, float8 value);
extern void PovextAppendInt128(StringInfo out, int128 value);
extern char *PovextFloat8TextExact(float8 value);

#endif							/* POVEXT_STATE_TEXT_H */
