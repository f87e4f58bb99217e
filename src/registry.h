/*
 * registry.h
 *	  The household registry: member facts and household answers roll up to
 *	  each household's deprivations and status, kept by triggers.
 */
#ifndef POVEXT_REGISTRY_H
#define POVEXT_REGISTRY_H

#include "postgres.h"

#include "utils/date.h"
#include "utils/numeric.h"

#include "catalog_cache.h"

/* A fact that may be missing: false, true or unknown (SQL NULL). */
typedef enum Tri
{
	TRI_FALSE,
	TRI_TRUE,
	TRI_UNKNOWN
} Tri;

/* The household answers a deprivation can be read from directly. */
typedef enum HouseholdAnswer
{
	ANSWER_HOUSING_DURABLE,
	ANSWER_CLEAN_WATER,
	ANSWER_HYGIENIC_LATRINE,
	ANSWER_USES_TELECOM,
	ANSWER_HAS_INFORMATION_DEVICE,
	ANSWER_COUNT
} HouseholdAnswer;

/* What the rules read of one member, as of the reference date. */
typedef struct RegistryMember
{
	int			age;			/* completed years */
	int			sex;			/* 0 male, 1 female, -1 unknown */
	Tri			working_capacity;
	Tri			disability;
	Tri			health_insurance;
	Tri			attending_school;
	Tri			school_level_ok;
	Tri			employed;
	Tri			works_for_wages;
	Tri			labour_contract;
	Tri			social_insurance;
	Tri			stunted_or_underweight;
	Numeric		income;			/* NULL if unknown */
} RegistryMember;

/* The computed status of a household under the standard of one scope. */
typedef struct RegistryStatus
{
	const char *scope;
	const char *standard;
	uint64		deprivations;
	uint64		undetermined;
	int			status;			/* PovertyStatus, or -1 for NULL */
	DateADT		as_of;
} RegistryStatus;

/* The derived values of a household, stored or freshly computed. */
typedef struct RegistryDerived
{
	int			members;
	Numeric		per_capita_income_year; /* NULL if unknown */
	bool		has_computed_at;
	DateADT		computed_at;
	int			status_count;
	RegistryStatus *statuses;	/* sorted by scope */
} RegistryDerived;

#endif							/* POVEXT_REGISTRY_H */
