"""crawler.linking: what a crawled SE submission gives the linker (its text, bounded) and a link that text decides."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from crawler.edgar.filing import parse_filing
from crawler.edgar.se_link import link_references
from crawler.items import SubmissionItem
from crawler.linking import (
    DECISIONS,
    SE_RECORDS,
    SE_TEXT_CHARS,
    decisions_of_links,
    reference_contexts,
    relink,
    remember,
    se_record,
)
from crawler.store.state_sqlite import SqliteCrawlState
from crawler.store.writer import Commit
from tests.edgar.builders import SEED_HEADER, document, seed_submission

SE_ACCESSION = "0000905148-04-002080"


def se_submission(*documents: bytes, paper: bool = False) -> bytes:
    header = (
        f"<SEC-DOCUMENT>{SE_ACCESSION}.txt : 20040408\n<SEC-HEADER>{SE_ACCESSION}.hdr.sgml : 20040408\n"
        + ("<PAPER>\n" if paper else "")
        + f"ACCESSION NUMBER:\t\t{SE_ACCESSION}\nCONFORMED SUBMISSION TYPE:\tSE\n"
        f"PUBLIC DOCUMENT COUNT:\t\t{len(documents)}\nFILED AS OF DATE:\t\t20040408\n\nFILER:\n\n"
        "\tCOMPANY DATA:\n\t\tCOMPANY CONFORMED NAME:\t\t\tCWALT, INC.\n\t\tCENTRAL INDEX KEY:\t\t\t0001269518\n\n"
        "\tFILING VALUES:\n\t\tFORM TYPE:\t\tSE\n\t\tSEC ACT:\t\t1933 Act\n\t\tSEC FILE NUMBER:\t333-110343\n"
        "</SEC-HEADER>\n"
    )
    return header.encode("latin-1") + b"".join(documents) + b"</SEC-DOCUMENT>\n"


def item(body: bytes, accession: str, kind: str) -> SubmissionItem:
    return SubmissionItem(
        accession=accession, kind=kind, index_form_type=kind, date_filed=date(2004, 4, 8), filer_ciks=(1269518,),
        filer_names=("CWALT INC",), url="http://127.0.0.1/x", body=body, fetched_at=datetime.now(UTC),
        parsed=parse_filing(body, accession_hint=accession),
    )


def test_se_text_is_the_documents_plain_text_without_markup() -> None:
    cover = "<HTML><BODY><P>FORM SE</P><P>CWALT, Inc. Mortgage Pass-Through Certificates,</P>" \
            "<P>Series 2004-J4</P><P>Exhibit 99.2 Computational Materials</P></BODY></HTML>"
    record = se_record(item(se_submission(document("SE", 1, cover, "se.htm")), SE_ACCESSION, "SE"))
    assert record.text is not None
    assert "Series 2004-J4" in record.text and "Exhibit 99.2 Computational Materials" in record.text
    assert "<P>" not in record.text
    assert (record.ciks, record.filed_date, record.file_numbers) == ((1269518,), date(2004, 4, 8), ("333-110343",))


def test_se_text_is_bounded_and_header_only_paper_has_none() -> None:
    long_text = "Series 2004-J4 computational materials. " * 2000  # about 80 KB
    record = se_record(item(se_submission(document("SE", 1, long_text)), SE_ACCESSION, "SE"))
    assert record.text is not None and len(record.text) <= SE_TEXT_CHARS
    assert record.text.startswith("Series 2004-J4 computational materials.")
    paper = se_record(item(se_submission(paper=True), "9999999997-04-012345", "SE"))
    assert paper.text is None and paper.paper


def test_the_se_text_decides_between_two_ses_of_the_same_day_in_a_crawl_conversion() -> None:
    # The seed 8-K (exhibit 99.2 "filed on Form SE dated April 8, 2004"); two CWALT SEs that day, one naming
    # the 8-K's series and exhibit: without the text the choice would be a tie.
    seed_text = ("CWALT, INC. Mortgage Pass-Through Certificates, Series 2004-J4\n"
                 "Item 7. Exhibits\n99.2 Computational Materials filed on Form SE dated April 8, 2004, "
                 "pursuant to Rule 311(j) of Regulation S-T.\n")
    eight_k = item(SEED_HEADER.encode() + seed_submission(seed_text.encode())[len(SEED_HEADER):],
                   "0000905148-04-002078", "8-K")
    references = reference_contexts(eight_k)
    assert [(r.exhibit, r.se_date) for r in references] == [("99.2", date(2004, 4, 8))]
    named = se_record(item(se_submission(document("SE", 1, "Series 2004-J4, Exhibit 99.2")), SE_ACCESSION, "SE"))
    other = se_record(item(se_submission(document("SE", 1, "Series 2004-J5, Exhibit 99.1")),
                           "0000905148-04-002081", "SE"))
    (decision,) = link_references(references, [named, other], as_of=date(2004, 4, 12))
    assert (decision.status, decision.se_accession) == ("linked", SE_ACCESSION)
    assert "series 2004-J4 named in the SE" in decision.evidence


def test_the_decisions_read_back_from_se_links_rows_are_those_relink_stored(tmp_path: Path) -> None:
    seed_text = ("CWALT, INC. Mortgage Pass-Through Certificates, Series 2004-J4\nItem 7. Exhibits\n"
                 "99.2 Computational Materials filed on Form SE dated April 8, 2004.\n"
                 "99.3 Term sheets to be filed on Form SE.\n")
    eight_k = item(SEED_HEADER.encode() + seed_submission(seed_text.encode())[len(SEED_HEADER):],
                   "0000905148-04-002078", "8-K")
    named = item(se_submission(document("SE", 1, "Series 2004-J4, Exhibit 99.2")), SE_ACCESSION, "SE")
    rows: list[dict] = []
    with SqliteCrawlState(tmp_path / "state.sqlite") as state:
        for submission in (eight_k, named):
            remember(state, submission)
            state.apply_commit(Commit(manifest_id=submission.accession, files={}, rows={},
                                      keys={"filings" if submission.kind == "8-K" else "se_filings": [
                                          submission.accession]}))
        rows.extend(relink(state, as_of=date(2004, 4, 9), run_id="r1"))  # before the SE: pending ...
        state.delete_record(SE_RECORDS, SE_ACCESSION)
        rows.extend(relink(state, as_of=date(2004, 9, 9), run_id="r2"))  # ... then unresolved without it
        remember(state, named)
        rows.extend(relink(state, as_of=date(2004, 9, 9), run_id="r3"))  # ... then linked
        stored = dict(state.iter_records(DECISIONS))
    assert max(row["decision_seq"] for row in rows) >= 2 and len(stored) == 2
    assert decisions_of_links(rows) == stored
    assert decisions_of_links(list(reversed(rows))) == stored
