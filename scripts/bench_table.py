#!/usr/bin/env python3
"""Prints the benchmark table from the JSON lines the benchmark producers print.

Reads one JSON object per line (from files given as arguments, or stdin):
  {"group", "name", "ours", "unit", "budget", "met", "peer", "peer_value", "ratio", "note"}
Lines that are not JSON objects are ignored. Prints a Markdown table, then the
notes numbered under it, then a one-line summary of budgets met and missed.
"""
import json
import sys


def fmt(v, unit=''):
    if v is None:
        return '—'
    if isinstance(v, float):
        if v != v:  # NaN
            return '—'
        text = f'{v:,.3g}' if abs(v) < 1000 else f'{v:,.0f}'
        if 'e' in text:
            text = f'{v:,.0f}'
    else:
        text = str(v)
    return f'{text} {unit}'.strip()


def cell(s):
    return str(s).replace('|', '\\|').replace('\n', ' ')


def read_rows(streams):
    rows = []
    for stream in streams:
        for line in stream:
            line = line.strip()
            if not line.startswith('{'):
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(row, dict) and 'name' in row:
                rows.append(row)
    return rows


def table(rows):
    out = ['| Group | Measure | Ours | Budget | Met? | Peer | Peer figure | Ratio |',
           '|---|---|---|---|---|---|---|---|']
    notes = []
    for r in rows:
        unit = r.get('unit') or ''
        met = {True: 'yes', False: '**NO**', None: '—'}[r.get('met')]
        note = (r.get('note') or '').strip()
        measure = cell(r.get('name', ''))
        if note:
            # Rows that share a note share its number.
            if note not in notes:
                notes.append(note)
            measure += f' [{notes.index(note) + 1}]'
        ratio = r.get('ratio')
        out.append('| ' + ' | '.join([
            cell(r.get('group', '')), measure, fmt(r.get('ours'), unit), cell(r.get('budget') or '—'), met,
            cell(r.get('peer') or '—'), fmt(r.get('peer_value'), unit if r.get('peer') else ''),
            f'{ratio:.2f}×' if isinstance(ratio, (int, float)) else '—',
        ]) + ' |')
    out.append('')
    out.extend(f'{i}. {cell(n)}' for i, n in enumerate(notes, 1))
    met = sum(r.get('met') is True for r in rows)
    missed = [r['name'] for r in rows if r.get('met') is False]
    skipped = sum('skipped' in (r.get('note') or '') for r in rows)
    out.append('')
    out.append(f'Budgets met: {met}; missed: {len(missed)}' + (f' ({"; ".join(missed)})' if missed else '')
               + f'; rows with something skipped: {skipped}.')
    return '\n'.join(out)


def main():
    streams = [open(p, encoding='utf-8') for p in sys.argv[1:]] or [sys.stdin]
    rows = read_rows(streams)
    if not rows:
        sys.exit('bench_table: no rows to print')
    print(table(rows))


if __name__ == '__main__':
    main()
