/*
 * catalog_cache.h
 *	  Per-backend cache of povext's indicator and standard catalog.
 */
#ifndef POVEXT_CATALOG_CACHE_H
#define POVEXT_CATALOG_CACHE_H

#include "postgres.h"

#include "utils/date.h"
#include "utils/numeric.h"
#include "utils/snapshot.h"

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

/* What a code names, for errors about unknown codes. */
typedef enum PovextCodeKind
{
	POVEXT_CODE_STANDARD,
	POVEXT_CODE_SCOPE,
	POVEXT_CODE_INDICATOR
} PovextCodeKind;

/* The cached catalog; read it through the functions below. */
typedef struct PovextCatalog PovextCatalog;

extern void PovextCatalogInit(void);
extern const PovextCatalog *PovextGetCatalog(void);
extern bool PovextCatalogIsLatest(void);
extern const PovextCatalog *PovextReloadCatalog(Snapshot snapshot);
extern uint64 PovextCatalogGeneration(const PovextCatalog *catalog);
extern int	PovextIndicatorBit(const PovextCatalog *catalog, const char *code, int length);
extern const char *PovextIndicatorCode(const PovextCatalog *catalog, int bit, const char *holder, int *length);
extern const Standard *PovextStandardByCode(const PovextCatalog *catalog, const char *code, int length);
extern const Standard *PovextStandardInForce(const PovextCatalog *catalog, const char *scope, Area area,
											 DateADT day, bool missing_ok);
extern const StandardLine *PovextStandardLine(const Standard *standard, Area area);
extern int	PovextUnknownCodeDetail(const PovextCatalog *catalog, PovextCodeKind kind,
									const char *code, int length);
extern Area PovextAreaFromOid(const PovextCatalog *catalog, Oid area);
extern Oid	PovextAreaOid(const PovextCatalog *catalog, Area area);
extern Oid	PovextStatusOid(const PovextCatalog *catalog, PovertyStatus status);
extern int	PovextStatusFromOid(const PovextCatalog *catalog, Oid status);
extern const char *PovextAreaName(Area area);
extern int	PovextEnumLabel(PovextEnum type, const char *label, const char *row);

#endif							/* POVEXT_CATALOG_CACHE_H */
