"""Waiting for and killing the GIMP a suite runs, for the suites of both
plug-ins. Nothing here waits for time to pass: wait_for polls a condition
(the emulator's state, a file, GIMP's answer) with a deadline that only
bounds a hang.
"""
import os
import signal
import subprocess
import time


def descendants(pid):
    """The processes under pid (GIMP's plug-ins), read from /proc."""
    children = {}
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open("/proc/%s/stat" % entry) as stat:
                # "pid (name) state ppid ...": the name may hold spaces.
                parent = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(parent, []).append(int(entry))
    found, queue = [], [pid]
    while queue:
        for child in children.get(queue.pop(), []):
            found.append(child)
            queue.append(child)
    return found


def kill_hard(process):
    """kill -9 of GIMP and, in the same instant, of every plug-in it runs."""
    for pid in [process.pid] + descendants(process.pid):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    process.communicate(timeout=30)


def wait_for(condition, what, deadline, process=None):
    """Polls condition() until it returns something true; fails at the
    deadline, or when process ended before."""
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError("gave up waiting for " + what)
        if process is not None and process.poll() is not None:
            raise RuntimeError("GIMP ended before " + what + ":\n" + (process.communicate()[1] or ""))
        time.sleep(0.05)  # a polling interval, not a synchronisation


def press_key_in_window(title, key, timeout_s):
    """Presses key in the window whose title holds title, once it shows. No
    window manager runs: the window is focused directly."""
    window = find_window(title, timeout_s)
    subprocess.run(["xdotool", "windowfocus", "--sync", window], check=True, timeout=30)
    subprocess.run(["xdotool", "key", key], check=True, timeout=30)


def find_window(title, timeout_s):
    """The id of the first visible window whose title holds title; waits
    (xdotool --sync) until there is one."""
    return subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--name", title],
                          capture_output=True, text=True, check=True,
                          timeout=timeout_s).stdout.split()[0]
