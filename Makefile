# povext: PGXS build, install and the project's two commands (demo, test).

EXTENSION = povext
EXTVERSION = $(shell sed -n "s/^default_version = '\(.*\)'/\1/p" povext.control)

MODULE_big = povext
OBJS = src/povext.o src/catalog_cache.o src/deprivations.o src/classify.o src/fgt_state.o src/sample_state.o
HEADERS = $(wildcard src/*.h)

# The install script is assembled from the topic files in sql/install;
# scripts of released versions and update scripts are frozen in sql/.
INSTALL_SOURCES = $(sort $(wildcard sql/install/*.sql))
DATA_built = povext--$(EXTVERSION).sql
DATA = $(filter-out sql/povext--$(EXTVERSION).sql,$(wildcard sql/povext--*.sql))

REGRESS = $(filter-out povext--%,$(patsubst sql/%.sql,%,$(sort $(wildcard sql/*.sql))))
REGRESS_OPTS = --inputdir=. --load-extension=btree_gist --load-extension=povext

PG_CONFIG ?= pg_config
PG_CFLAGS += -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare -Wno-missing-field-initializers -Werror -std=gnu99
EXTRA_CLEAN = tmp results regression.diffs regression.out

PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

povext--$(EXTVERSION).sql: $(INSTALL_SOURCES)
	cat $^ > $@

.PHONY: demo test bench
demo:
	tools/demo.sh

test:
	tools/test.sh

bench:
	tools/bench.sh
