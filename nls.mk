# Message catalogs of povext (read by PGXS through src/nls-global.mk): the
# server looks for <localedir>/<language>/LC_MESSAGES/povext-15.mo.
CATALOG_NAME     = povext
AVAIL_LANGUAGES  = vi
GETTEXT_FILES    = $(sort $(wildcard src/*.c))
GETTEXT_TRIGGERS = $(BACKEND_COMMON_GETTEXT_TRIGGERS)
GETTEXT_FLAGS    = $(BACKEND_COMMON_GETTEXT_FLAGS)
