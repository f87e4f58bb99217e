/*
 * state_text.c
 *	  What povext's aggregate state types share.  Their JSON text form: a
 *	  reader for objects of numbers, digit strings, booleans, null and arrays
 *	  of numbers, and writers that print float8 and 128-bit integers exactly,
 *	  so that text -> value -> text is the identity.  The version byte of
 *	  their binary forms.  Their allocation rule (see state_text.h).
 */
#include "postgres.h"

#include <ctype.h>
#include <math.h>

#include "common/int.h"
#include "common/shortest_dec.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"

#include "fixed_point.h"
#include "nls.h"
#include "state_text.h"

/* Bit of StateTextReader.seen for the member "version" (the keys use the low 32). */
#define VERSION_SEEN		(UINT64CONST(1) << 63)

/* Longest part of a literal quoted in an error message, in bytes. */
#define QUOTED_INPUT_LIMIT	80

/* Skips JSON blanks. */
static const char *
SkipBlanks(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

/* The input as quoted in messages: cut to QUOTED_INPUT_LIMIT bytes on a character boundary. */
static const char *
QuotedInput(const char *input)
{
	int			length = strlen(input);

	if (length <= QUOTED_INPUT_LIMIT)
		return input;
	return psprintf("%.*s...", pg_mbcliplen(input, length, QUOTED_INPUT_LIMIT), input);
}

/* Reports malformed state text: 22P02, with what was wrong in the detail. */
void
PovextStateTextError(StateTextReader *reader, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type %s: \"%s\"",
					reader->type_name, QuotedInput(reader->input)),
			 errdetail("%s", detail)));
}

/* Reports a state in binary input that is malformed or inconsistent: 22P03, with the problem in the detail. */
void
PovextStateBinaryError(const char *type_name, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid %s in binary input", type_name),
			 errdetail("%s", detail)));
}

/* Reports a state read from text whose 'problem' (an invariant it breaks, see the types' *StateProblem) is not NULL. */
void
PovextStateTextCheck(StateTextReader *reader, const char *problem)
{
	if (problem)
		PovextStateTextError(reader, problem);
}

/* Reports a state read from binary input whose 'problem' is not NULL. */
void
PovextStateBinaryCheck(const char *type_name, const char *problem)
{
	if (problem)
		PovextStateBinaryError(type_name, problem);
}

/*
 * Reads the format version byte of a state's binary form and rejects any
 * version but 'format_version'; 'reads_unversioned' says that the type also
 * reads the form of povext 0.2.0, which had no version.
 */
void
PovextStateBinaryVersion(StringInfo buf, const char *type_name, int format_version, bool reads_unversioned)
{
	int			version = pq_getmsgbyte(buf);

	if (version != format_version)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("unsupported binary format version %d of %s", version, type_name),
				 reads_unversioned ?
				 errdetail("This version of povext reads version %d, and the unversioned form of povext 0.2.0.",
						   format_version) :
				 errdetail("This version of povext reads version %d.", format_version)));
}

/* Position of the reader in characters from 1, as PostgreSQL counts positions in messages. */
static int
Position(const StateTextReader *reader)
{
	return pg_mbstrlen_with_len(reader->input, reader->p - reader->input) + 1;
}

/*
 * Reports an unexpected character (or the end of the text) where 'expected'
 * should be.  The whole character is quoted: a lone byte of a multi-byte
 * character would make the message invalid in the client's encoding.
 */
static void
UnexpectedAt(StateTextReader *reader, const char *expected)
{
	int			length;

	if (*reader->p == '\0')
		PovextStateTextError(reader, psprintf(_("The text ends where %s should be."), expected));
	length = pg_mbcliplen(reader->p, strlen(reader->p), pg_mblen(reader->p));
	PovextStateTextError(reader, psprintf(_("Unexpected character \"%.*s\" at position %d where %s should be."),
									length, reader->p, Position(reader), expected));
}

/*
 * Starts reading 'input' as a JSON object of the members named in 'keys';
 * 'type_name' is used in messages.  A member "version" must equal
 * 'format_version'; text without one (written by povext 0.2.0) is read as
 * that format, the only one so far.
 */
void
PovextStateTextBegin(StateTextReader *reader, const char *type_name, const char *input,
					 int format_version, const char *const *keys, int key_count)
{
	PovextStateTextBeginVersions(reader, type_name, input, format_version, format_version, keys, key_count);
}

/*
 * PovextStateTextBegin for a type that reads the formats 'oldest_version'
 * to 'format_version': reader->version is the one the text names, or
 * 'oldest_version' (the form of povext 0.2.0) when it names none.  The
 * caller checks that the members it read belong to that format.
 */
void
PovextStateTextBeginVersions(StateTextReader *reader, const char *type_name, const char *input,
							 int oldest_version, int format_version,
							 const char *const *keys, int key_count)
{
	Assert(key_count <= 32 && oldest_version <= format_version);
	reader->type_name = type_name;
	reader->input = input;
	reader->format_version = format_version;
	reader->oldest_version = oldest_version;
	reader->version = oldest_version;
	reader->keys = keys;
	reader->key_count = key_count;
	reader->seen = 0;
	reader->first = true;
	reader->p = SkipBlanks(input);
	if (*reader->p != '{')
		UnexpectedAt(reader, "\"{\"");
	reader->p++;
}

/* Reads the next member's name and the colon after it into *key; false at the closing brace. */
static bool
NextKey(StateTextReader *reader, char **key)
{
	const char *start;

	reader->p = SkipBlanks(reader->p);
	if (*reader->p == '}')
	{
		reader->p++;
		return false;
	}
	if (!reader->first)
	{
		if (*reader->p != ',')
			UnexpectedAt(reader, _("\",\" or \"}\""));
		reader->p = SkipBlanks(reader->p + 1);
	}
	reader->first = false;
	if (*reader->p != '"')
		UnexpectedAt(reader, _("a quoted member name"));
	start = ++reader->p;
	while (*reader->p != '"')
	{
		if (*reader->p == '\0' || *reader->p == '\\' || (unsigned char) *reader->p < 0x20)
			UnexpectedAt(reader, _("a plain member name and its closing quote"));
		reader->p++;
	}
	*key = pnstrdup(start, reader->p - start);
	reader->p = SkipBlanks(reader->p + 1);
	if (*reader->p != ':')
		UnexpectedAt(reader, "\":\"");
	reader->p++;
	return true;
}

/*
 * Moves to the next member: returns its index in the reader's keys, with
 * *key its name, or -1 at the closing brace.  Unknown and repeated members
 * are errors; the format version is checked here and not returned.
 */
int
PovextStateTextNextMember(StateTextReader *reader, const char **key)
{
	char	   *name;
	int			i;

	while (NextKey(reader, &name))
	{
		if (strcmp(name, "version") == 0)
		{
			int64		version;

			if (reader->seen & VERSION_SEEN)
				PovextStateTextError(reader, _("Member \"version\" appears more than once."));
			reader->seen |= VERSION_SEEN;
			version = PovextStateTextReadInteger(reader, name, PG_INT32_MIN, PG_INT32_MAX);

			if (reader->oldest_version == reader->format_version && version != reader->format_version)
				PovextStateTextError(reader, psprintf(_("Format version %lld is not supported: this version of povext reads format %d (and text without a version, written by povext 0.2.0)."),
													  (long long) version, reader->format_version));
			if (version < reader->oldest_version || version > reader->format_version)
				PovextStateTextError(reader, psprintf(_("Format version %lld is not supported: this version of povext reads formats %d to %d (and text without a version, written by povext 0.2.0)."),
													  (long long) version, reader->oldest_version,
													  reader->format_version));
			reader->version = (int) version;
			continue;
		}
		for (i = 0; i < reader->key_count; i++)
			if (strcmp(name, reader->keys[i]) == 0)
				break;
		if (i == reader->key_count)
			PovextStateTextError(reader, psprintf(_("Unknown member \"%s\"."), name));
		if (reader->seen & (UINT64CONST(1) << i))
			PovextStateTextError(reader, psprintf(_("Member \"%s\" appears more than once."), name));
		reader->seen |= UINT64CONST(1) << i;
		*key = reader->keys[i];
		return i;
	}
	return -1;
}

/* Checks that nothing but blanks follows the closing brace, and that every member not in 'optional' (bits of key indexes) was read. */
void
PovextStateTextEnd(StateTextReader *reader, uint32 optional)
{
	int			i;

	reader->p = SkipBlanks(reader->p);
	if (*reader->p != '\0')
		PovextStateTextError(reader, psprintf(_("Unexpected text after the closing \"}\" at position %d."),
											  Position(reader)));
	for (i = 0; i < reader->key_count; i++)
		if (!(reader->seen & (UINT64CONST(1) << i)) && !(optional & (1U << i)))
			PovextStateTextError(reader, psprintf(_("Member \"%s\" is missing."), reader->keys[i]));
}

/* True if the text at p is the JSON literal 'word', not followed by more letters. */
static bool
LiteralAt(const char *p, const char *word)
{
	int			length = strlen(word);

	return strncmp(p, word, length) == 0 && !isalnum((unsigned char) p[length]);
}

/* Reads a JSON null if one comes next and returns true; otherwise reads nothing. */
bool
PovextStateTextReadNull(StateTextReader *reader)
{
	reader->p = SkipBlanks(reader->p);
	if (!LiteralAt(reader->p, "null"))
		return false;
	reader->p += 4;
	return true;
}

/* Reads a JSON boolean, the value of member 'key'. */
bool
PovextStateTextReadBool(StateTextReader *reader, const char *key)
{
	reader->p = SkipBlanks(reader->p);
	if (LiteralAt(reader->p, "true"))
	{
		reader->p += 4;
		return true;
	}
	if (LiteralAt(reader->p, "false"))
	{
		reader->p += 5;
		return false;
	}
	PovextStateTextError(reader, psprintf(_("Member \"%s\" must be true or false."), key));
	return false;				/* keep the compiler quiet */
}

/* Length of the JSON number at p, or 0 if there is none; sets *integral if it has no fraction or exponent. */
static int
NumberLength(const char *p, bool *integral)
{
	const char *start = p;

	*integral = true;
	if (*p == '-')
		p++;
	if (*p == '0')
		p++;
	else if (*p >= '1' && *p <= '9')
		while (isdigit((unsigned char) *p))
			p++;
	else
		return 0;
	if (*p == '.')
	{
		*integral = false;
		p++;
		if (!isdigit((unsigned char) *p))
			return 0;
		while (isdigit((unsigned char) *p))
			p++;
	}
	if (*p == 'e' || *p == 'E')
	{
		*integral = false;
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!isdigit((unsigned char) *p))
			return 0;
		while (isdigit((unsigned char) *p))
			p++;
	}
	return p - start;
}

/* Reads a JSON number as the nearest float8, the value of member 'key'. */
float8
PovextStateTextReadFloat8(StateTextReader *reader, const char *key)
{
	bool		integral;
	int			length;
	char		buffer[64];
	char	   *number;
	float8		value;

	reader->p = SkipBlanks(reader->p);
	length = NumberLength(reader->p, &integral);
	if (length == 0)
		PovextStateTextError(reader, psprintf(_("Expected a number for member \"%s\" at position %d."),
										key, Position(reader)));
	number = length < sizeof(buffer) ? buffer : palloc(length + 1);
	memcpy(number, reader->p, length);
	number[length] = '\0';
	value = strtod(number, NULL);
	if (isinf(value))
		PovextStateTextError(reader, psprintf(_("Number %s of member \"%s\" is out of range for type double precision."),
										number, key));
	reader->p += length;
	return value;
}

/* Reads an integer, as a JSON number or a string of digits, the value of member 'key'. */
int128
PovextStateTextReadInt128(StateTextReader *reader, const char *key)
{
	const char *p;
	bool		quoted;
	bool		negative = false;
	uint128		magnitude = 0;
	uint128		limit;

	reader->p = SkipBlanks(reader->p);
	p = reader->p;
	quoted = (*p == '"');
	if (quoted)
		p++;
	if (*p == '-')
	{
		negative = true;
		p++;
	}
	if (!isdigit((unsigned char) *p) || (*p == '0' && isdigit((unsigned char) p[1])))
		PovextStateTextError(reader, psprintf(_("Member \"%s\" must be an integer without leading zeros."), key));
	limit = negative ? (uint128) POVEXT_INT128_MAX + 1 : (uint128) POVEXT_INT128_MAX;
	while (isdigit((unsigned char) *p))
	{
		unsigned	digit = *p - '0';

		if (magnitude > (limit - digit) / 10)
			PovextStateTextError(reader, psprintf(_("Member \"%s\" is out of range for a 128-bit integer."), key));
		magnitude = magnitude * 10 + digit;
		p++;
	}
	if (quoted ? *p != '"' : (*p == '.' || *p == 'e' || *p == 'E'))
		PovextStateTextError(reader, psprintf(_("Member \"%s\" must be an integer."), key));
	if (quoted)
		p++;
	reader->p = p;
	return negative ? (int128) (0 - magnitude) : (int128) magnitude;
}

/* Reads an integer between 'min' and 'max', the value of member 'key'. */
int64
PovextStateTextReadInteger(StateTextReader *reader, const char *key, int64 min, int64 max)
{
	int128		value = PovextStateTextReadInt128(reader, key);

	if (value < min || value > max)
		PovextStateTextError(reader, psprintf(_("Member \"%s\" must be between %lld and %lld."),
											  key, (long long) min, (long long) max));
	return (int64) value;
}

/* Reads a JSON string without escapes (codes need none), the value of member 'key'. */
char *
PovextStateTextReadString(StateTextReader *reader, const char *key)
{
	const char *start;

	reader->p = SkipBlanks(reader->p);
	if (*reader->p != '"')
		PovextStateTextError(reader, psprintf(_("Member \"%s\" must be a string."), key));
	start = ++reader->p;
	while (*reader->p != '"')
	{
		if (*reader->p == '\0' || *reader->p == '\\' || (unsigned char) *reader->p < 0x20)
			PovextStateTextError(reader, psprintf(_("Member \"%s\" must be a string without escapes."), key));
		reader->p++;
	}
	reader->p++;
	return pnstrdup(start, reader->p - 1 - start);
}

/*
 * Reads a weight in micro-units, the value of member 'key': a JSON number
 * at or above zero, without exponent, with at most 6 significant decimals;
 * read exactly, without passing through float8.
 */
int64
PovextStateTextReadMicro(StateTextReader *reader, const char *key)
{
	const char *p;
	bool		integral;
	int			length;
	int64		micro = 0;
	int64		unit = WEIGHT_ONE;

	reader->p = SkipBlanks(reader->p);
	p = reader->p;
	length = NumberLength(p, &integral);
	if (length == 0 || *p == '-' || memchr(p, 'e', length) || memchr(p, 'E', length))
		PovextStateTextError(reader, psprintf(_("The weight at position %d in member \"%s\" is not a non-negative decimal with at most 6 decimal places."),
											  Position(reader), key));
	for (; isdigit((unsigned char) *p); p++)
		if (pg_mul_s64_overflow(micro, 10, &micro) ||
			pg_add_s64_overflow(micro, (int64) (*p - '0') * WEIGHT_ONE, &micro))
			PovextStateTextError(reader, psprintf(_("A weight of member \"%s\" is out of range: weights are kept in millionths as 64-bit integers."), key));
	if (*p == '.')
		for (p++; isdigit((unsigned char) *p); p++)
		{
			unit /= 10;
			if (unit == 0 && *p != '0')
				PovextStateTextError(reader, psprintf(_("The weight at position %d in member \"%s\" is not a non-negative decimal with at most 6 decimal places."),
											  Position(reader), key));
			if (pg_add_s64_overflow(micro, (int64) (*p - '0') * unit, &micro))
				PovextStateTextError(reader, psprintf(_("A weight of member \"%s\" is out of range: weights are kept in millionths as 64-bit integers."), key));
		}
	reader->p = p;
	return micro;
}

/* Reads the opening bracket of an array, the value of member 'key'. */
void
PovextStateTextBeginArray(StateTextReader *reader, const char *key)
{
	reader->p = SkipBlanks(reader->p);
	if (*reader->p != '[')
		PovextStateTextError(reader, psprintf(_("Member \"%s\" must be an array."), key));
	reader->p++;
	reader->first = true;
}

/* Moves to the next array element; false at the closing bracket. */
bool
PovextStateTextNextElement(StateTextReader *reader)
{
	reader->p = SkipBlanks(reader->p);
	if (*reader->p == ']')
	{
		reader->p++;
		reader->first = false;
		return false;
	}
	if (!reader->first)
	{
		if (*reader->p != ',')
			UnexpectedAt(reader, _("\",\" or \"]\""));
		reader->p++;
	}
	reader->first = false;
	return true;
}

/* Starts the text of a state in 'out' (initialized here): the opening brace and the format version. */
void
PovextStateTextStart(StringInfo out, int format_version)
{
	initStringInfo(out);
	appendStringInfo(out, "{\"version\": %d", format_version);
}

/*
 * Appends a float8 so that it reads back exactly: integral values below
 * 10^15 as plain integers, others in the shortest form that round-trips
 * (the form float8out gives with extra_float_digits > 0).  Both are JSON
 * numbers.
 */
void
PovextAppendFloat8Exact(StringInfo out, float8 value)
{
	char		buffer[DOUBLE_SHORTEST_DECIMAL_LEN];

	Assert(isfinite(value));
	if (value == rint(value) && fabs(value) < 1e15)
		appendStringInfo(out, "%.0f", value);
	else
	{
		double_to_shortest_decimal_buf(value, buffer);
		appendStringInfoString(out, buffer);
	}
}

/* Appends the member ', "key": value' of a float8 that may be absent (null). */
void
PovextAppendFloat8Member(StringInfo out, const char *key, bool present, float8 value)
{
	appendStringInfo(out, ", \"%s\": ", key);
	if (present)
		PovextAppendFloat8Exact(out, value);
	else
		appendStringInfoString(out, "null");
}

/* Text of a float8 for messages, exact; NaN and infinities too. */
char *
PovextFloat8TextExact(float8 value)
{
	StringInfoData out;

	if (isnan(value))
		return pstrdup("NaN");
	if (isinf(value))
		return pstrdup(value > 0 ? "Infinity" : "-Infinity");
	initStringInfo(&out);
	PovextAppendFloat8Exact(&out, value);
	return out.data;
}

/* Appends a 128-bit integer in decimal. */
void
PovextAppendInt128(StringInfo out, int128 value)
{
	char		digits[48];
	char	   *p = digits + sizeof(digits);
	uint128		magnitude = value < 0 ? (uint128) 0 - (uint128) value : (uint128) value;

	*--p = '\0';
	do
	{
		*--p = '0' + (int) (magnitude % 10);
		magnitude /= 10;
	} while (magnitude > 0);
	if (value < 0)
		*--p = '-';
	appendStringInfoString(out, p);
}

/*
 * True if a transition or combine function may update 'state' (detoasted)
 * in place to fill 'needed' bytes: in an aggregate, when the 'allocated'
 * bytes its capacity claims are its true size and hold 'needed' bytes.
 */
bool
PovextStateHasRoom(FunctionCallInfo fcinfo, const void *state, Size allocated, Size needed)
{
	return AggCheckCallContext(fcinfo, NULL) != 0 && VARSIZE(state) == allocated && needed <= allocated;
}

/*
 * Capacity of a state copied to hold 'needed' units (rows, pairs) of at most
 * 'limit': in an aggregate at least twice its 'capacity', so that adding n
 * units one at a time copies O(n) of them in all; exactly 'needed' outside.
 */
int64
PovextStateCapacity(FunctionCallInfo fcinfo, int64 needed, int64 capacity, int64 limit)
{
	if (AggCheckCallContext(fcinfo, NULL))
		needed = Max(needed, capacity * 2);
	return Min(needed, limit);
}

/*
 * A copy of a state of 'size' bytes holding its first 'used' bytes (header
 * and data), the rest zeroed, in the current memory context.  The caller
 * sets the capacity in its header.
 */
void *
PovextStateCopy(const void *state, Size used, Size size)
{
	void	   *copy = palloc0(size);

	memcpy(copy, state, Min(Min(used, size), VARSIZE(state)));
	SET_VARSIZE(copy, size);
	return copy;
}
