"""A helper process for kill -9 trials: imports the program once, then forks one child per trial.

Why: starting Python and importing SQLAlchemy costs more than the import or export we want to
interrupt, so 100+ trials would take many minutes. The zygote never opens a database itself;
each forked child opens the data folder, runs one operation, and the zygote (its parent, so the
pid cannot be reused) sends SIGKILL after the requested delay if the child is still running.

Protocol, one JSON object per line: {"op": "import"|"export"|"restore", "data": DIR, "path": FILE,
"delay": SECONDS or null} → {"exit": CODE or null, "killed": BOOL, "seconds": S}.
"""
from __future__ import annotations

import json
import os
import signal
import sys
import time
import traceback


def run(op: str, data: str, path: str) -> int:
    from desktop.core.app import open_app
    from desktop.core.errors import UserError
    from desktop.sync import service

    try:
        app = open_app(data)
        app.user_name = "测试员"
        if op == "import":
            service.import_package(app, path)
        elif op == "export":
            service.export_package(app, path)
        elif op == "restore":
            from desktop.backup.restore import restore

            app.dispose()
            restore(data, path, user="测试员")
            return 0
        else:
            return 9
        app.dispose()
        return 0
    except UserError as e:
        sys.stderr.write(f"UserError: {e.message}\n")
        return 2
    except BaseException:
        traceback.print_exc()
        return 1


def main() -> None:
    import desktop.core.app  # noqa: F401  (warm the imports before any fork)
    import desktop.sync.service  # noqa: F401

    for line in sys.stdin:
        cmd = json.loads(line)
        if cmd.get("op") == "quit":
            break
        t0 = time.perf_counter()
        pid = os.fork()
        if pid == 0:
            os._exit(run(cmd["op"], cmd["data"], cmd["path"]))
        killed, status = False, None
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            if cmd.get("delay") is not None and time.perf_counter() - t0 >= cmd["delay"]:
                os.kill(pid, signal.SIGKILL)
                _, status = os.waitpid(pid, 0)
                killed = True
                break
            time.sleep(0.0005)
        code = os.waitstatus_to_exitcode(status)
        print(json.dumps({"exit": code, "killed": killed and code == -signal.SIGKILL,
                          "seconds": round(time.perf_counter() - t0, 4)}), flush=True)


if __name__ == "__main__":
    main()
