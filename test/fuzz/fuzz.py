#!/usr/bin/python3
"""Mutation fuzzer of povext: the text and binary input of its types, and its
SQL-callable functions and aggregates with adversarial arguments.

Deterministic for a given --seed and --iterations (the server's answers to the
same inputs are the same), so a default run cannot flake.  An ordinary ERROR
is an expected answer; a lost connection is a backend death, whose input is
written to --out.  Unexpected internal errors (SQLSTATE XX000) are counted and
listed.  Prints one line of counts; exits 1 if a backend died or an accepted
value's text did not read back the same.

Needs Debian's python3-psycopg2; connects with the libpq environment
(PGHOST, PGPORT, PGUSER) to --dbname, which must have povext installed.
"""
import argparse
import io
import os
import random
import re
import struct
import sys
import time

import psycopg2

STATE_TYPES = ["deprivations", "af_state", "fgt_state", "sample_state"]
ENUM_TYPES = ["status", "area", "income_unit", "rule_kind", "confidence"]

# Adversarial values of the scalar argument types, as SQL literals (None is NULL).
SCALARS = {
    "double precision": ["0", "-0", "1", "-1", "0.5", "3", "2000000", "1e-300", "5e-324", "1e308",
                         "-1e308", "1.7976931348623157e308", "NaN", "Infinity", "-Infinity",
                         "4503599627370497", "1e-7", None],
    "numeric": ["0", "1", "-1", "0.5", "0.3333", "1.0000001", "NaN", "Infinity", "-Infinity", "1e100",
                "-1e-100", "99999999999999999999.999999", "123456789012345678901234567890",
                "0.0000001", "2000000", None],
    "integer": ["0", "1", "-1", "2", "3", "21", "63", "64", "2147483647", "-2147483648", None],
    "bigint": ["0", "-1", "42", "9223372036854775807", "-9223372036854775808", None],
    "boolean": ["true", "false", None],
    "text": ["", "vn-2022", "vn-2016", "hcm-2016", "hcm-2024", "ophi-mpi", "VN-2022", " vn-2022",
             "national", "nutrition", "'", "\\", "%s%n", "Hà Nội " * 40, "ế" * 300, "x" * 5000,
             # messages of povext.message: placeholders, %%, a lone % at the end
             "%", "% and %%", 'invalid review kind "%"', 'household % is not in ward "%" of registry "%"',
             None],
    "text[]": ["{}", "{water}", "{water,nutrition}", "{NULL}", "{water,water}", "{unknown}",
               "{ế}", "{{water},{assets}}", "[2:3]={water,assets}", '{""}', "{a,b,c}", None],
    "date": ["2024-01-01", "2016-06-30", "infinity", "-infinity", "1900-01-01", "4713-01-01 BC",
             "5874897-12-31", None],
    "regclass": ["povext.indicator", "povext.standard", "povext.standard_line",
                 "povext.standard_indicator", "pg_class", "fuzz.households", None],
    "cstring": None,  # filled from the corpus of the type's input function
}

# Ordinary values, so that a query with many arguments gets past argument
# checks to the state handling behind them (the text is a standard's code).
VALID = {"double precision": ["1", "0.5", "2.5", "3", "2000000"], "numeric": ["0.33", "0.5", "1"],
         "integer": ["1", "2"], "boolean": ["true", "false"], "text": ["ophi-mpi"]}

# Queries on an accepted value $v of each type: they read every part of it.
ACCESSORS = {
    "deprivations": ["povext.deprivation_count({v})", "povext.deprivations_to_codes({v})",
                     "{v} OPERATOR(povext.|) {v}", "{v} OPERATOR(povext.-) {v}",
                     "povext.deprivations_cmp({v}, '{{water}}')", "povext.deprivations_hash({v})",
                     "povext.deprivations_hash_extended({v}, 7)",
                     "povext.classify(1000000, {v}, 'vn-2022', 'rural')",
                     "povext.af_state_agg({v}, 'ophi-mpi')"],
    "af_state": ["povext.af_measures({v}, 0.33)", "(SELECT array_agg(s) FROM povext.af_sweep({v}) s)",
                 "(SELECT array_agg(s) FROM povext.af_indicators({v}, 0.5) s)",
                 "povext.af_ophi_bands({v})", "{v} OPERATOR(povext.+) {v}",
                 "povext.af_measures_at_count({v}, 1)", "povext.af_state_m0_final({v})",
                 "povext.af_state_accum({v}, '{{nutrition}}', 'ophi-mpi', 2)"],
    "fgt_state": ["povext.fgt_measures({v})", "{v} OPERATOR(povext.+) {v}", "povext.fgt_p0({v})",
                  "povext.fgt_p1({v})", "povext.fgt_p2({v})", "povext.fgt_watts({v})",
                  "povext.fgt_state_accum({v}, 1, 3, 2)"],
    "sample_state": ["povext.sample_gini({v})", "povext.sample_quantile({v}, 0.3)",
                     "povext.sample_quantile({v})", "povext.sample_median({v})",
                     "{v} OPERATOR(povext.+) {v}", "povext.sample_state_finish({v})",
                     "povext.sample_state_accum({v}, 1, 1)"],
}

# Valid states made by the aggregates, added to the seed corpus (their text and send()).
SEED_QUERIES = [
    ("af_state", "SELECT povext.af_state_agg(d::povext.deprivations, s, w)::text FROM (VALUES "
                 "('{nutrition,assets}', 1.5), ('{}', 2), ('{water,child_mortality}', 0.000001)) v(d, w), "
                 "(VALUES ('ophi-mpi'), ('vn-2022'), ('vn-2016')) t(s) GROUP BY s"),
    ("fgt_state", "SELECT povext.fgt_state_agg(i, l, w, b)::text FROM (VALUES (0, 1), (2.5, 0.5), "
                  "(5, 2), (1e-9, 1e6)) v(i, w), (VALUES (3, true), (1e6, false)) t(l, b) GROUP BY l, b"),
    ("sample_state", "SELECT povext.sample_state_agg(x, w)::text FROM (VALUES (1, 1), (1, 0), (-2.5, 3), "
                     "(1e300, 0.5)) v(x, w)"),
    ("sample_state", "SELECT s::text FROM (SELECT povext.sample_state_accum_quantile(NULL, 4, 1, 0.25) s) t"),
    # the compact form (more than 32 rows): integers, decimals, float8 bits, runs of equal pairs
    ("sample_state", "SELECT povext.sample_state_agg(x, w)::text FROM (VALUES (1), (2), (3)) k(kind), "
                     "LATERAL (SELECT CASE kind WHEN 1 THEN i * 7919 % 1000 - 300 WHEN 2 THEN i / 4.0 ELSE i / 3.0 END, "
                     "CASE kind WHEN 1 THEN 1 + i % 3 WHEN 2 THEN 0.5 ELSE 1e-300 END "
                     "FROM generate_series(1, 40) i) v(x, w) GROUP BY kind"),
]

INTERESTING_INTS = [0, 1, 2, 0x7f, 0x80, 0xff, 0x7fff, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff,
                    0x7fffffffffffffff, 0x8000000000000000, 0xffffffffffffffff, 64, 63, 21, 1000000]
INTERESTING_DOUBLES = [float("nan"), float("inf"), -float("inf"), -0.0, 1e308, 5e-324, -1.0, 1e-300]
INTERESTING_NUMBERS = ["0", "-0", "-1", "1e308", "1e309", "-1e400", "5e-324", "1e-400", "NaN",
                       "Infinity", "9223372036854775807", "9223372036854775808",
                       "-9223372036854775809", "18446744073709551616", "170141183460469231731687303715884105728",
                       "2147483648", "0.0000001", "1" * 400, "1." + "0" * 100 + "1", "00", "1e", "--1", ".5"]
TEXT_PIECES = ["{", "}", "[", "]", "\"", ",", ":", "-", ".", "e", "E", "+", " ", "\\", "\\u0000", "/", "=", "A", "//8",
               "null", "true", "ế", "\u00a0", "\t", "nutrition", "assets", "water", "ophi-mpi"]

class Fuzzer:
    def __init__(self, args):
        self.args = args
        self.rng = random.Random(args.seed)
        self.counts = {"text": 0, "binary": 0, "calls": 0, "aggregates": 0, "user_aggregates": 0,
                       "catalog": 0}
        self.accepted = 0
        self.errors = 0
        self.deaths = []
        self.internal = {}
        self.round_trip = []
        self.round_trip_count = 0
        self.conn = None
        self.connect()
        self.pools = {t: [] for t in STATE_TYPES}
        self.sends = {t: [] for t in STATE_TYPES}
        self.enum_labels = {}
        self.functions = []

    def connect(self):
        deadline = time.time() + 60
        while True:
            try:
                self.conn = psycopg2.connect(dbname=self.args.dbname)
                break
            except psycopg2.OperationalError:
                if time.time() > deadline:
                    raise
                time.sleep(1)  # the postmaster is restarting after a crash
        self.conn.autocommit = True
        with self.conn.cursor() as cur:
            cur.execute("SET statement_timeout = '5s'; SET client_min_messages = error; "
                        "SET search_path = pg_catalog, pg_temp")

    # Runs one input: SQL (with COPY data if given) in a transaction that is rolled
    # back.  Returns the rows, or None on an error; records deaths and XX000.
    def run(self, sql, copy_data=None, copy_sql=None):
        try:
            with self.conn.cursor() as cur:
                cur.execute("BEGIN")
                try:
                    if copy_sql is not None:
                        cur.copy_expert(copy_sql, io.BytesIO(copy_data))
                    cur.execute(sql)
                    rows = cur.fetchall() if cur.description else []
                    return rows
                finally:
                    if not self.conn.closed:
                        cur.execute("ROLLBACK")
        except psycopg2.Error as e:
            # psycopg2 raises OperationalError for SQLSTATE classes 53, 54 and 57
            # too: only a closed connection is a death.
            if self.conn.closed:
                self.record_death(sql, copy_data, copy_sql)
                return None
            self.errors += 1
            if os.environ.get("POVEXT_FUZZ_DEBUG"):
                print("fuzz: %s\n  %s" % ((e.pgerror or "").strip(), sql[:400]), file=sys.stderr)
            if e.pgcode == "XX000":
                message = (e.pgerror or "").strip().splitlines()[0]
                self.internal.setdefault(message, sql[:300])
            return None

    def record_death(self, sql, copy_data, copy_sql):
        n = len(self.deaths) + 1
        path = os.path.join(self.args.out, "death-%d.sql" % n)
        with open(path, "w") as f:
            if copy_sql is not None:
                f.write("-- binary COPY data (hex) fed to: %s\n-- %s\n" % (copy_sql, copy_data.hex()))
            f.write(sql + ";\n")
        self.deaths.append(path)
        print("fuzz: backend died; input written to %s" % path, file=sys.stderr)
        try:
            self.conn.close()
        except psycopg2.Error:
            pass
        time.sleep(2)
        self.connect()

    def load(self):
        """Seed corpus (files and aggregates), enum labels and the functions to call."""
        corpus = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")
        for t in STATE_TYPES:
            with open(os.path.join(corpus, t + ".txt")) as f:
                self.pools[t] += [line.rstrip("\n") for line in f if line.strip()]
        for t, q in SEED_QUERIES:
            self.pools[t] += [r[0] for r in self.run(q) or [] if r[0] is not None]
        for t in STATE_TYPES:
            for text in self.pools[t]:
                rows = self.run("SELECT povext.%s_send(%s)" % (t, literal(text, "povext." + t)))
                if rows:
                    self.sends[t].append(bytes(rows[0][0]))
        for t in ENUM_TYPES:
            rows = self.run("SELECT e::text FROM unnest(enum_range(NULL::povext.%s)) e" % t)
            self.enum_labels[t] = [r[0] for r in rows]
        rows = self.run("""
            SELECT p.proname, p.prokind, array(SELECT format_type(a, NULL) FROM unnest(p.proargtypes) a),
                   format_type(p.prorettype, NULL), p.proisstrict
              FROM pg_proc p
             WHERE p.pronamespace = 'povext'::regnamespace
               AND p.prorettype <> 'trigger'::regtype
               AND NOT 'internal'::regtype = ANY (p.proargtypes)
             ORDER BY p.oid::regprocedure::text""")
        self.functions = [tuple(row) for row in rows]
        total = sum(len(v) for v in self.pools.values())
        if total < 10 or not self.functions:
            sys.exit("fuzz: could not load the seed corpus or povext's functions")

    # --- values -------------------------------------------------------------

    def value(self, typ, depth=0, valid=False):
        """A SQL expression of type typ: adversarial literal, pool value or nested call;
        if valid, an ordinary value."""
        r = self.rng
        short = typ[len("povext."):] if typ.startswith("povext.") else typ
        if valid and typ in VALID:
            return literal(r.choice(VALID[typ]), typ)
        if valid and short in STATE_TYPES:
            return literal(r.choice(self.pools[short]), typ)
        if r.random() < 0.08:
            return "NULL::" + typ
        if short in STATE_TYPES:
            if depth < 2 and r.random() < 0.25:
                makers = [f for f in self.functions if f[3] == typ and f[1] == "f"]
                if makers:
                    return self.call_sql(r.choice(makers), depth + 1)
            if short in STORED_COLUMNS and r.random() < 0.1:
                return stored(short, r.randint(1, 2))
            text = r.choice(self.pools[short])
            if r.random() < 0.3:
                text = self.mutate_text(text)
            return literal(text, typ)
        if short in ENUM_TYPES:
            return literal(r.choice(self.enum_labels[short] + ["", "POOR"]), typ)
        if typ == "cstring":
            return literal(self.mutate_text(r.choice(self.pools[r.choice(STATE_TYPES)])), "cstring")
        choice = r.choice(SCALARS.get(typ) or [None])
        return "NULL::" + typ if choice is None else literal(choice, typ)

    def call_sql(self, fn, depth=0):
        name, kind, args, ret, strict = fn
        return "povext.%s(%s)" % (name, ", ".join(self.value(a, depth) for a in args))

    # --- mutations ----------------------------------------------------------

    def mutate_text(self, text):
        r = self.rng
        for _ in range(r.choice([1, 1, 1, 2, 3])):
            op = r.randrange(8)
            i = r.randint(0, len(text))
            j = r.randint(i, min(len(text), i + 40))
            if op == 0:
                text = text[:i] + r.choice(TEXT_PIECES) + text[i:]
            elif op == 1:
                text = text[:i] + text[j:]
            elif op == 2:
                text = text[:i] + text[i:j] * r.randint(2, 50) + text[i:]
            elif op == 3:
                numbers = list(re.finditer(r"-?\d+(\.\d+)?([eE][-+]?\d+)?", text))
                if numbers:
                    m = r.choice(numbers)
                    text = text[:m.start()] + r.choice(INTERESTING_NUMBERS) + text[m.end():]
            elif op == 4:
                other = r.choice(self.pools[r.choice(STATE_TYPES)])
                text = text[:i] + other[r.randint(0, len(other)):]
            elif op == 5:
                text = text[:i]
            elif op == 6:
                words = list(re.finditer(r'"[^"]*"|[a-z_]+', text))
                if words:
                    m = r.choice(words)
                    text = text[:m.start()] + r.choice(['""', '"ophi-mpi"', '"vn-2022"', '"assets"',
                                                        '"p"', '"x"', "null", "[]", "{}"]) + text[m.end():]
            else:
                text = text[:i] + text[j:] + text[i:j]
        return text.replace("\0", "")[:20000]  # bounded: deterministic, never near the timeout

    def mutate_bytes(self, data):
        r = self.rng
        data = bytearray(data)
        for _ in range(r.choice([1, 1, 1, 2, 3])):
            op = r.randrange(8)
            i = r.randint(0, len(data))
            if op == 0 and data:
                k = r.randrange(len(data))
                data[k] ^= 1 << r.randrange(8)
            elif op == 1 and data:
                data[r.randrange(len(data))] = r.choice([0, 1, 0x7f, 0x80, 0xff])
            elif op == 2:
                size = r.choice([2, 4, 8])
                v = r.choice(INTERESTING_INTS) & ((1 << (8 * size)) - 1)
                data[i:i + size] = v.to_bytes(size, "big")
            elif op == 3:
                data[i:i + 8] = struct.pack(">d", r.choice(INTERESTING_DOUBLES))
            elif op == 4:
                del data[i:]
            elif op == 5:
                data[i:i] = bytes(r.randrange(256) for _ in range(r.randint(1, 16)))
            elif op == 6:
                j = r.randint(i, len(data))
                data[i:i] = data[i:j] * r.randint(1, 20)
            else:  # the bytes of another type: wrong-typed states
                other = self.sends[r.choice(STATE_TYPES)]
                if other:
                    data[i:] = r.choice(other)
        return bytes(data)

    # --- the four kinds of input -------------------------------------------

    def text_input(self):
        """A mutated text through the type's input function, then its accessors."""
        r = self.rng
        if r.random() < 0.1:
            t = r.choice(ENUM_TYPES)
            text = self.mutate_text(r.choice(self.enum_labels[t]))
            self.run("SELECT %s::text" % literal(text, "povext." + t))
            return
        t = r.choice(STATE_TYPES)
        text = self.mutate_text(r.choice(self.pools[t]))
        v = literal(text, "povext." + t)
        rows = self.run("SELECT %s::text, povext.%s_send(%s)" % (v, t, v))
        if rows:
            self.accepted += 1
            self.accept(t, rows[0][0], bytes(rows[0][1]))
            self.check(t, rows[0][0], text)

    def binary_input(self):
        """A mutated send() output through the type's receive function (binary COPY)."""
        r = self.rng
        if r.random() < 0.1:
            t = r.choice(ENUM_TYPES)
            data = self.mutate_bytes(r.choice(self.enum_labels[t]).encode())
        else:
            t = r.choice(STATE_TYPES)
            data = self.mutate_bytes(r.choice(self.sends[t] or [b""]))
        copy = (b"PGCOPY\n\xff\r\n\0" + struct.pack(">ii", 0, 0) + struct.pack(">hi", 1, len(data))
                + data + struct.pack(">h", -1))
        table = "fuzz.bin_" + t
        rows = self.run("SELECT v::text FROM %s" % table, copy,
                        "COPY %s (v) FROM STDIN WITH (FORMAT binary)" % table)
        if rows and t in STATE_TYPES and rows[0][0] is not None:
            self.accepted += 1
            self.accept(t, rows[0][0], data)
            self.check(t, rows[0][0], "binary " + data.hex())

    def accept(self, t, text, send):
        """Keeps an accepted value for later mutations and calls (bounded pools)."""
        for pool, item in ((self.pools[t], text), (self.sends[t], send)):
            if len(pool) < 300:
                pool.append(item)
            else:
                pool[self.rng.randrange(len(pool))] = item

    def check(self, t, text, source):
        """An accepted value: its text reads back the same, and its accessors run."""
        v = literal(text, "povext." + t)
        rows = self.run("SELECT %s::text" % v)
        if rows and rows[0][0] != text:
            self.round_trip_count += 1
        if rows and rows[0][0] != text and len(self.round_trip) < 10:
            self.round_trip.append("%s: %s -> %s (from %s)" % (t, text[:200], (rows[0][0] or "")[:200],
                                                             source[:200]))
        exprs = ACCESSORS[t]
        self.run("SELECT " + ", ".join("(%s)::text" % e.format(v=v) for e in exprs))

    def function_call(self):
        """A povext function (or an aggregate over a few rows, maybe as a window) on adversarial values."""
        r = self.rng
        fn = r.choice(self.functions)
        name, kind, args, ret, strict = fn
        if kind == "f":
            self.counts["calls"] += 1
            self.run("SELECT (%s)::text" % self.call_sql(fn))
            return
        self.counts["aggregates"] += 1
        nrows = r.randint(0, 6)
        valid = r.random() < 0.5
        rows = ["(%d, %s)" % (k, ", ".join(self.value(a, 1, valid and r.random() < 0.9) for a in args))
                for k in range(nrows)]
        cols = ", ".join("c%d" % k for k in range(len(args)))
        source = "(VALUES %s) v(ord, %s)" % (", ".join(rows), cols) if rows else \
            "(SELECT 0 AS ord, %s WHERE false) v" % ", ".join("NULL::%s AS c%d" % (a, k) for k, a in enumerate(args))
        over = r.choice(["", " OVER (ORDER BY ord)",
                         " OVER (ORDER BY ord ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)",
                         " OVER (ORDER BY ord ROWS BETWEEN CURRENT ROW AND 2 FOLLOWING)"])
        self.run("SELECT (povext.%s(%s)%s)::text FROM %s" % (name, cols, over, source))

    def user_aggregate(self):
        """An aggregate a user builds from povext's support functions: any transition,
        combine or final function, a fuzzed INITCOND, and a moving form whose inverse
        returns a foreign, merged or NULL state; run as a window so the inverse is used."""
        r = self.rng
        t = r.choice(["af_state", "fgt_state", "sample_state"])
        typ = "povext." + t
        sfuncs = [f for f in self.functions if f[1] == "f" and f[3] == typ and f[2] and f[2][0] == typ]
        sname, _, sargs, _, sstrict = r.choice(sfuncs)
        finals = [f[0] for f in self.functions if f[1] == "f" and f[2] == [typ] and f[3] != "cstring"]
        aargs = sargs[1:]
        argdecl = ", ".join(aargs) if aargs else typ
        params = ", ".join(["s " + typ] + ["a%d %s" % (k, a) for k, a in enumerate(aargs)])
        inverse = r.choice(["NULL::%s" % typ, "s", literal(self.mutate_text(r.choice(self.pools[t])), typ),
                            stored(t, 1), stored(t, 2),
                            literal(r.choice(self.pools[t]), typ),
                            "povext.%s_combine(s, s)" % t if t != "fgt_state" else "povext.fgt_state_combine(s, s)"])
        init = ""
        if r.random() < 0.4:
            text = r.choice(self.pools[t])
            init = ", INITCOND = %s" % literal(self.mutate_text(text) if r.random() < 0.3 else text, None)
        final = mfinal = ""
        if finals and r.random() < 0.5:
            final = ", FINALFUNC = povext.%s" % r.choice(finals)
            mfinal = final.replace("FINALFUNC", "MFINALFUNC")
        nrows = r.randint(1, 6)
        valid = r.random() < 0.7
        rows = ["(%d, %s)" % (k, ", ".join(self.value(a, 1, valid and r.random() < 0.9) for a in aargs or [typ]))
                for k in range(nrows)]
        ncols = max(1, len(aargs))
        cols = ", ".join("c%d" % k for k in range(ncols))
        frame = r.choice(["ROWS BETWEEN CURRENT ROW AND 1 FOLLOWING", "ROWS BETWEEN 2 PRECEDING AND CURRENT ROW",
                          "ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING"])
        sql = """
            CREATE FUNCTION pg_temp.fuzz_inverse(%(params)s) RETURNS %(typ)s LANGUAGE sql %(strict)s
                AS $f$ SELECT %(inverse)s $f$;
            CREATE AGGREGATE pg_temp.fuzz_agg(%(argdecl)s) (
                SFUNC = povext.%(sname)s, STYPE = %(typ)s%(init)s%(final)s,
                MSFUNC = povext.%(sname)s, MINVFUNC = pg_temp.fuzz_inverse, MSTYPE = %(typ)s%(minit)s%(mfinal)s);
            SELECT (pg_temp.fuzz_agg(%(cols)s) OVER (ORDER BY ord %(frame)s))::text,
                   (pg_temp.fuzz_agg(%(cols)s) OVER ())::text
              FROM (VALUES %(rows)s) v(ord, %(cols)s)""" % dict(
            params=params, typ=typ, strict="STRICT" if sstrict else "", inverse=inverse, argdecl=argdecl, sname=sname, init=init, final=final,
            minit=init.replace("INITCOND", "MINITCOND"), mfinal=mfinal, cols=cols, frame=frame,
            rows=", ".join(rows))
        self.counts["user_aggregates"] += 1
        self.run(sql)

    def catalog_input(self):
        """A standard of the user's (rows of the catalog tables with adversarial lines,
        weights and periods), used by classification and the deprivation index, then
        rolled back."""
        r = self.rng
        rule = r.choice(["two_band", "income_and_deprivation", "weighted_score"])
        weighted = rule == "weighted_score"
        numbers = [n for n in SCALARS["numeric"] if n is not None and not n.startswith("-")]
        sql = ["INSERT INTO povext.standard (code, scope, name, unit, rule, minimum_deprivations, legal_basis, "
               "confidence) VALUES ('fz', 'fuzz', 'fuzz', %s, '%s', %s, 'fuzz', 'unknown')"
               % ("NULL" if weighted else "'%s'" % r.choice(["month", "year"]), rule,
                  "NULL" if weighted else r.choice(["0", "1", "3", "21", "64", "2147483647"]))]
        for area in r.sample(["urban", "rural"], r.randint(0, 2)):
            lines = sorted(r.sample(numbers, 3), key=lambda n: float(n)) if r.random() < 0.7 else \
                [r.choice(numbers) for _ in range(3)]
            sql.append("INSERT INTO povext.standard_line (standard, scope, area, in_force, poor_line, "
                       "near_poor_line, middle_line, legal_basis, confidence) VALUES ('fz', 'fuzz', '%s', '%s', "
                       "'%s', '%s', %s, 'fuzz', 'unknown')"
                       % (area, r.choice(["[2020-01-01,)", "(,)", "[2024-01-01,2024-01-02)", "[-infinity,infinity]"]),
                          lines[0], lines[1], "NULL" if r.random() < 0.2 else "'%s'" % lines[2]))
        codes = ["water", "nutrition", "assets", "housing", "telecom", "employment", "child_mortality"]
        ints = [1, 2, 3, 7, 1000000, 2147483647]
        chosen = r.sample(codes, r.randint(1, len(codes)))
        # Mostly weights that add up to 1, as the catalog requires, so that
        # classification gets to read the lines.
        den = r.choice([len(chosen), 2 * len(chosen), 10000, r.choice(ints)])
        for k, code in enumerate(chosen):
            num = 1 if k < len(chosen) - 1 else den - len(chosen) + 1
            if r.random() < 0.1:
                num, den = r.choice(ints), r.choice(ints)
            sql.append("INSERT INTO povext.standard_indicator (standard, indicator, weight_numerator, "
                       "weight_denominator, confidence) VALUES ('fz', '%s', %d, %d, 'unknown')" % (code, num, den))
        rows = ", ".join("(%s, %s, '%s'::povext.area, %s, %s)" % (
                             self.value("numeric"), literal(r.choice(self.pools["deprivations"]), "povext.deprivations"),
                             r.choice(["urban", "rural"]), self.value("date"),
                             r.choice(["1", "0.5", "2.5", "1000", self.value("double precision")]))
                         for _ in range(r.randint(1, 4)))
        sql.append("SELECT povext.classify(y, d, 'fz', a, t)::text, povext.explain_classification(y, d, 'fz', a, t)::text, "
                   "povext.af_measures(povext.af_state_agg(d, 'fz', w) OVER (), %s)::text "
                   "FROM (VALUES %s) v(y, d, a, t, w)" % (r.choice(["0.33", "1", "0.0001", self.value("numeric")]),
                                                          rows))
        self.run(";\n".join(sql))

    def main(self):
        self.load()
        start = time.time()
        kinds = [(self.text_input, "text", 30), (self.binary_input, "binary", 25),
                 (self.function_call, None, 30), (self.user_aggregate, None, 10),
                 (self.catalog_input, "catalog", 5)]
        total_weight = sum(w for _, _, w in kinds)
        done = 0
        for done in range(1, self.args.iterations + 1):
            pick = self.rng.randrange(total_weight)
            for fn, counter, weight in kinds:
                if pick < weight:
                    if counter:
                        self.counts[counter] += 1
                    fn()
                    break
                pick -= weight
            if time.time() - start > self.args.max_seconds:
                print("fuzz: stopped at the time cap of %ds" % self.args.max_seconds, file=sys.stderr)
                break
        seconds = time.time() - start
        for message, sql in sorted(self.internal.items()):
            print("fuzz: internal error (XX000): %s\n      from: %s" % (message, sql))
        for line in self.round_trip:
            print("fuzz: text does not read back the same: %s" % line)
        print("fuzz: %d inputs (text %d, binary %d, function calls %d, aggregates %d, user aggregates %d, "
              "user standards %d), "
              "%d accepted, %d errors, %d internal errors, %d round-trip mismatches, %d backend deaths, "
              "%.1f s, seed %d" % (done, self.counts["text"], self.counts["binary"], self.counts["calls"],
                                   self.counts["aggregates"], self.counts["user_aggregates"],
                                   self.counts["catalog"], self.accepted,
                                   self.errors, len(self.internal), self.round_trip_count,
                                   len(self.deaths), seconds, self.args.seed))
        # a value that does not read back the same is a defect of its type's text form
        return 1 if self.deaths or self.round_trip_count else 0


# Columns of fuzz.stored (setup.sql): states as stored in a table, compressed in row 1.
STORED_COLUMNS = {"af_state": "af", "fgt_state": "fgt", "sample_state": "sample", "deprivations": "dep"}


def stored(t, row):
    """A stored value of type t, as a scalar subquery."""
    return "(SELECT %s FROM fuzz.stored WHERE id = %d)" % (STORED_COLUMNS[t], row)


def literal(text, typ):
    """A SQL literal of text, cast to typ if given; dollar-quoting would break on '$'."""
    quoted = "'" + text.replace("'", "''") + "'"
    if "\\" in text:
        quoted = "E" + "'" + text.replace("\\", "\\\\").replace("'", "''") + "'"
    return quoted + ("::" + typ if typ else "")


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--dbname", default="povext_fuzz")
    p.add_argument("--seed", type=int, default=20250601)
    p.add_argument("--iterations", type=int, default=6000)
    p.add_argument("--max-seconds", type=int, default=600, help="stop early after this many seconds")
    p.add_argument("--out", default=".", help="directory for the inputs that killed a backend")
    sys.exit(Fuzzer(p.parse_args()).main())
