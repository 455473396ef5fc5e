"""``index.json`` directory listings of ``full-index/`` and ``daily-index/`` (root, year and quarter directories).

Shape as SEC serves it: ``{"directory": {"name": "daily-index/2004/QTR2/", "parent-dir": "../", "item":
[{"last-modified": "04/05/2004 10:02:11 PM", "name": "form.20040405.idx", "type": "file", "href":
"form.20040405.idx", "size": "43 KB"}, ...]}}``; sub-directories have ``"type": "dir"`` and ``"href": "QTR2/"``.
Times are US Eastern wall clock and equal the listed files' modification times.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from crawler.mirror.synth_calendar import listing_time

LISTED_ROOTS = ("Archives/edgar/daily-index", "Archives/edgar/full-index")


@dataclass(frozen=True, slots=True)
class Listed:
    size: int
    mtime: datetime  # US Eastern wall clock


def size_text(size: int) -> str:
    return f"{max(1, round(size / 1024))} KB"


def listings(files: dict[str, Listed]) -> Iterator[tuple[str, bytes | None, datetime]]:
    """``(path of index.json, its bytes, its mtime)`` for every directory below the listed roots, each followed
    by ``(directory path, None, time)``: the time the parent listing shows for that directory."""
    for root in LISTED_ROOTS:
        children: dict[str, dict[str, Listed | None]] = {}
        for path, listed in files.items():
            if not path.startswith(root + "/"):
                continue
            parts = path[len(root) + 1 :].split("/")
            folder = root
            for part in parts[:-1]:
                children.setdefault(folder, {})[part] = None
                folder = f"{folder}/{part}"
            children.setdefault(folder, {})[parts[-1]] = listed
        if not children:
            continue
        newest: dict[str, datetime] = {}
        for folder in sorted(children, key=lambda name: -name.count("/")):
            items = []
            for name in sorted(children[folder]):
                entry = children[folder][name]
                if entry is None:
                    when = newest[f"{folder}/{name}"]
                    items.append({"last-modified": listing_time(when), "name": name, "type": "dir", "href": f"{name}/", "size": ""})
                else:
                    when = entry.mtime
                    items.append({"last-modified": listing_time(when), "name": name, "type": "file", "href": name,
                                  "size": size_text(entry.size)})  # fmt: skip
                newest[folder] = max(newest.get(folder, when), when)
            relative = folder[len("Archives/edgar/") :] + "/"
            document = {"directory": {"name": relative, "parent-dir": "../", "item": items}}
            yield f"{folder}/index.json", json.dumps(document, indent=2).encode() + b"\n", newest[folder]
            yield folder, None, newest[folder]
