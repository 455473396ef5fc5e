"""Run a command as the child of this small process and write that child's own ``wait4`` figures as JSON.

A process inherits the peak RSS of the process it was forked from: Linux keeps the memory mapped before ``exec`` in
the ``ru_maxrss`` of the new program. The benchmark grows to hundreds of MB (it builds and reads the quarter mirror),
so every child it starts directly would report at least that much. It starts this launcher instead (run with
``python -I -S``: about 10 MB, which is then all a child can inherit), and the launcher starts the measured command,
as ``/usr/bin/time`` does.

    python -I -S bench/launcher.py RESULT.json COMMAND [ARG...]

RESULT.json: ``exit_code``, ``seconds`` (wall, spawn to exit), ``cpu_seconds`` (user + system), ``peak_rss_kb``.
Standard streams and the environment pass through to the command. Standard library only.
"""

import json
import os
import sys
import time


def main(argv: list[str]) -> int:
    result_path, command = argv[1], argv[2:]
    began = time.monotonic()
    pid = os.posix_spawnp(command[0], command, os.environ)
    _, status, usage = os.wait4(pid, 0)
    seconds = time.monotonic() - began
    exit_code = os.waitstatus_to_exitcode(status)
    with open(result_path, "w", encoding="utf-8") as result:
        json.dump({"exit_code": exit_code, "seconds": seconds, "cpu_seconds": usage.ru_utime + usage.ru_stime,
                   "peak_rss_kb": usage.ru_maxrss}, result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
