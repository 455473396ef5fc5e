"""Sub-commands of ``edgar-archive``: each module exposes ``register(subparsers)``.

``register`` adds the sub-parser and sets ``func=run`` where ``run(args) -> int`` returns an exit code.
"""

COMMAND_MODULES = (
    "crawler.commands.crawl",
    "crawler.commands.status",
    "crawler.commands.compact",
    "crawler.commands.report",
    "crawler.commands.rebuild",
    "crawler.commands.parse_index",
    "crawler.commands.parse_filing",
    "crawler.commands.parse_exhibit",
    "crawler.commands.mirror",
    "crawler.commands.demo",
)
