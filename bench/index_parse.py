"""Benchmark: parse a generated ~250k-row quarterly form.idx (real 12-character layout); JSON on stdout.

    .venv/bin/python bench/index_parse.py [--rows 250000] [--repeat 5]
        [--edgartools-python /tmp/etvenv/bin/python]   # a throwaway venv with `pip install edgartools`
        [--mirror DIR]            # also check a synthetic mirror (`edgar-archive mirror synth DIR`) against its truth

edgartools is never a project dependency: it is run in a subprocess with the interpreter given.
"""

from __future__ import annotations

import argparse
import gzip
import json
import platform
import random
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crawler.edgar.index import IndexEntry, iter_index, iter_index_bytes  # noqa: E402
from crawler.edgar.selection import MemoryAbsRegistry, select_candidates  # noqa: E402

HEADER = """Description:           Master Index of EDGAR Dissemination Feed by Form Type
Last Data Received:    June 30, 2004
Comments:              webmaster@sec.gov
Anonymous FTP:         ftp://ftp.sec.gov/edgar/




Form Type   Company Name                                                  CIK         Date Filed  File Name
---------------------------------------------------------------------------------------------------------------------------------------------
"""
FORMS = [("4", 40), ("8-K", 10), ("SC 13G/A", 6), ("10-Q", 6), ("424B2", 5), ("D", 5), ("497", 5), ("3", 4),
         ("8-K/A", 1), ("DEF 14A", 2), ("13F-HR", 2), ("S-8", 1), ("1-A POS", 1), ("424B5", 2), ("10-K", 2),
         ("FWP", 3), ("SE", 1), ("S-3/A", 1), ("NT 10-Q", 1), ("8-K12G3", 1)]
WORDS = ["ACME", "CAPITAL", "HOLDINGS", "MORTGAGE", "TRUST", "FINANCIAL", "ENERGY", "PARTNERS", "GLOBAL", "BANCORP",
         "SECURITIES", "REALTY", "FUNDING", "TECHNOLOGIES", "PHARMA", "Series", "2004-J4", "Pass-Through", "Inc.",
         "CORP", "LLC", "/DE/", "GROUP", "SMITH", "JOHN", "A", "& CO", "Asset-Backed", "Certificates"]


def generate_index(rows: int, seed: int) -> bytes:
    """A quarterly form.idx in the 12-character layout, sorted by form type like SEC's."""
    rng = random.Random(seed)
    forms = [form for form, weight in FORMS for _ in range(weight)]
    quarter_days = [date(2004, 4, 1) + timedelta(days=i) for i in range(91)]
    records = []
    for serial in range(rows):
        name = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 9)))
        if rng.random() < 0.02:
            name = name.replace(" ", "  ", 1)  # double spaces occur in real names
        cik = rng.randint(1000, 1_300_000)
        agent = rng.choice([905148, 1056404, 914121, 950123, cik])
        filename = f"edgar/data/{cik}/{agent:010d}-04-{serial:06d}.txt"
        records.append((rng.choice(forms), name[:60].rstrip(), cik, rng.choice(quarter_days).isoformat(), filename))
    records.sort(key=lambda record: (record[0], record[1]))
    lines = [f"{form:<12}{name:<62}{cik:<12}{filed:<12}{filename}" for form, name, cik, filed, filename in records]
    return (HEADER + "\n".join(lines) + "\n").encode("latin-1")


def best_of(repeat: int, work: Callable[[], Any]) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - started)
    return min(times), result


def measure_ours(path: Path, data: bytes, repeat: int) -> dict[str, Any]:
    def stream_file() -> int:
        with path.open("rb") as lines:
            return sum(1 for row in iter_index(lines) if isinstance(row, IndexEntry))

    stream_s, count = best_of(repeat, stream_file)
    bytes_s, _ = best_of(repeat, lambda: sum(1 for _ in iter_index_bytes(data)))
    packed = gzip.compress(data, compresslevel=6)
    gzip_s, _ = best_of(repeat, lambda: sum(1 for _ in iter_index_bytes(packed)))
    select_s, selection = best_of(repeat, lambda: select_candidates(iter_index_bytes(data), MemoryAbsRegistry()))
    tracemalloc.start()
    stream_file()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "rows": count,
        "stream_from_file_s": round(stream_s, 3),
        "rows_per_s": round(count / stream_s),
        "from_bytes_s": round(bytes_s, 3),
        "from_gzip_bytes_s": round(gzip_s, 3),
        "parse_and_select_s": round(select_s, 3),
        "selected_accessions": len(selection.candidates),
        "undecided_accessions": len(selection.undecided),
        "lookup_ciks": len(selection.lookup_ciks),
        "malformed": len(selection.malformed),
        "peak_traced_memory_kb_streaming": round(peak / 1024),
    }


EDGARTOOLS_SNIPPET = r"""
import json, sys, time
from edgar._filings import read_form_index_file, read_fixed_width_index, form_specs
import edgar
path, repeat, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
data = open(path, "rb").read()
def best(fn):
    times = []
    for _ in range(repeat):
        t = time.perf_counter(); result = fn(); times.append(time.perf_counter() - t)
    return min(times), result
split_s, table = best(lambda: read_form_index_file(data.decode("latin-1")))
fixed_s, fixed = best(lambda: read_fixed_width_index(data.decode("latin-1"), form_specs))
rows = table.to_pylist()
json.dump({"company": [r["company"] for r in rows], "accession": [r["accession_number"] for r in rows]}, open(out, "w"))
print(json.dumps({"version": edgar.__version__, "rows": table.num_rows, "read_form_index_file_s": round(split_s, 3),
                  "read_fixed_width_index_s": round(fixed_s, 3), "fixed_width_rows": fixed.num_rows}))
"""


def measure_edgartools(python: str | None, path: Path, repeat: int, ours: list[IndexEntry]) -> dict[str, Any]:
    if not python:
        return {"available": False, "reason": "not run: pass --edgartools-python (edgartools is not a project dependency)"}
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "rows.json"
        done = subprocess.run([python, "-c", EDGARTOOLS_SNIPPET, str(path), str(repeat), str(out)],
                              capture_output=True, text=True, check=False)
        if done.returncode != 0:
            return {"available": False, "reason": done.stderr.strip().splitlines()[-1:]}
        result = json.loads(done.stdout)
        theirs = json.loads(out.read_text())
    mine = sorted((entry.accession, entry.company_name) for entry in ours)
    other = sorted(zip(theirs["accession"], theirs["company"], strict=True))
    result["rows_per_s"] = round(result["rows"] / result["read_form_index_file_s"])
    result["company_names_differing_from_ours"] = sum(1 for a, b in zip(mine, other, strict=False) if a != b)
    result["available"] = True
    return result


def score_mirror(mirror: Path) -> dict[str, Any]:
    """Index files vs truth, and selection replayed over the quarterly and the daily files."""
    from tests.edgar.synthetic_score import index_mismatches, score_selection

    files, problems = index_mismatches(mirror)
    return {
        "mirror": str(mirror),
        "index_files": files,
        "index_files_differing_from_truth": problems,
        "quarterly": score_selection(mirror),
        "daily": score_selection(mirror, daily=True),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=250_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=20040401)
    parser.add_argument("--edgartools-python", default=None)
    parser.add_argument("--mirror", type=Path, default=None)
    args = parser.parse_args()
    data = generate_index(args.rows, args.seed)
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "form.idx"
        path.write_bytes(data)
        ours = [row for row in iter_index_bytes(data) if isinstance(row, IndexEntry)]
        report: dict[str, Any] = {
            "benchmark": "index_parse",
            "python": platform.python_version(),
            "machine": f"{platform.machine()} {platform.system()}",
            "file": {"rows": args.rows, "bytes": len(data), "layout": "form.idx, 12-character form column, YYYY-MM-DD"},
            "ours": measure_ours(path, data, args.repeat),
            "edgartools": measure_edgartools(args.edgartools_python, path, args.repeat, ours),
        }
    if args.mirror:
        report["synthetic_selection"] = score_mirror(args.mirror)
    json.dump(report, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
