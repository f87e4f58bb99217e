#!/usr/bin/env python3
"""Extracts the messages of povext's SQL functions for po/povext.pot.

PL/pgSQL functions raise their messages through povext.message('text', ...)
(src/message.c), which translates the literal in povext's catalog; this
prints a .pot file with each literal of such a call in the scripts given
(with its '' written as '), located by file and line, for the Makefile to
merge with xgettext's messages of src/*.c.  Only a plain literal right after
the parenthesis is a message; anything else there is an error, so that no
message goes untranslated unnoticed (a literal with E'' escapes is not
supported).
"""
import re
import sys

CALL = re.compile(r"povext\.message\(\s*")
LITERAL = re.compile(r"'((?:[^']|'')*)'")


def po_string(text):
    """The text as a PO string literal."""
    return '"' + text.replace('\\', '\\\\').replace('"', '\\"').replace('\n', '\\n') + '"'


def main(paths):
    messages = {}
    for path in paths:
        with open(path, encoding='utf-8') as f:
            source = f.read()
        for call in CALL.finditer(source):
            # not in a -- comment, nor the function's own CREATE or COMMENT
            before = source[source.rfind('\n', 0, call.start()) + 1:call.start()]
            if '--' in before or before.endswith('FUNCTION '):
                continue
            literal = LITERAL.match(source, call.end())
            line = source.count('\n', 0, call.end()) + 1
            if not literal:
                sys.exit(f"{path}:{line}: povext.message() without a literal message")
            messages.setdefault(literal.group(1).replace("''", "'"), []).append(f"{path}:{line}")
    print('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n')
    for msgid, places in messages.items():
        print('#: ' + ' '.join(places))
        print('msgid ' + po_string(msgid))
        print('msgstr ""\n')


if __name__ == '__main__':
    main(sys.argv[1:])
