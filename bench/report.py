"""``bench/results/latest.md``: the results as one Markdown table, with the targets and the machine."""

from __future__ import annotations

from typing import Any

from bench.figures import fmt, row, verdicts


def _index_rows(r: dict[str, Any]) -> list[str]:
    rows = [row(f"index parse, {r['rows']:,}-row form.idx, seconds", r["seconds"], "streaming from a file"),
            row("index parse, rows/s", r["rows_per_second"]),
            row("index parse of the same file gzip-compressed, seconds", r["gzip_seconds"])]
    other = r.get("edgartools", {})
    if "read_form_index_file_seconds" in other:
        rows.append(row(f"edgartools {other['version']} read_form_index_file, same file, seconds",
                        other["read_form_index_file_seconds"], "throwaway venv, not a dependency"))
    else:
        rows.append(row("edgartools on the same file", None, f"not run: {other.get('reason')}"))
    quarterly = (r.get("synthetic_selection") or {}).get("quarterly") or {}
    if quarterly:
        rows.append(row("ABS 8-K recall of index selection (quarter mirror truth)", quarterly.get("recall"),
                        f"non-ABS share of fetched 8-Ks {fmt(quarterly.get('fetched_not_abs_share'))}; "
                        f"company lookups {fmt(quarterly.get('lookups'))}, of them ABS "
                        f"{fmt(quarterly.get('lookups_found_abs'))}"))
    return rows


def _parser_rows(r: dict[str, Any]) -> list[str]:
    typical, quarter, big = r["typical_8k"], r["quarter_mirror"], r["big_uuencoded"]
    return [row(f"parse a typical 8-K ({typical['mean_kb']} KB), median ms", typical["median_ms"]),
            row("parse typical 8-Ks, MB/s", typical["mb_per_second"]),
            row("parse typical 8-Ks, filings/s", typical["filings_per_second"]),
            row(f"parse every submission of the quarter mirror ({quarter['filings']:,}, mean {quarter['mean_kb']} KB), "
                "filings/s", quarter["filings_per_second"]),
            row("parse the quarter mirror, MB/s", quarter["mb_per_second"]),
            row(f"parse a {big['input_mb']} MB uuencoded submission, seconds", big["seconds"])]


def _cm_rows(r: dict[str, Any]) -> list[str]:
    corpus = f"{r['mb']} MB, {r['exhibits']} exhibits, {r['tables']:,} tables" + (
        ", real samples included" if r.get("real_samples") else "")
    return [row("parse Computational Materials, MB/s (one core)", r["mb_per_second"], corpus),
            row("parse Computational Materials, tables/s", r["tables_per_second"]),
            row("CPU calibration, ms (sum(range(10**6)); ~10 on a quiet core)", r["calibration_ms"])]


def _crawl_rows(results: dict[str, Any]) -> list[str]:
    rows = []
    full, bare = results.get("crawl_unthrottled"), results.get("bare_scrapy_fetch")
    if full and bare:
        kinds = ", ".join(f"{k} {v:,}" for k, v in full["requests_by_kind"].items())
        rows += [row(f"crawl unthrottled, quarter ({full['filings']:,} filings), filings/s",
                     full["filings_per_second"], "end to end, process start to exit"),
                 row("bare Scrapy fetch of the same submission URLs, gzip (Scrapy default), responses/s",
                     bare["gzip"]["responses_per_second"]),
                 row("bare Scrapy fetch of the same URLs, compression off, responses/s",
                     bare["identity"]["responses_per_second"]),
                 row("crawl ÷ the faster bare Scrapy fetch", full["ratio_to_bare_scrapy"]),
                 row("HTTP requests per archived filing (server log)", full["requests_per_filing"], kinds),
                 row("peak RSS of the crawl process, MB", full["peak_rss_mb"]),
                 row("crawl CPU per filing with CM parsing on, ms (crawl process)", full["cpu_ms_per_filing"],
                     "parse, document text and Computational Materials of every exhibit, and their Parquet"),
                 row("CPU ms per response, bare Scrapy gzip", bare["gzip"]["cpu_ms_per_response"]),
                 row("CPU ms per response, bare Scrapy compression off", bare["identity"]["cpu_ms_per_response"])]
    inc = results.get("incremental_nothing_new")
    if inc:
        rows += [row("incremental run, nothing new: requests", inc["requests"]),
                 row("incremental run, nothing new: seconds", inc["seconds"], "process start to exit")]
    cap = results.get("crawl_capped")
    if cap:
        rows += [row(f"crawl at a {cap['cap']} req/s cap ({cap['days']} days, {cap['filings']:,} filings), filings/s",
                     cap["filings_per_second"], f"server --latency {cap.get('latency_ms', '0')} ms; end to end: "
                     "process start, the quarter's 35 MB form.idx, exit"),
                 row("at the cap: sustained archive rate, filings/s", cap.get("archived_per_second_sustained"),
                     "archived filings per second between the first and the last submission (server log)"),
                 row("at the cap: submissions/s between first and last submission",
                     cap["submissions_per_second_sustained"]),
                 row("at the cap: requests/s end to end", cap["requests_per_second"]),
                 row("at the cap: highest 1-s request window (server log)", cap["highest_1s_window"]),
                 row("at the cap: block pages", cap["block_pages"])]
    shared = results.get("shared_budget")
    if shared:
        jobs = ", ".join(f"{k} {v:,}" for k, v in shared["requests_by_job"].items())
        rows += [row("three processes on one Redis budget: combined requests/s while all three ran",
                     shared["combined_requests_per_second"],
                     f"--rate 10 each, server --latency {shared['latency_ms']} ms; requests {jobs}"),
                 row("three processes: highest 1-s window (server log)", shared["highest_1s_window"]),
                 row("three processes: the backfill's highest 1-s window", shared["backfill_highest_1s_window"],
                     f"its reservation: {shared['backfill_cap']}/s"),
                 row("three processes: the backfill's requests/s", shared["backfill_requests_per_second"]),
                 row("three processes: 1-s windows holding more than 10", shared["windows_over_10"],
                     "counted from each arrival; the mirror's rate block is not armed in this section")]
    rows += _peer_rows(results.get("peer_edgartools"))
    memory = results.get("memory_flatness")
    if memory:
        for point in memory["points"]:
            rows.append(row(f"peak RSS at {point['filings']:,} filings, MB", point["peak_rss_mb"]))
        rows.append(row("RSS growth, MB per 1,000 filings (least squares)", memory["growth_mb_per_1000_filings"]))
    for name, figures in sorted((results.get("rebuild") or {}).items()):
        if not name.startswith(("workers_", "dask_")):
            continue
        kind, count = name.split("_", 1)
        where = f"{count} worker process(es)" if kind == "workers" else f"a Dask LocalCluster of {count} workers"
        cpu = "rebuild and workers" if kind == "workers" else "the rebuild process only"
        rows += [row(f"rebuild of the crawled quarter ({figures['submissions']:,} submissions, {figures['shards']} "
                     f"shards), {where}, filings/s", figures["filings_per_second"],
                     "process start to exit; no request"),
                 row(f"rebuild on {where}: CPU seconds ({cpu})", figures["cpu_seconds"]),
                 row(f"rebuild on {where}: peak RSS of the rebuild process, MB", figures["peak_rss_mb"])]
    return rows


def _peer_rows(peer: dict[str, Any] | None) -> list[str]:
    if not peer:
        return []
    if not peer.get("ours"):
        return [row("edgartools side by side", None, f"not run: {peer.get('reason')}")]
    where = (f"{peer['abs_8ks']:,} ABS 8-Ks filed {peer['from']}..{peer['to']}, cap {peer['cap']} req/s, "
             f"latency {peer['latency'] or 'none'} ms")
    rows = []
    for key, name in (("ours", "this crawl"), ("edgartools", f"edgartools {peer['edgartools_version']}")):
        side = peer[key]
        kinds = ", ".join(f"{k} {v:,}" for k, v in side["requests_by_kind"].items())
        rows += [row(f"side by side, {name}: filings/s", side["filings_per_second"],
                     f"{side['filings']:,} filings, {side['requests']:,} requests ({kinds}); {where}"),
                 row(f"side by side, {name}: wall seconds", side["seconds"]),
                 row(f"side by side, {name}: CPU seconds", side["cpu_seconds"]),
                 row(f"side by side, {name}: peak RSS, MB", side["peak_rss_mb"], "measured from a small launcher"),
                 row(f"side by side, {name}: highest 1-s request window (server log)", side["highest_1s_window"],
                     f"block pages {side['block_pages']}")]
    rows += [row("side by side: this crawl's filings/s ÷ edgartools'", peer["ratio_filings_per_second"]),
             row("side by side: CPU per filing, this crawl ÷ edgartools", peer["ratio_cpu_per_filing"]),
             row("side by side: peak RSS, this crawl ÷ edgartools", peer["ratio_peak_rss"])]
    return rows


def _report_rows(r: dict[str, Any] | None) -> list[str]:
    if not r:
        return []
    rows = []
    for name, how in (("as_built", "as its runs left it"), ("compacted", "compacted")):
        part = r.get(name)
        if part:
            what = f"`edgar-archive report`, {r['filings']:,}-filing archive {how} ({part['files']:,} filings files)"
            rows += [row(f"{what}, seconds", part["seconds"], "spawn to exit of the report process"),
                     row(f"{what}, CPU seconds", part["cpu_seconds"]),
                     row(f"{what}, peak RSS MB", part["peak_rss_mb"], "VmHWM of the report process"),
                     row(f"{what}, HTML MB", part["html_mb"])]
    return rows


def _kept_sections(results: dict[str, Any]) -> list[str]:
    """A line naming the sections whose rows an earlier run measured (``--only`` keeps them), with their commit."""
    now = results.get("sections_measured_now")
    kept = [key for key, value in results.items() if now is not None and key not in now and isinstance(value, dict)
            and "load_average_after" in value]
    if not kept:
        return []
    return ["", "Measured in this run: " + ", ".join(now) + ". Kept from earlier runs: "
            + ", ".join(f"{key} (at {results[key].get('git', 'a commit not recorded')})" for key in kept) + "."]


def markdown(results: dict[str, Any]) -> str:
    machine = results["machine"]
    lines = [f"Measured {results['generated_at']} at commit {results['git']} on {machine['cpu_model']} "
             f"({machine['cpus']} CPUs, {machine['memory_gb']} GB), Python {machine['python']}; "
             f"load average before {machine['load_before']}, after {machine['load_after']}. "
             f"Median of {results['repeat']} runs with min and max. Reproduce: `{results['command'].strip()}`"
             + (" (edgartools from its pinned throwaway venv, `bench/edgartools_venv.py`)." if "edgartools" in
                results.get("index_parse", {}) and "version" in results["index_parse"]["edgartools"] else "."),
             *_kept_sections(results), "",
             "| figure | median | min | max | notes |", "|---|---|---|---|---|"]
    if "index_parse" in results:
        lines += _index_rows(results["index_parse"])
    if "parser" in results:
        lines += _parser_rows(results["parser"])
    if "cm_parse" in results:
        lines += _cm_rows(results["cm_parse"])
    lines += _crawl_rows(results)
    lines += _report_rows(results.get("report_scale"))
    lines += ["", "| target | measured | met |", "|---|---|---|"]
    lines += [f"| {v['figure']}: {v['target']} | {fmt(v['value'])} | {fmt(v['met'])} |" for v in verdicts(results)]
    return "\n".join(lines) + "\n"
