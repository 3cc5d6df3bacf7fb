"""The check that the suite leaves no process behind finds one that is left behind."""

import subprocess
import sys

from tests.helpers.processes import MARKER, leftover_processes


def test_a_process_left_running_is_found_even_as_an_orphan():
    import os

    token = os.environ[MARKER]
    # a child that starts a grandchild and exits at once: the grandchild is re-parented
    spawn = (
        "import subprocess, sys; "
        "p = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'], "
        "stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
        "print(p.pid)"
    )
    pid = int(
        subprocess.run(
            [sys.executable, "-c", spawn], capture_output=True, text=True, check=True
        ).stdout
    )
    try:
        found = leftover_processes(token, grace=0)
        assert any(line.split()[0] == str(pid) for line in found)
    finally:
        os.kill(pid, 9)
    assert not any(line.split()[0] == str(pid) for line in leftover_processes(token, grace=2))
