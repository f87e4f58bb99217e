"""SQLAlchemy (what Superset uses) against povext: what reflection makes of a
table with a deprivations column, without and with the type registered as
docs/reference.md shows, and the numbers a BI tool gets.  Prints one TAP line
per check.  Usage: sqlalchemy_reflect.py <SQLAlchemy URL>"""
import decimal
import sys
import warnings

import sqlalchemy
from sqlalchemy.dialects.postgresql.base import ischema_names

failed = 0


def check(ok, name, got):
    """Prints one check's result."""
    global failed
    print(("ok - " if ok else "not ok - ") + name + ("" if ok else " (got: %r)" % (got,)))
    failed += not ok


def reflect(engine):
    """The columns of clients.household as SQLAlchemy reflects them, and its warnings."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        table = sqlalchemy.Table("household", sqlalchemy.MetaData(), schema="clients", autoload_with=engine)
    return table.c, [str(w.message) for w in caught]


engine = sqlalchemy.create_engine(sys.argv[1])

# Unregistered, a type outside the search path is unknown to SQLAlchemy.
columns, messages = reflect(engine)
check(isinstance(columns.deprivations.type, sqlalchemy.types.NullType),
      "sqlalchemy: unregistered, deprivations reflects as NullType", columns.deprivations.type)
check(any("Did not recognize type 'povext.deprivations'" in m for m in messages),
      "sqlalchemy: unregistered, reflection warns of povext.deprivations", messages)
check(repr(columns.income.type) == "NUMERIC(precision=14, scale=2)", "sqlalchemy: income reflects as NUMERIC(14, 2)",
      repr(columns.income.type))
check(str(columns.area.type) == "VARCHAR(5)" or isinstance(columns.area.type, sqlalchemy.Enum),
      "sqlalchemy: area reflects as an enum", repr(columns.area.type))

# Registered as the reference shows: text to SQLAlchemy, no warning.
ischema_names["povext.deprivations"] = sqlalchemy.types.Text
ischema_names["deprivations"] = sqlalchemy.types.Text
columns, messages = reflect(engine)
check(isinstance(columns.deprivations.type, sqlalchemy.types.Text),
      "sqlalchemy: registered, deprivations reflects as Text", columns.deprivations.type)
check(not any("deprivations" in m for m in messages), "sqlalchemy: registered, no warning", messages)

with engine.connect() as connection:
    value = connection.execute(sqlalchemy.text(
        "SELECT deprivations FROM clients.household WHERE id = 1")).scalar()
    check(value == "{health_insurance,housing_area,sanitation}", "sqlalchemy: a deprivations value reads as text", value)
    # A ratio that does not end (1/3) has 20 decimals; a report rounds it where it shows it.
    row = connection.execute(sqlalchemy.text(
        "SELECT m.headcount_ratio, round(m.headcount_ratio, 4) AS shown"
        "  FROM povext.af_measures((SELECT povext.af_state_agg(h.deprivations, 'vn-2022')"
        "                             FROM clients.household AS h WHERE h.id < 4), 0.25) AS m")).one()
    check(row.headcount_ratio == decimal.Decimal("0.33333333333333333333")
          and row.headcount_ratio.as_tuple().exponent == -20,
          "sqlalchemy: af_measures gives H = 1/3 to 20 decimals", row.headcount_ratio)
    check(row.shown == decimal.Decimal("0.3333") and row.shown.as_tuple().exponent == -4,
          "sqlalchemy: round(H, 4) gives 0.3333", row.shown)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            connection.execute(sqlalchemy.text("SELECT povext.classify(1000000, '{}', 'vn2022', 'urban')"))
            check(False, "sqlalchemy: a misspelt standard is an error", "no error")
        except sqlalchemy.exc.DBAPIError as e:
            check('Did you mean "vn-2022"?' in str(e.orig), "sqlalchemy: the error names the nearest standard", str(e.orig))
# The report views reflect with known types only, without registering anything.
ischema_names.pop("povext.deprivations")
ischema_names.pop("deprivations")
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    metadata = sqlalchemy.MetaData()
    views = ["report_ward", "report_household", "report_indicator", "report_mpi", "report_mpi_contribution",
             "report_transition", "report_target"]
    unknown = [view + "." + column.name for view in views
               for column in sqlalchemy.Table(view, metadata, schema="clientreg", autoload_with=engine).c
               if isinstance(column.type, sqlalchemy.types.NullType)]
check(not unknown and not caught, "sqlalchemy: the seven report views reflect with known types, no warning",
      (unknown, [str(w.message) for w in caught]))
sys.exit(1 if failed else 0)
