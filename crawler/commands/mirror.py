"""`edgar-archive mirror synth|serve`: the offline stand-in for EDGAR."""

from __future__ import annotations

import argparse

from crawler.commands import mirror_serve, mirror_synth


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("mirror", help="make or serve a synthetic EDGAR mirror")
    actions = parser.add_subparsers(dest="mirror_command", required=True, metavar="ACTION")
    mirror_synth.register(actions)
    mirror_serve.register(actions)
