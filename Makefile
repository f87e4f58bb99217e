# povext: PGXS build, install and tests, and the project's two commands (demo, test).
#
#   make && make install         build and install into the server of pg_config
#   make installcheck            pg_regress tests and isolation specs against a
#                                running server (PGHOST, PGPORT, PGUSER)
#   make prove_installcheck      TAP tests (each starts its own cluster; not as root)
#   make fuzz, make fuzz-long    fuzzing (tools/fuzz.sh)
#   make update-po               extracts po/povext.pot and merges it into po/*.po
#   make valgrind-installcheck   regression suite under valgrind (tools/valgrind.sh)

# make alone builds everything (the first rule below would otherwise be the default).
.DEFAULT_GOAL := all

EXTENSION = povext
MODULE_big = povext
OBJS = $(patsubst %.c,%.o,$(sort $(wildcard src/*.c)))

# Install and update scripts, listed one by one.  A released script is never
# edited again (test/released.sha256 holds their checksums); a release adds
# its own hand-written update script.
DATA = sql/povext--0.1.0.sql \
       sql/povext--0.1.0--0.2.0.sql \
       sql/povext--0.2.0.sql \
       sql/povext--0.2.0--0.3.0.sql \
       sql/povext--0.3.0--0.4.0.sql

# The install scripts of 0.3.0 and later are the 0.2.0 script and the update
# scripts after it, preceded by the schema guard of the 0.3.0 update script,
# which must run before any other statement (see that script).
DATA_built = povext--0.3.0.sql povext--0.4.0.sql
povext--0.3.0.sql: sql/povext--0.2.0.sql sql/povext--0.2.0--0.3.0.sql
povext--0.4.0.sql: sql/povext--0.2.0.sql sql/povext--0.2.0--0.3.0.sql sql/povext--0.3.0--0.4.0.sql
povext--0.3.0.sql povext--0.4.0.sql:
	( echo '\\echo Use "CREATE EXTENSION povext" to load this file. \\quit'; \
	  sed -n '/^-- BEGIN schema guard/,/^-- END schema guard/p' sql/povext--0.2.0--0.3.0.sql; cat $^ ) > $@

REGRESS = deprivations standards classify alkire_foster fgt inequality hardening catalog_security shipped_standards state_formats indicator_bits deprivations_binary classify_household registry registry_review registry_speed registry_catalog labels report_views roles messages_vi speed_paths demo_district sample_compact citus_report_views review_040 suppression_040
REGRESS_OPTS = --inputdir=test --load-extension=btree_gist --load-extension=povext
ISOLATION = catalog_cache indicator_bits_concurrent catalog_version registry_members registry_move registry_catalog_concurrent
ISOLATION_OPTS = --inputdir=test --load-extension=btree_gist --load-extension=povext
PROVE_TESTS = test/t/*.pl

# Warnings as errors and assertions are for CI and tools/ (POVEXT_STRICT=1),
# not for a DBA's make install.
PG_CFLAGS += -std=gnu99
ifdef POVEXT_STRICT
PG_CFLAGS += -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare -Wno-missing-field-initializers -Werror
endif
EXTRA_CLEAN = results regression.diffs regression.out output_iso tmp_check po/*.mo

PG_CONFIG ?= pg_config
# On a machine without PostgreSQL yet, only the project's commands below
# work; they install what is missing and come back here.
PGXS := $(shell $(PG_CONFIG) --pgxs 2>/dev/null)
ifneq ($(PGXS),)
include $(PGXS)
else
all install installcheck:
	@echo "pg_config not found: run make demo or make test, which install PostgreSQL 15 first" >&2; exit 1
endif

# Messages (po/): the server looks for povext's translations in
# <localedir>/<language>/LC_MESSAGES/povext-15.mo, built from po/<language>.po.
# They are built and installed with the module when the server speaks other
# languages (enable_nls) and msgfmt is there; without msgfmt povext still
# builds, in English only.  After adding or changing a message: make
# update-po (extracts po/povext.pot from src/*.c with the keywords of the
# server's own messages and from the SQL scripts' povext.message() calls,
# and merges it into po/*.po), translate what is new or fuzzy, and commit;
# tools/po_check.sh fails until then.  (PGXS's own NLS rules, used when a
# nls.mk exists, would delete the committed .pot on make clean.)
NLS_LANGUAGES = vi
GETTEXT_FILES = $(sort $(wildcard src/*.c))
GETTEXT_KEYWORDS = _ N_ errmsg errmsg_plural:1,2 errdetail errdetail_log errdetail_plural:1,2 \
                   errhint errhint_plural:1,2 errcontext
GETTEXT_FORMATS = _:1:pass-c-format errmsg:1:c-format errmsg_plural:1:c-format errmsg_plural:2:c-format \
                  errdetail:1:c-format errdetail_log:1:c-format errdetail_plural:1:c-format \
                  errdetail_plural:2:c-format errhint:1:c-format errhint_plural:1:c-format \
                  errhint_plural:2:c-format errcontext:1:c-format
MSGFMT_FOUND := $(shell command -v msgfmt 2>/dev/null)

# The messages of the SQL functions are the literals passed to
# povext.message() in the install and update scripts (tools/po_sql.py).
GETTEXT_SQL_FILES = $(DATA)

po/povext.pot: $(GETTEXT_FILES) $(GETTEXT_SQL_FILES) tools/po_sql.py
	xgettext --no-wrap --sort-by-file -n --from-code=UTF-8 --package-name=povext \
	    $(addprefix -k,$(GETTEXT_KEYWORDS)) $(addprefix --flag=,$(GETTEXT_FORMATS)) -o $@.c $(GETTEXT_FILES)
	sed -i 's/charset=CHARSET/charset=UTF-8/' $@.c
	tools/po_sql.py $(GETTEXT_SQL_FILES) > $@.sql
	msgcat --no-wrap --use-first -o $@ $@.c $@.sql
	rm -f $@.c $@.sql

po/%.mo: po/%.po
	msgfmt -c -o $@ $<

.PHONY: update-po install-po uninstall-po nls-missing
update-po: po/povext.pot
	for lang in $(NLS_LANGUAGES); do \
	    msgmerge --update --backup=off --no-wrap --previous --sort-by-file po/$$lang.po po/povext.pot || exit 1; \
	done

install-po: $(NLS_LANGUAGES:%=po/%.mo)
	for lang in $(NLS_LANGUAGES); do \
	    $(MKDIR_P) '$(DESTDIR)$(localedir)'/$$lang/LC_MESSAGES && \
	    $(INSTALL_DATA) po/$$lang.mo '$(DESTDIR)$(localedir)'/$$lang/LC_MESSAGES/povext-$(MAJORVERSION).mo || exit 1; \
	done

uninstall-po:
	rm -f $(foreach lang,$(NLS_LANGUAGES),'$(DESTDIR)$(localedir)'/$(lang)/LC_MESSAGES/povext-$(MAJORVERSION).mo)

nls-missing:
	@echo "msgfmt not found: povext is built without its translated messages (install gettext to have them)" >&2

ifeq ($(enable_nls),yes)
ifneq ($(MSGFMT_FOUND),)
all: $(NLS_LANGUAGES:%=po/%.mo)
install: install-po
uninstall: uninstall-po
else
all: nls-missing
endif
endif

# PGXS runs TAP tests inside installcheck when TAP_TESTS is set; here they
# have a target of their own, since each test starts its own cluster.
.PHONY: prove_installcheck
prove_installcheck: PROVE_FLAGS += -I test/t
prove_installcheck:
	$(prove_installcheck)

# Fuzzing (fixed seed; --long for 20 times more) and the regression suite
# under valgrind: each starts a throwaway cluster when none runs (see README).
.PHONY: fuzz fuzz-long valgrind-installcheck
fuzz:
	tools/fuzz.sh

fuzz-long:
	tools/fuzz.sh --long

valgrind-installcheck:
	tools/valgrind.sh

.PHONY: demo test bench
demo:
	tools/demo.sh

test:
	tools/test.sh

bench:
	tools/bench.sh
