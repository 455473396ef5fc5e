"""Index-parse and submission-parse figures, from the scripts that own them (run as child processes).

``bench/index_parse.py`` and ``bench/parse_filing.py`` each print one JSON object; they are run ``repeat``
times and the figures of the runs are combined into median/min/max.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.figures import spread
from bench.processes import REPO_ROOT, clean_env, run_measured

INDEX_ROWS = 250_000


def _script(name: str, *args: str) -> dict[str, Any]:
    """Run ``bench/<name>`` and return the JSON object it prints."""
    with tempfile.TemporaryFile() as out:
        process = run_measured([sys.executable, str(REPO_ROOT / "bench" / name), *args], env=clean_env(),
                               cwd=REPO_ROOT, stdout=out)
        if process.exit_code != 0:
            raise RuntimeError(f"{name} failed ({process.exit_code}): {process.stderr[-2000:]}")
        out.seek(0)
        return json.loads(out.read())


def index_parse(repeat: int, edgartools_python: str | None, mirror: Path) -> dict[str, Any]:
    """Our streaming reader on a generated 250k-row form.idx; edgartools beside it when an interpreter is given;
    selection recall scored once on the quarter mirror's truth."""
    extra = ["--edgartools-python", edgartools_python] if edgartools_python else []
    runs = [_script("index_parse.py", "--rows", str(INDEX_ROWS), "--repeat", "1", *extra) for _ in range(repeat)]
    ours = [run["ours"] for run in runs]
    result: dict[str, Any] = {
        "rows": ours[0]["rows"], "bytes": runs[0]["file"]["bytes"],
        "seconds": spread([o["stream_from_file_s"] for o in ours]),
        "rows_per_second": spread([o["rows_per_s"] for o in ours]),
        "gzip_seconds": spread([o["from_gzip_bytes_s"] for o in ours]),
        "parse_and_select_seconds": spread([o["parse_and_select_s"] for o in ours]),
        "malformed": ours[0]["malformed"],
    }
    theirs = [run["edgartools"] for run in runs]
    if all(t.get("available") for t in theirs):
        result["edgartools"] = {
            "version": theirs[0]["version"],
            "read_form_index_file_seconds": spread([t["read_form_index_file_s"] for t in theirs]),
            "read_fixed_width_index_seconds": spread([t["read_fixed_width_index_s"] for t in theirs]),
            "rows_per_second": spread([t["rows_per_s"] for t in theirs]),
            "company_names_differing_from_ours": theirs[0]["company_names_differing_from_ours"],
        }
    else:
        reason = next((t.get("reason") for t in theirs if not t.get("available")), None)
        result["edgartools"] = {"available": False, "reason": reason}
    selection = _script("index_parse.py", "--rows", "1000", "--repeat", "1", "--mirror", str(mirror))
    result["synthetic_selection"] = selection.get("synthetic_selection")
    return result


def parser(repeat: int, mirror: Path) -> dict[str, Any]:
    """Typical generated 8-Ks (20-60 KB), every submission of the quarter mirror, one 100 MB uuencoded filing."""
    runs = [_script("parse_filing.py", "--filings", "400", "--big-mb", "100", "--mirror", str(mirror))
            for _ in range(repeat)]

    def figures(key: str) -> dict[str, Any]:
        parts = [run[key] for run in runs]
        return {"filings": parts[0]["filings"], "mean_kb": parts[0]["mean_kb"],
                "mb_per_second": spread([p["mb_per_s"] for p in parts]),
                "filings_per_second": spread([p["filings_per_s"] for p in parts]),
                "median_ms": spread([p["median_ms"] for p in parts]),
                "p95_ms": spread([p["p95_ms"] for p in parts]),
                "filings_with_errors": max(p["filings_with_errors"] for p in parts)}

    big = [run["big_uuencoded"] for run in runs]
    return {
        "typical_8k": figures("typical_8k"),
        "quarter_mirror": figures("mirror"),
        "big_uuencoded": {"input_mb": big[0]["input_mb"], "seconds": spread([b["seconds"] for b in big]),
                          "peak_extra_mb": spread([b["peak_extra_mb"] for b in big]),
                          "errors": big[0]["errors"]},
    }


def cm_parse(repeat: int) -> dict[str, Any]:
    """Computational Materials parsing on one core (bench/cm_parse.py): MB/s and tables/s of exhibit text."""
    runs = [_script("cm_parse.py", "--mb", "4", "--repeat", "1") for _ in range(repeat)]
    return {"exhibits": runs[0]["exhibits"], "mb": runs[0]["mb"], "tables": runs[0]["tables"],
            "real_samples": runs[0]["real_samples"], "compiled": runs[0]["compiled"],
            "mb_per_second": spread([run["mb_per_second"] for run in runs]),
            "tables_per_second": spread([run["tables_per_second"] for run in runs]),
            "calibration_ms": spread([run["calibration_ms"] for run in runs])}
