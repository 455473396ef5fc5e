"""Form SE linkage measured against a synthetic mirror's independent truth.

Usage: ``python -m bench.se_linkage MIRROR_DIR... [--window DAYS] [--json FILE] [--spread N]`` (mirrors from
``edgar-archive mirror synth``). Prints one Markdown row per mirror and the pooled figures.

Method
1. The mirror's indexes are read as a crawler reads them (``Archives/edgar/full-index/*/QTR*/form.idx``
   and the daily ``form.*.idx``, plain or gzip, through ``crawler.edgar.index.iter_index_bytes``); rows
   of the 8-K family and of Form SE give the submissions to read (one per accession, all filer CIKs).
   Only when the mirror has no index is ``_truth/se_filings.jsonl`` used, and then only for the
   list of SE accessions and CIKs, never for an answer.
2. Every such submission file is parsed by ``crawler.edgar.filing.parse_filing``. SE submissions
   become ``SeRecord``s; each SE reference the parser finds in an 8-K becomes a ``ReferenceContext``,
   both through the crawl's own conversion (``crawler.linking``).
3. ``link_references`` decides all references at once with ``as_of`` past every window, so each
   decision is final (``pending`` cannot remain).
4. Decisions are joined with ``_truth/filings.jsonl`` on (8-K accession, exhibit). Truth kinds:
   ``se_accession`` a string (one true SE), a list (the truth itself is ambiguous), null (no SE).
   - precision = links to the true SE / all ``linked`` decisions (a link on a truly ambiguous or
     SE-less reference counts as wrong: it is a guess; a reference the parser found but the truth
     does not list, e.g. one split in two, is right only when linked to an SE the truth gives its 8-K);
   - recall = links to the true SE / references whose truth is one SE (references the parser missed
     count as not linked);
   - ambiguous_reported = truly ambiguous references reported ``ambiguous`` / all truly ambiguous;
   - wrong links to a coincidental SE: links to the SE every explanation of what EDGAR shows gives the
     reference although the generator made it for something else (``coincidental`` in the truth). They
     count as wrong in the precision; they are shown apart because no linker can avoid them.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from crawler.edgar.forms import is_8k_family, is_se
from crawler.edgar.index import IndexEntry, iter_index_bytes
from crawler.edgar.se_link import DEFAULT_WINDOW_DAYS, LinkDecision, ReferenceContext, SeRecord, link_references


@dataclass(slots=True)
class Submission:
    accession: str
    form_type: str
    date_filed: date
    ciks: list[int]
    names: list[str]
    paths: list[Path]


def index_submissions(mirror: Path) -> dict[str, Submission]:
    """8-K-family and SE submissions listed in the mirror's form indexes, by accession."""
    found: dict[str, Submission] = {}
    edgar = mirror / "Archives" / "edgar"
    files = sorted(edgar.glob("full-index/*/QTR*/form.idx*")) + sorted(edgar.glob("daily-index/*/QTR*/form.*.idx*"))
    for index_file in _one_copy_each(files):
        for entry in iter_index_bytes(index_file.read_bytes()):
            if isinstance(entry, IndexEntry) and (is_8k_family(entry.form_type) or is_se(entry.form_type)):
                _add(found, entry, mirror)
    return found


def _one_copy_each(files: list[Path]) -> Iterator[Path]:
    plain = {f for f in files if f.suffix == ".idx"}
    for path in files:
        if path.suffix == ".idx" or path.with_suffix("") not in plain:
            yield path


def _add(found: dict[str, Submission], entry: IndexEntry, mirror: Path) -> None:
    path = mirror / "Archives" / entry.filename
    item = found.setdefault(entry.accession, Submission(entry.accession, entry.form_type, entry.date_filed, [], [], []))
    if entry.cik not in item.ciks:
        item.ciks.append(entry.cik)
        item.names.append(entry.company_name)
    if path not in item.paths:
        item.paths.append(path)


def truth_se_submissions(mirror: Path) -> dict[str, Submission]:
    """Fallback when the mirror has no index: SE accessions and CIKs only (paths), no answers."""
    found: dict[str, Submission] = {}
    for row in _jsonl(mirror / "_truth" / "se_filings.jsonl"):
        path = mirror / "Archives" / "edgar" / "data" / str(row["cik"]) / f"{row['accession']}.txt"
        filed = date.fromisoformat(row["filed_date"])
        found[row["accession"]] = Submission(row["accession"], "SE", filed, [row["cik"]], [""], [path])
    return found


def read_mirror(mirror: Path) -> tuple[list[ReferenceContext], list[SeRecord], list[str]]:
    """(references, SE records, problems) from parsing every listed submission."""
    from crawler.edgar.filing import parse_filing  # the parser under measurement
    from crawler.linking import reference_contexts, se_record  # the crawl's own conversion

    submissions = index_submissions(mirror) or truth_se_submissions(mirror)
    references: list[ReferenceContext] = []
    records: list[SeRecord] = []
    problems: list[str] = []
    for accession in sorted(submissions):
        sub = submissions[accession]
        path = next((p for p in sub.paths if p.exists()), None)
        if path is None:
            problems.append(f"{accession}: submission file missing")
            continue
        body = path.read_bytes()
        try:
            parsed = parse_filing(body)
        except Exception as exc:  # noqa: BLE001 - a benchmark reports every failure and goes on
            problems.append(f"{accession}: {type(exc).__name__}: {exc}")
            continue
        item = _item(sub, path, body, parsed)
        if is_se(sub.form_type):
            records.append(se_record(item))
        else:
            references.extend(reference_contexts(item))
    return references, records, problems


def _item(sub: Submission, path: Path, body: bytes, parsed: Any) -> Any:
    from crawler.items import SubmissionItem

    kind = "SE" if is_se(sub.form_type) else "8-K"
    return SubmissionItem(
        accession=sub.accession, kind=kind, index_form_type=sub.form_type, date_filed=sub.date_filed,
        filer_ciks=tuple(sub.ciks), filer_names=tuple(sub.names), url=str(path), body=body,
        fetched_at=datetime.now(UTC), parsed=parsed,
    )


def score(decisions: list[LinkDecision], truth_rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Compare decisions with the truth (see the module docstring for the definitions)."""
    decided = {(d.accession, _exhibit(d.exhibit)): d for d in decisions}
    truth: dict[tuple[str, str], Any] = {}
    coincidental: dict[tuple[str, str], str | None] = {}
    for row in truth_rows:
        for ref in row.get("se_references") or []:
            truth[row["accession"], _exhibit(ref.get("exhibit"))] = ref.get("se_accession")
            coincidental[row["accession"], _exhibit(ref.get("exhibit"))] = ref.get("coincidental")
    counts: Counter[str] = Counter()
    confusion: dict[str, Counter[str]] = defaultdict(Counter)
    wrong: list[str] = []
    missed: list[str] = []
    for key, answer in sorted(truth.items()):
        kind = "ambiguous" if isinstance(answer, list) else "none" if answer is None else "one"
        decision = decided.get(key)
        status = decision.status if decision else "not_found"
        confusion[kind][status] += 1
        counts[f"truth_{kind}"] += 1
        if status == "linked":
            counts["linked"] += 1
            if kind == "one" and decision.se_accession == answer:
                counts["linked_correct"] += 1
                counts["linked_correct_in_truth"] += 1
            else:
                if decision.se_accession is not None and decision.se_accession == coincidental.get(key):
                    counts["linked_coincidental"] += 1  # what every explanation of EDGAR's facts says
                wrong.append(f"{key[0]} ex {key[1]}: linked {decision.se_accession}, truth {answer}: "
                             f"{decision.evidence}")
        elif kind == "one":
            missed.append(f"{key[0]} ex {key[1]}: {status}, truth {answer}: {decision.evidence if decision else ''}")
        if kind == "ambiguous" and status == "ambiguous":
            counts["ambiguous_reported"] += 1
            if set(answer) <= set(decision.candidates):
                counts["ambiguous_candidates_cover_truth"] += 1
    extra = [d for key, d in decided.items() if key not in truth]
    true_ses = defaultdict(set)
    for (accession, _), answer in truth.items():
        if isinstance(answer, str):
            true_ses[accession].add(answer)
    for d in extra:  # a parser artefact (e.g. a split reference): right when the SE is this 8-K's true SE
        if d.status == "linked":
            counts["linked"] += 1
            counts["linked_extra_reference"] += 1
            if d.se_accession in true_ses[d.accession]:
                counts["linked_correct"] += 1
                counts["linked_extra_reference_correct"] += 1
            else:
                wrong.append(f"{d.accession} ex {d.exhibit}: linked {d.se_accession}, reference not in truth")
    return {
        "references_in_truth": len(truth),
        "references_decided": len(decisions),
        "references_not_in_truth": len(extra),
        "precision": _ratio(counts["linked_correct"], counts["linked"]),
        "recall": _ratio(counts["linked_correct_in_truth"], counts["truth_one"]),
        "ambiguous_reported": _ratio(counts["ambiguous_reported"], counts["truth_ambiguous"]),
        "ambiguous_candidates_cover_truth": _ratio(
            counts["ambiguous_candidates_cover_truth"], counts["truth_ambiguous"]
        ),
        "counts": dict(sorted(counts.items())),
        "confusion": {kind: dict(sorted(c.items())) for kind, c in sorted(confusion.items())},
        "wrong_links": wrong[:20],
        "missed_links": missed[:20],
    }


def _exhibit(value: str | None) -> str:
    return (value or "").strip().upper()


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def evaluate(mirror: Path, window_days: int = DEFAULT_WINDOW_DAYS) -> dict[str, Any]:
    """Parse, link and score one mirror; the JSON report."""
    references, records, problems = read_mirror(mirror)
    last = max([r.filed_date for r in references] + [r.filed_date for r in records], default=date.today())
    as_of = last + timedelta(days=window_days + 1)  # every window closed: final decisions
    decisions = link_references(references, records, as_of=as_of, window_days=window_days)
    report = score(decisions, _jsonl(mirror / "_truth" / "filings.jsonl"))
    summary_path = mirror / "_truth" / "summary.json"
    summary = json.loads(summary_path.read_text()) if summary_path.exists() else {}
    report.update(mirror=str(mirror), se_records=len(records), window_days=window_days,
                  mirror_summary={k: summary.get(k) for k in ("seed", "start", "end", "filings_8k")},
                  statuses=dict(sorted(Counter(d.status for d in decisions).items())),
                  parse_problems=len(problems), parse_problem_examples=problems[:10])
    return report


def pooled(reports: list[dict[str, Any]]) -> dict[str, Any]:
    """The counts of several reports added up, with their ratios."""
    counts: Counter[str] = Counter()
    for report in reports:
        counts.update(report["counts"])
    return {
        "precision": _ratio(counts["linked_correct"], counts["linked"]),
        "recall": _ratio(counts["linked_correct_in_truth"], counts["truth_one"]),
        "ambiguous_reported": _ratio(counts["ambiguous_reported"], counts["truth_ambiguous"]),
        "counts": dict(sorted(counts.items())),
    }


def markdown(reports: list[dict[str, Any]]) -> str:
    """One table row per mirror, then the pooled figures."""
    def pct(value: float | None) -> str:
        return "n/a" if value is None else f"{100 * value:.2f}%"

    def row(name: str, report: dict[str, Any]) -> str:
        c = report["counts"]
        truth = f"{c.get('truth_one', 0)} / {c.get('truth_ambiguous', 0)} / {c.get('truth_none', 0)}"
        wrong = c.get("linked", 0) - c.get("linked_correct", 0)
        return (f"| {name} | {truth} | {c.get('linked', 0)} | {pct(report['precision'])} | {pct(report['recall'])} "
                f"| {pct(report['ambiguous_reported'])} | {wrong} ({c.get('linked_coincidental', 0)}) |")

    lines = ["| mirror (seed, range, 8-Ks) | truth one / ambiguous / none | linked | precision | recall "
             "| ambiguous reported | wrong links (to a coincidental SE) |", "|---|---|---|---|---|---|---|"]
    for report in reports:
        info = report["mirror_summary"]
        lines.append(row(f"seed {info['seed']}, {info['start']}..{info['end']}, {info['filings_8k']}", report))
    if len(reports) > 1:
        lines.append(row(f"**pooled ({len(reports)} mirrors)**", pooled(reports)))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Form SE linkage precision/recall on synthetic mirrors")
    parser.add_argument("mirrors", type=Path, nargs="+")
    parser.add_argument("--window", type=int, default=DEFAULT_WINDOW_DAYS)
    parser.add_argument("--spread", type=int, default=None,
                        help="sensitivity: link with another SPREAD_BUSINESS_DAYS than the linker's own")
    parser.add_argument("--json", type=Path, default=None, help="also write every report here")
    args = parser.parse_args(argv)
    missing = [m for m in args.mirrors if not (m / "_truth" / "filings.jsonl").exists()]
    if missing:
        print(f"{missing[0]}: no _truth/filings.jsonl (make one: edgar-archive mirror synth DIR)", file=sys.stderr)
        return 2
    if args.spread is not None:
        from crawler.edgar import se_scoring

        se_scoring.SPREAD_BUSINESS_DAYS = args.spread
    reports = []
    for mirror in args.mirrors:
        reports.append(evaluate(mirror, args.window))
        print(markdown(reports[-1:]).splitlines()[-1], file=sys.stderr, flush=True)  # progress
    if args.json is not None:
        args.json.write_text(json.dumps({"mirrors": reports, "pooled": pooled(reports)}, indent=2, default=str))
    print(markdown(reports))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
