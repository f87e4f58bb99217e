/*
 * state_text.h
 *	  What povext's aggregate state types (af_state, fgt_state, sample_state)
 *	  share: the JSON text form (a reader for flat objects, exact writers of
 *	  float8 and 128-bit integers), binary format versions, and the rule by
 *	  which transition and combine functions allocate states.
 */
#ifndef POVEXT_STATE_TEXT_H
#define POVEXT_STATE_TEXT_H

#include "postgres.h"

#include "fmgr.h"
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
	int			format_version; /* the newest format this release reads */
	int			oldest_version; /* the oldest one, also that of text without "version" */
	int			version;		/* the format of the text read (once its "version" is read) */
	const char *const *keys;	/* members of the type, at most 32 */
	int			key_count;
	uint64		seen;			/* bits of the keys read */
} StateTextReader;

extern void PovextStateTextBegin(StateTextReader *reader, const char *type_name, const char *input,
								 int format_version, const char *const *keys, int key_count);
extern void PovextStateTextBeginVersions(StateTextReader *reader, const char *type_name, const char *input,
										 int oldest_version, int format_version,
										 const char *const *keys, int key_count);
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
extern void PovextStateTextCheck(StateTextReader *reader, const char *problem);

extern void PovextStateBinaryError(const char *type_name, const char *detail) pg_attribute_noreturn();
extern void PovextStateBinaryCheck(const char *type_name, const char *problem);
extern void PovextStateBinaryVersion(StringInfo buf, const char *type_name, int format_version,
									 bool reads_unversioned);

extern void PovextStateTextStart(StringInfo out, int format_version);
extern void PovextAppendFloat8Exact(StringInfo out, float8 value);
extern void PovextAppendFloat8Member(StringInfo out, const char *key, bool present, float8 value);
extern void PovextAppendInt128(StringInfo out, int128 value);
extern char *PovextFloat8TextExact(float8 value);

/*
 * The allocation rule of the state types.  A transition or combine function
 * changes the state of its first argument only through
 * PovextStateHasRoom and PovextStateCopy, so that:
 *	- the argument is always detoasted (PG_DETOAST_DATUM, in the types'
 *	  PG_GETARG macros): whatever aggregate the function is plugged into (a
 *	  user's moving aggregate whose inverse returns a stored value, say) may
 *	  hand over a compressed, short-header or out-of-line value;
 *	- in an aggregate (AggCheckCallContext), the transition value is updated
 *	  in place when it has room, else a bigger copy is returned (nodeAgg
 *	  copies it into the aggregate's context and frees the old value);
 *	- outside an aggregate (operator +, a direct call), a copy is made: the
 *	  argument belongs to the caller;
 *	- a value whose VARSIZE does not match the capacity its header claims is
 *	  copied first, so that no write goes past its end.
 * Copies are made in the current (per-call) memory context.
 */
extern bool PovextStateHasRoom(FunctionCallInfo fcinfo, const void *state, Size allocated, Size needed);
extern int64 PovextStateCapacity(FunctionCallInfo fcinfo, int64 needed, int64 capacity, int64 limit);
extern void *PovextStateCopy(const void *state, Size used, Size size);

#endif							/* POVEXT_STATE_TEXT_H */
