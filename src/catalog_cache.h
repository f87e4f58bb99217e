/*
 * catalog_cache.h
 *	  Per-backend cache of povext's indicator and standard catalog.
 */
#ifndef POVEXT_CATALOG_CACHE_H
#define POVEXT_CATALOG_CACHE_H

#include "postgres.h"

#include "utils/date.h"
#include "utils/numeric.h"

#define POVEXT_MAX_INDICATORS 64

typedef enum PovertyStatus
{
	STATUS_POOR,
	STATUS_NEAR_POOR,
	STATUS_MIDDLE,
	STATUS_NOT_POOR,
	STATUS_COUNT
} PovertyStatus;

typedef enum Area
{
	AREA_URBAN,
	AREA_RURAL,
	AREA_COUNT
} Area;

typedef enum RuleKind
{
	RULE_TWO_BAND,
	RULE_INCOME_AND_DEPRIVATION,
	RULE_WEIGHTED_SCORE,
	RULE_COUNT
} RuleKind;

typedef enum IncomeUnit
{
	UNIT_MONTH,
	UNIT_YEAR,
	UNIT_COUNT
} IncomeUnit;

/* povext's enum types whose labels the C code maps (see PovextEnumLabel). */
typedef enum PovextEnum
{
	POVEXT_ENUM_STATUS,
	POVEXT_ENUM_AREA,
	POVEXT_ENUM_INCOME_UNIT,
	POVEXT_ENUM_RULE_KIND
} PovextEnum;

/* Income lines of a standard for one area, and their period of force. */
typedef struct StandardLine
{
	bool		defined;
	bool		starts_unbounded;
	bool		ends_unbounded;
	DateADT		starts;			/* first day in force */
	DateADT		ends;			/* first day no longer in force */
	Numeric		poor_line;
	Numeric		near_poor_line;
	Numeric		middle_line;	/* NULL when the standard has none */
} StandardLine;

typedef struct Standard
{
	char	   *code;
	char	   *scope;
	char	   *legal_basis;
	RuleKind	rule;
	Datum		rule_oid;		/* povext.rule_kind label */
	Datum		unit_oid;		/* povext.income_unit label, 0 for none */
	int			minimum_deprivations;
	uint64		indicator_mask;
	int32		weight_numerator[POVEXT_MAX_INDICATORS];
	int32		weight_denominator[POVEXT_MAX_INDICATORS];
	StandardLine lines[AREA_COUNT];
} Standard;

typedef struct PovextCatalog
{
	uint64		generation;		/* changes at every reload */
	uint64		known_mask;		/* bits of every indicator */
	char	   *indicator_code[POVEXT_MAX_INDICATORS];	/* by bit */
	int			indicator_length[POVEXT_MAX_INDICATORS];	/* strlen of each code */
	int			standard_count;
	Standard   *standards;		/* sorted by code */
	Oid			status_oid[STATUS_COUNT];
	Oid			area_oid[AREA_COUNT];
} PovextCatalog;

extern void PovextCatalogInit(void);
extern const PovextCatalog *PovextGetCatalog(void);
extern int	IndicatorBitByCode(const PovextCatalog *catalog, const char *code, int length);
extern const Standard *StandardByCode(const PovextCatalog *catalog, const char *code, int length);
extern Area AreaFromOid(const PovextCatalog *catalog, Oid area);
extern const char *AreaName(Area area);
extern int	PovextEnumLabel(PovextEnum type, const char *label, const char *row);
extern char *StandardCodeList(const PovextCatalog *catalog);

#endif							/* POVEXT_CATALOG_CACHE_H */
