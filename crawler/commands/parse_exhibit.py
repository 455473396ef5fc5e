"""`edgar-archive parse-exhibit FILE`: one exhibit document (text or HTML) as its Computational Materials JSON."""

from __future__ import annotations

import argparse
from pathlib import Path

from crawler.commands.parse_filing import read_input, write_json
from crawler.edgar.cm.parse import parse_exhibit
from crawler.errors import ExitCode


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "parse-exhibit",
        help="parse one exhibit document (text or HTML) and print its CM tables as JSON",
        description="Print the kind of exhibit, the Computational Materials tables (title, deal, class, facts, "
        "scenarios, rows: every value verbatim) and the tranches of one exhibit document as a JSON object. "
        "Exit 0 when read, 3 when the parser reported a problem in 'warnings', 2 when the file cannot be read.",
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="the exhibit's text (<TEXT> content), .txt or .htm")
    parser.add_argument("--type", dest="doc_type", metavar="TYPE",
                        help="its <TYPE> (EX-99.1), when known: a document that is not an exhibit is 'other'")
    parser.add_argument("--description", metavar="TEXT", help="its <DESCRIPTION>, when known")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    data = read_input(args.file)
    if data is None:
        return int(ExitCode.CONFIG)
    parsed = parse_exhibit(data.decode("latin-1"), doc_type=args.doc_type, description=args.description,
                           filename=args.file.name)
    write_json(parsed.to_json())
    return int(ExitCode.PARTIAL) if parsed.warnings else int(ExitCode.OK)
