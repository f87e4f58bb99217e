#!/usr/bin/env python3
"""Checks the demo's HTML report against its terminal report (tools/test.sh).

    tools/report_check.py DEMO_OUTPUT REPORT_HTML

Opens the page in headless Chromium (after its script ran, --dump-dom), and
checks that each table of the terminal report (the psql tables printed after
"== report") appears in the page's table of the same rank with the same
numbers row by row (the page writes them the Vietnamese way, 59.600 and
0,07, and is read back to 59600 and 0.07), and that every chart drew bars.
Prints what differs and exits 1 on a difference.
"""
import os
import re
import subprocess
import sys
import tempfile
from html.parser import HTMLParser

# The page's tables, in the order the terminal prints them.
TABLES = ["t-wards", "t-transitions", "t-mpi", "t-targets"]
CHARTS = ["c-rates", "c-transitions", "c-contributions"]
NUMBER = re.compile(r"[0-9][0-9.,]*[0-9]|[0-9]")


def terminal_tables(path):
    """Rows (lists of cells) of each psql table printed after '== report'."""
    lines = open(path, encoding="utf-8").read().split("== report", 1)[1].splitlines()
    tables, rows, in_table = [], None, False
    for line in lines:
        if re.match(r"^-+(\+-+)+$", line):
            rows, in_table = [], True
            tables.append(rows)
        elif in_table and "|" in line:
            rows.append([c.strip() for c in line.split("|")])
        else:
            in_table = False
    return tables


class Page(HTMLParser):
    """Cells of the page's tables by id, and bars drawn in each chart."""

    def __init__(self):
        super().__init__()
        self.tables, self.bars = {}, {}
        self.table = self.chart = None
        self.cell = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table" and a.get("id") in TABLES:
            self.table = self.tables.setdefault(a["id"], [])
        elif tag == "div" and a.get("id") in CHARTS:
            self.chart = a["id"]
            self.bars[self.chart] = 0
        elif tag == "rect" and self.chart and a.get("class") == "bar":
            self.bars[self.chart] += 1
        elif tag == "tr" and self.table is not None:
            self.table.append([])
        elif tag == "td" and self.table is not None:
            self.cell = []

    def handle_endtag(self, tag):
        if tag == "table":
            self.table = None
        elif tag == "div":
            self.chart = None
        elif tag == "td" and self.cell is not None:
            self.table[-1].append("".join(self.cell).strip())
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def numbers(cells, vietnamese):
    """The numbers of a row, as text; the page's 1.234,5 read as 1234.5."""
    found = []
    for cell in cells:
        if vietnamese:
            cell = re.sub(r"(?<=[0-9])\.(?=[0-9]{3})", "", cell).replace(",", ".") if re.search(r"[0-9]", cell) else cell
        found += NUMBER.findall(cell)
    return found


def main():
    demo_output, html = sys.argv[1], sys.argv[2]
    # A profile of its own: two Chromiums on one profile do not both start.
    with tempfile.TemporaryDirectory() as profile:
        run = subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=" + profile,
                              "--dump-dom", "file://" + os.path.abspath(html)], capture_output=True, text=True, timeout=180)
    dom = run.stdout
    if run.returncode != 0 or "<body" not in dom:
        print("report check: chromium failed (%d): %s" % (run.returncode, run.stderr[-2000:]))
        return 1
    page = Page()
    page.feed(dom)
    expected = terminal_tables(demo_output)
    failures = []
    if len(expected) != len(TABLES):
        failures.append("terminal report has %d tables, expected %d" % (len(expected), len(TABLES)))
    for table_id, rows in zip(TABLES, expected):
        shown = [r for r in page.tables.get(table_id, []) if r]
        if len(shown) != len(rows):
            failures.append("%s: %d rows in the page, %d in the terminal" % (table_id, len(shown), len(rows)))
        for i, (want, got) in enumerate(zip(rows, shown)):
            # Ward codes and standards are text; top indicators separate with ", ".
            w = numbers([", ".join(want)], False)
            g = numbers(got, True)
            if w != g:
                failures.append("%s row %d: terminal %s, page %s" % (table_id, i + 1, w, g))
    for chart in CHARTS:
        if page.bars.get(chart, 0) == 0:
            failures.append("%s: no bars drawn" % chart)
    if "Toàn quận" not in dom or "Báo cáo giảm nghèo" not in dom:
        failures.append("the page is not in Vietnamese")
    for f in failures:
        print("report check:", f)
    checked = sum(len(r) for r in expected)
    print("report check: %s (%d rows of %d tables, %s bars)" %
          ("FAILED" if failures else "page matches the terminal report", checked, len(expected),
           "/".join(str(page.bars.get(c, 0)) for c in CHARTS)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
