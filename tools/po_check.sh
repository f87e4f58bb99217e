#!/usr/bin/env bash
# Checks povext's message catalogs: po/povext.pot holds exactly the messages
# of src/*.c and of the SQL scripts' povext.message() calls (extracted again
# here, as make update-po does), and po/vi.po translates every one of them,
# none empty or fuzzy, with the same format directives.  Prints one line per check and "po check: N passed, M failed";
# fails if any check does.  Needs pg_config and gettext (xgettext, msgcmp).
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

# Reports one check: its name and whether the command given passed.
check() {
    local name=$1
    shift
    if "$@" > "$work/out" 2>&1; then
        echo "ok - $name"
        passed=$((passed + 1))
    else
        echo "not ok - $name"
        sed 's/^/    /' "$work/out" | head -20
        failed=$((failed + 1))
    fi
}

# The msgids of a catalog, one entry per paragraph, without header,
# locations and translations.
msgids() {
    msgcat --no-location --no-wrap --sort-output "$1" 2>/dev/null |
        awk 'BEGIN { RS = ""; ORS = "\n\n" } NR > 1' | grep -v '^msgstr\|^"'
}

# Extract the messages again from a copy of the sources.
mkdir -p "$work/tree"
(cd "$top" && tar -cf - Makefile src sql tools/po_sql.py po) | tar -C "$work/tree" -xf -
make -s -B -C "$work/tree" po/povext.pot > "$work/extract.log" 2>&1 ||
    { cat "$work/extract.log"; echo "po check: could not extract the messages"; exit 1; }

check "po/povext.pot is current (make update-po)" \
    diff -u <(msgids "$top/po/povext.pot") <(msgids "$work/tree/po/povext.pot")
check "po/vi.po translates every message of the sources, none fuzzy" \
    msgcmp "$top/po/vi.po" "$work/tree/po/povext.pot"
check "po/vi.po has no message the sources do not have" \
    msgcmp --use-untranslated --use-fuzzy "$work/tree/po/povext.pot" "$top/po/vi.po"
check "po/vi.po compiles with format checks (msgfmt -c)" \
    msgfmt -c -o /dev/null "$top/po/vi.po"

echo "po check: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
