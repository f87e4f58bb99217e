# povext: PGXS build, install and the project's two commands (demo, test).

EXTENSION = povext
EXTVERSION = $(shell sed -n "s/^default_version = '\(.*\)'/\1/p" povext.control)

MODULE_big = povext
OBJS = $(patsubst %.c,%.o,$(sort $(wildcard src/*.c)))

# The install script is assembled from the topic files in sql/install.
# The update script to the current version is assembled from the topic files
# this version added; when a version is released, its scripts are frozen in
# sql/ (sql/povext--0.1.0.sql is 0.1.0's install script).
INSTALL_SOURCES = $(sort $(wildcard sql/install/*.sql))
UPDATE_FROM = 0.1.0
UPDATE_SOURCES = $(sort $(wildcard sql/install/0[789]_*.sql))
DATA_built = povext--$(EXTVERSION).sql povext--$(UPDATE_FROM)--$(EXTVERSION).sql
DATA = $(wildcard sql/povext--*.sql)

REGRESS = $(filter-out povext--%,$(patsubst sql/%.sql,%,$(sort $(wildcard sql/*.sql))))
REGRESS_OPTS = --inputdir=. --load-extension=btree_gist --load-extension=povext

PG_CONFIG ?= pg_config
PG_CFLAGS += -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare -Wno-missing-field-initializers -Werror -std=gnu99
EXTRA_CLEAN = results regression.diffs regression.out

# On a machine without PostgreSQL yet, only the project's commands below
# work; they install what is missing and come back here.
PGXS := $(shell $(PG_CONFIG) --pgxs 2>/dev/null)
ifneq ($(PGXS),)
include $(PGXS)
else
all install installcheck:
	@echo "pg_config not found: run make demo or make test, which install PostgreSQL 15 first" >&2; exit 1
endif

povext--$(EXTVERSION).sql: $(INSTALL_SOURCES)
	cat $^ > $@

povext--$(UPDATE_FROM)--$(EXTVERSION).sql: $(UPDATE_SOURCES)
	( echo '\\echo Use "ALTER EXTENSION povext UPDATE TO '"'"'$(EXTVERSION)'"'"'" to load this file. \\quit'; cat $^ ) > $@

.PHONY: demo test bench
demo:
	tools/demo.sh

test:
	tools/test.sh

bench:
	tools/bench.sh
