"""psqlODBC through unixODBC (pyodbc) against povext: classify a household,
read a deprivations value, and the text of the errors a misspelt standard and
indicator give, which must carry the valid codes and the nearest one since
ODBC drops hints, and the report views as a BI tool reads them (types, a
wrapped query with a parameter, GROUPING SETS).  Prints one TAP line per check.
Usage: odbc.py <ODBC connection string>"""
import sys

import pyodbc

failed = 0


def check(ok, name, got):
    """Prints one check's result."""
    global failed
    print(("ok - " if ok else "not ok - ") + name + ("" if ok else " (got: %r)" % (got,)))
    failed += not ok


def error_of(cursor, query):
    """The SQLSTATE and message text the driver gives for a failing query."""
    try:
        cursor.execute(query)
    except pyodbc.Error as e:
        return e.args[0], e.args[1]
    return None, "no error"


connection = pyodbc.connect(sys.argv[1], autocommit=True)
cursor = connection.cursor()
cursor.execute("SELECT povext.classify_household(h.income, h.members, h.deprivations, 'vn-2022', h.area)::text"
               " FROM clients.household AS h WHERE h.id = ?", 1)
status = cursor.fetchone()[0]
check(status == "poor", "odbc: classify_household of household 1 is poor", status)

cursor.execute("SELECT deprivations FROM clients.household WHERE id = 1")
value = cursor.fetchone()[0]
check(value == "{health_insurance,housing_area,sanitation}", "odbc: a deprivations value reads as its text", value)

state, text = error_of(cursor, "SELECT povext.classify(1000000, '{}', 'vn2022', 'urban')")
check(state == "42704", "odbc: a misspelt standard gives SQLSTATE 42704", state)
check('Did you mean "vn-2022"? Valid standards are: hcm-2016, hcm-2019, hcm-2021, hcm-2024, ophi-mpi, vn-2016, vn-2022.'
      in text, "odbc: the message names the nearest and the valid standards", text)
check("HINT" not in text, "odbc: the driver drops hints (why the facts are in the detail)", text)

state, text = error_of(cursor, "SELECT '{watr}'::povext.deprivations")
check('Did you mean "water"?' in text and "Valid indicators are: adult_education," in text,
      "odbc: a misspelt indicator names the nearest and the valid indicators", text)

# The report views as a BI tool reads them: plain types, a query wrapped in a
# subquery with a parameter, and GROUPING SETS over the household view.
import datetime
import decimal
cursor.execute("SELECT * FROM clientreg.report_ward WHERE level = 'ward' ORDER BY ward, scope")
kinds = {column[0]: column[1] for column in cursor.description}
check(set(kinds.values()) <= {str, int, decimal.Decimal, datetime.date, bool},
      "odbc: report_ward has plain column types only", kinds)
rows = cursor.fetchall()
check([(r.ward, r.scope, r.households, r.poor_households, r.near_poor_households) for r in rows]
      == [("P01", "hcmc", 2, 1, 0), ("P01", "national", 2, 0, 1), ("P02", "hcmc", 1, 1, 0), ("P02", "national", 1, 0, 1)],
      "odbc: report_ward counts per ward and scope", rows)
cursor.execute("SELECT t.ward, t.poor_rate_pct FROM (SELECT * FROM clientreg.report_ward) AS t"
               " WHERE t.scope = ? AND t.level = 'ward' ORDER BY t.ward", "hcmc")
rows = [tuple(r) for r in cursor.fetchall()]
check(rows == [("P01", decimal.Decimal("0.25")), ("P02", decimal.Decimal("0.33"))],
      "odbc: a wrapped, parameterised query gives rates rounded to 2 decimals", rows)
cursor.execute("SELECT ward, scope, count(*) AS n, sum(CASE WHEN status = 'poor' THEN 1 ELSE 0 END) AS poor"
               " FROM clientreg.report_household GROUP BY GROUPING SETS ((ward, scope), (scope))"
               " ORDER BY scope, ward NULLS LAST")
rows = [tuple(r) for r in cursor.fetchall()]
check(rows == [("P01", "hcmc", 2, 1), ("P02", "hcmc", 1, 1), (None, "hcmc", 3, 2),
               ("P01", "national", 2, 0), ("P02", "national", 1, 0), (None, "national", 3, 0)],
      "odbc: GROUPING SETS over report_household", rows)

cursor.execute("SET lc_messages = 'vi_VN.UTF-8'")
state, text = error_of(cursor, "SELECT povext.standard_in_force('nationl', 'urban', DATE '2024-06-01')")
check('phạm vi chuẩn nghèo "nationl" không tồn tại' in text and 'Có phải ý bạn là "national"?' in text,
      "odbc: in Vietnamese, a misspelt scope names the nearest", text)
sys.exit(1 if failed else 0)
