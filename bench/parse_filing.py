"""Benchmark: parse_filing throughput (MB/s, filings/s, per-filing latency) and a 100 MB uuencoded document.

    .venv/bin/python bench/parse_filing.py [--filings 400] [--big-mb 100] [--mirror DIR] [--quarter-filings N]

Inputs are generated here: 2004-style depositor 8-Ks of 20-60 KB (plain-text and HTML covers, ASCII
computational-materials tables, some Form SE exhibit-index rows and placeholder exhibits), then one
submission carrying a ~100 MB uuencoded binary. ``--mirror DIR`` also parses every ``.txt``/``.nc`` under
``DIR/Archives/edgar/data`` (a synthetic mirror); ``--quarter-filings N`` synthesizes a 2004 Q2 mirror with N
8-Ks in a temporary directory and measures it the same way. One JSON object is printed on stdout.
"""

from __future__ import annotations

import argparse
import binascii
import json
import platform
import random
import statistics
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crawler.edgar.filing import parse_filing  # noqa: E402

HEADER = """<SEC-DOCUMENT>{acc}.txt : {filed}
<SEC-HEADER>{acc}.hdr.sgml : {filed}
<ACCEPTANCE-DATETIME>{filed}163512
ACCESSION NUMBER:\t\t{acc}
CONFORMED SUBMISSION TYPE:\t8-K
PUBLIC DOCUMENT COUNT:\t\t{count}
CONFORMED PERIOD OF REPORT:\t{filed}
ITEM INFORMATION:\t\tOther events
ITEM INFORMATION:\t\tFinancial statements and exhibits
FILED AS OF DATE:\t\t{filed}

FILER:

\tCOMPANY DATA:
\t\tCOMPANY CONFORMED NAME:\t\t\t{name}
\t\tCENTRAL INDEX KEY:\t\t\t{cik:010d}
\t\tSTANDARD INDUSTRIAL CLASSIFICATION:\tASSET-BACKED SECURITIES [6189]
\t\tSTATE OF INCORPORATION:\t\t\tDE

\tFILING VALUES:
\t\tFORM TYPE:\t\t8-K
\t\tSEC ACT:\t\t1934 Act
\t\tSEC FILE NUMBER:\t333-{shelf}
\t\tFILM NUMBER:\t\t04723456
</SEC-HEADER>
"""
COVER = """                      SECURITIES AND EXCHANGE COMMISSION
                            Washington, D.C. 20549
                                   FORM 8-K
                 {name}, (as depositor under the Pooling
                 and Servicing Agreement, dated as of {month} 1, 2004,
                 providing for the issuance of Mortgage Pass-Through
                 Certificates, Series 2004-{series}).

Item 5.   Other Events.

         Filing of Computational Materials. {se_sentence}

Item 7.   Financial Statements and Exhibits.

            99.1     Computational Materials.
{se_row}
"""
SE_ROW = """            99.2     Computational Materials filed on Form SE dated {month} 8,
                     2004, pursuant to Rule 311(j) of Regulation S-T.
"""
NAMES = ["CWALT, INC.", "CWMBS INC", "STRUCTURED ASSET SECURITIES CORP", "GS MORTGAGE SECURITIES CORP",
         "MORGAN STANLEY CAPITAL I INC", "RESIDENTIAL ASSET MORTGAGE PRODUCTS INC"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July"]


def _table(rng: random.Random, size: int) -> str:
    rows = ["<TABLE>\n<CAPTION>\n       Class   Balance       Coupon    WAL    Window\n<S>   <C>     <C>   <C>\n"]
    total = 0
    while total < size:
        row = (f"       {rng.choice('ABCDM')}-{rng.randint(1, 9)}   {rng.randint(10**6, 10**9):>12,}   "
               f"{rng.uniform(1, 9):6.3f}  {rng.uniform(0.5, 20):5.2f}  {rng.randint(1, 360):>4}\n")
        rows.append(row)
        total += len(row)
        if rng.random() < 0.02:
            rows.append("</TABLE>\n<PAGE>\n<TABLE>\n")
    rows.append("</TABLE>\n")
    return "".join(rows)


def _document(doc_type: str, sequence: int, text: str, filename: str) -> str:
    return f"<DOCUMENT>\n<TYPE>{doc_type}\n<SEQUENCE>{sequence}\n<FILENAME>{filename}\n<TEXT>\n{text}\n</TEXT>\n</DOCUMENT>\n"


def make_8k(rng: random.Random, index: int) -> bytes:
    """One synthetic 2004 depositor 8-K of 20-60 KB."""
    month = rng.choice(MONTHS)
    with_se = rng.random() < 0.3
    cover = COVER.format(
        name=rng.choice(NAMES), month=month, series=f"{rng.choice('JAS')}{rng.randint(1, 12)}",
        se_sentence=(f"The Computational Materials listed as Exhibit 99.2 hereto were filed\non Form SE dated "
                     f"{month} 8, 2004." if with_se else ""),
        se_row=SE_ROW.format(month=month) if with_se else "",
    )
    if rng.random() < 0.3:
        paragraphs = [block.replace("\n", "<br>\n") for block in cover.split("\n\n")]
        cover = "<html><body>" + "".join(f"<p>{block}</p>\n" for block in paragraphs) + "</body></html>"
    docs = [_document("8-K", 1, cover, f"efc4-{index}_8k.txt"),
            _document("EX-99.1", 2, _table(rng, rng.randint(18_000, 56_000)), f"efc4-{index}_ex991.txt")]
    if with_se and rng.random() < 0.5:
        docs.append(_document("EX-99.2", 3, "Computational Materials (P) [Filed on Form SE]", f"ex992_{index}.txt"))
    header = HEADER.format(acc=f"0000905148-04-{index:06d}", filed=f"2004{MONTHS.index(month) + 1:02d}08",
                           count=len(docs), name=rng.choice(NAMES), cik=1269518 + index, shelf=110343 + index % 50)
    return (header + "".join(docs) + "</SEC-DOCUMENT>\n").encode("latin-1")


def make_big(megabytes: int) -> bytes:
    """A submission whose second document is a uuencoded binary of about ``megabytes`` MB encoded."""
    payload = random.Random(1).randbytes(megabytes * 1_000_000 * 45 // 62)
    lines = [b"begin 644 big.zip"]
    lines += [binascii.b2a_uu(payload[i : i + 45]).rstrip(b"\n") for i in range(0, len(payload), 45)]
    body = b"\n".join(lines + [b"`", b"end"])
    head = make_8k(random.Random(2), 999_999)
    cut = head.rindex(b"</SEC-DOCUMENT>")
    return head[:cut] + b"<DOCUMENT>\n<TYPE>ZIP\n<SEQUENCE>9\n<TEXT>\n" + body + b"\n</TEXT>\n</DOCUMENT>\n" + head[cut:]


def measure(inputs: list[bytes], repeat: int = 3) -> dict[str, Any]:
    """Throughput over all runs; latency per filing as the best of its ``repeat`` runs (robust to a busy host)."""
    best: list[float] = []
    errors = 0
    started = time.perf_counter()
    for data in inputs:
        runs = []
        for _ in range(repeat):
            begin = time.perf_counter()
            filing = parse_filing(data)
            runs.append(time.perf_counter() - begin)
        best.append(min(runs))
        errors += bool(filing.errors)
    elapsed = time.perf_counter() - started
    volume = sum(map(len, inputs)) * repeat
    best.sort()
    return {
        "filings": len(inputs), "repeat": repeat, "mean_kb": round(volume / repeat / len(inputs) / 1024, 1),
        "filings_per_s": round(len(inputs) * repeat / elapsed, 1), "mb_per_s": round(volume / elapsed / 1e6, 1),
        "median_ms": round(statistics.median(best) * 1000, 3),
        "p95_ms": round(best[max(0, int(len(best) * 0.95) - 1)] * 1000, 3),
        "max_ms": round(best[-1] * 1000, 3), "filings_with_errors": errors,
    }


def measure_big(megabytes: int) -> dict[str, Any]:
    """Time one parse (untraced), then parse again under tracemalloc for the peak memory beyond the input."""
    data = make_big(megabytes)
    begin = time.perf_counter()
    filing = parse_filing(data)
    elapsed = time.perf_counter() - begin
    tracemalloc.start()
    parse_filing(data)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    big = filing.documents[-1]
    return {"input_mb": round(len(data) / 1e6, 1), "seconds": round(elapsed, 2),
            "mb_per_s": round(len(data) / elapsed / 1e6, 1), "peak_extra_mb": round(peak / 1e6, 1),
            "decoded_mb": round((big.decoded_size or 0) / 1e6, 1), "errors": filing.errors}


def measure_mirror(root: Path) -> dict[str, Any]:
    files = sorted(p for p in (root / "Archives" / "edgar" / "data").rglob("*") if p.suffix in (".txt", ".nc"))
    inputs = [p.read_bytes() for p in files]
    result = measure(inputs) if inputs else {"filings": 0}
    result["root"] = str(root)
    return result


def measure_synthetic_quarter(filings: int) -> dict[str, Any]:
    from datetime import date
    from tempfile import TemporaryDirectory

    from crawler.mirror.synth import synthesize

    with TemporaryDirectory() as scratch:
        root = Path(scratch) / "mirror"
        synthesize(root, seed=1, start=date(2004, 4, 1), end=date(2004, 6, 30), filings=filings)
        result = measure_mirror(root)
    result["root"] = f"synthetic 2004Q2, {filings} 8-Ks"
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--filings", type=int, default=400)
    parser.add_argument("--big-mb", type=int, default=100)
    parser.add_argument("--mirror", type=Path)
    parser.add_argument("--quarter-filings", type=int, default=0)
    args = parser.parse_args()
    rng = random.Random(42)
    inputs = [make_8k(rng, index) for index in range(args.filings)]
    report: dict[str, Any] = {
        "python": platform.python_version(), "machine": platform.machine(),
        "typical_8k": measure(inputs),
        "big_uuencoded": measure_big(args.big_mb) if args.big_mb else None,
    }
    if args.mirror:
        report["mirror"] = measure_mirror(args.mirror)
    if args.quarter_filings:
        report["synthetic_quarter"] = measure_synthetic_quarter(args.quarter_filings)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
