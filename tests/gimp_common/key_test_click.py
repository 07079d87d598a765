#!/usr/bin/env python3
"""The Test button beside the key field of either GIMP's Generate dialog,
pressed through the keyboard as a person would: Alt+K to the key field,
the key typed, Alt+T for Test. The button runs `genlayer check`, whose probe
is a status request for a task that cannot exist; the emulator's log shows
it, and its status tells whether the typed key went with it (404, task not
found) or not (401).

The GIMP 3 suite imports this; the GIMP 2.10 dialog test (a shell script)
runs it:
usage: key_test_click.py EMULATOR_URL KEY WINDOW_ID   (exits 1 with a sentence)
"""
import json
import subprocess
import sys
import time
import urllib.request

from processes import wait_for

CHECK_PATH = "/v1/images/generations/genlayer-check-no-such-task"
# Bounds a hang only: the probe is one request to a local emulator.
CHECK_TIMEOUT_S = 120


def check_requests(log):
    return [entry for entry in log if entry["method"] == "GET" and entry["path"] == CHECK_PATH]


def press_test_with_key(window, key, log):
    """Types key into the dialog `window` and presses Test; waits for the
    probe in the emulator's log (log() reads it) and returns that entry."""
    subprocess.run(["xdotool", "windowfocus", "--sync", window], check=True, timeout=30)
    subprocess.run(["xdotool", "key", "alt+k"], check=True, timeout=30)
    subprocess.run(["xdotool", "type", key], check=True, timeout=60)
    subprocess.run(["xdotool", "key", "alt+t"], check=True, timeout=30)
    return wait_for(lambda: check_requests(log()), "the Test button's check in the emulator's log",
                    time.monotonic() + CHECK_TIMEOUT_S)[0]


def probe_problem(entry):
    """None when the probe carried the accepted key; else what went wrong."""
    if not entry["authorization"]:
        return "the Test button's check carried no key"
    if entry["status"] != 404:
        return "the Test button's check was answered %d, not 404: the typed key was not sent" % (
            entry["status"])
    return None


def main():
    url, key, window = sys.argv[1:4]

    def log():
        with urllib.request.urlopen(url + "/_emulator/log", timeout=10) as answer:
            return json.load(answer)

    problem = probe_problem(press_test_with_key(window, key, log))
    if problem:
        print(problem, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
