/*
 * numeric_ops.h
 *	  Small helpers over PostgreSQL's numeric and date types, shared by the
 *	  classification, the catalog cache and the registry.
 */
#ifndef POVEXT_NUMERIC_OPS_H
#define POVEXT_NUMERIC_OPS_H

#include "postgres.h"

#include "fmgr.h"
#include "utils/date.h"
#include "utils/numeric.h"

/* Room for a numeric stored with a short header, given a 4-byte header. */
typedef union PovextNumericBuffer
{
	int32		align;
	char		bytes[VARHDRSZ + VARATT_SHORT_MAX];
} PovextNumericBuffer;

extern int	PovextNumericCompare(Numeric a, Numeric b);
extern Numeric PovextNumericOp(PGFunction op, Numeric a, Numeric b);
extern Numeric PovextNumericConstant(const char *text);
extern Numeric PovextNumericArgument(FunctionCallInfo fcinfo, int argno, PovextNumericBuffer *buffer);
extern char *PovextNumericText(Numeric value);
extern char *PovextDateText(DateADT value);

#endif							/* POVEXT_NUMERIC_OPS_H */
