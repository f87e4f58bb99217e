"""Reads the psql --csv output of bench/registry.sql (and the session's peak
memory that bench/run appends) and writes the INSERTs of bench/run's result
tables: python3 bench/registry_parse.py <households> <run>.  Lines it does
not know are skipped, so the script's other output does not matter."""
import csv
import sys

households, run = int(sys.argv[1]), int(sys.argv[2])
steps = {
    ('with triggers', 'households'): (1, 'load households, with triggers'),
    ('with triggers', 'members'): (2, 'load members, with triggers'),
    ('without triggers', 'households'): (3, 'load households, without triggers (baseline)'),
    ('without triggers', 'members'): (4, 'load members, without triggers (baseline)'),
    ('registry_check',): (5, 'registry_check'),
    ('registry_recompute, nothing changed',): (6, 'registry_recompute, nothing changed'),
    ('registry_recompute, every household written',): (7, 'registry_recompute, every household written'),
    ('plain UPDATE of the same rows (household, then its status rows)',): (8, 'plain UPDATE of the same rows: household and status rows (baseline)'),
}


def literal(text):
    return "'" + text.replace("'", "''") + "'"


def timing(ord_, variant, ms, bench='registry'):
    print('INSERT INTO bench_result.timing (bench, size, jit, ord, variant, run, ms) VALUES '
          f'({literal(bench)}, {households}, {literal("-")}, {ord_}, {literal(variant)}, {run}, {float(ms)});')


for row in csv.reader(sys.stdin):
    if len(row) == 3 and (row[0], row[1]) in steps:
        timing(*steps[(row[0], row[1])], row[2])
    elif len(row) == 2 and (row[0],) in steps:
        timing(*steps[(row[0],)], row[1])
    elif len(row) == 5 and row[0] in ('bench_trig', 'bench_plain') and row[1].isdigit():
        # member updates in the PL/pgSQL loop: p50 and p99 in ms
        base = 1 if row[0] == 'bench_trig' else 3
        timing(base, f'{row[0]} p50', row[2], 'registry-update')
        timing(base + 1, f'{row[0]} p99', row[3], 'registry-update')
    elif len(row) == 2 and row[0] == 'session peak kB':
        print('INSERT INTO bench_result.memory (bench, size, variant, peak_kb) VALUES '
              f"('registry', {households}, 'whole bench/registry.sql session: peak RSS', {int(row[1])});")
    elif len(row) == 2 and row[0] == 'session shared kB':
        # shared buffers the session touched: part of its RSS, not its own memory
        print('INSERT INTO bench_result.memory (bench, size, variant, peak_kb) VALUES '
              f"('registry', {households}, 'whole bench/registry.sql session: shared memory in that RSS (RssShmem at the end)', {int(row[1])});")
