/*
 * classify.h
 *	  Classification of a household under a poverty standard.
 */
#ifndef POVEXT_CLASSIFY_H
#define POVEXT_CLASSIFY_H

#include "catalog_cache.h"

/* What classifying one household found, and why. */
typedef struct Classification
{
	uint64		counted;		/* deprivations among the standard's indicators */
	uint64		ignored;		/* deprivations the standard does not count */
	int			deprivation_count;
	PovertyStatus status;
	const char *matched_rule;
} Classification;

extern void PovextClassifyHousehold(const Standard *standard, const StandardLine *line,
									Numeric per_capita_income, uint64 deprivations,
									Classification *result);
extern void PovextClassifyHouseholdIncome(const Standard *standard, Area area,
										  Numeric household_income, int32 members,
										  uint64 deprivations, Classification *result,
										  Numeric *per_capita_income);

#endif							/* POVEXT_CLASSIFY_H */
