"""Recovery after kill -9, for the suites of both plug-ins: GIMP is killed
(plug-ins too) while it collects a task the emulator holds; the driver then
releases the task and recovers it in a new GIMP.
"""
import json
import os
import time

from emulator import xor_key
from generation_checks import BLUE, JPEG_TOLERANCE, RED
from processes import kill_hard, wait_for

KILL_TIMEOUT_S = 120

# What the killed session asked for from its saved file (both suites).
KILLED_PROMPT = "paid for, then killed"


def collecting_poll_seen(emulator, task_id, polls_before):
    """True once the collect has polled the task."""
    return any(task["id"] == task_id and task["polls"] > polls_before for task in emulator.tasks())


def kill_while_collecting(start, emulator, work_dir):
    """start() runs GIMP, which submits, writes the task ids (blank-separated,
    the collected one first) to WORK_DIR/submitted and collects the first:
    kills GIMP while the collect waits for the task, which the emulator
    holds. Returns the task ids."""
    marker = os.path.join(work_dir, "submitted")
    process = start()
    try:
        deadline = time.monotonic() + KILL_TIMEOUT_S
        wait_for(lambda: os.path.exists(marker) and open(marker).read(), "the submit", deadline,
                 process)
        with open(marker) as submitted:
            task_ids = submitted.read().split()
        # The submit's own job stopped before it returned: later polls are the collect's.
        polls = {task["id"]: task["polls"] for task in emulator.tasks()}.get(task_ids[0], 0)
        wait_for(lambda: collecting_poll_seen(emulator, task_ids[0], polls),
                 "the collect's first poll", deadline, process)
    finally:
        kill_hard(process)
    return task_ids


def journal_stages(state_home):
    """{task id: stage} of the journal under XDG_STATE_HOME state_home."""
    folder = os.path.join(state_home, "genlayer", "journal")
    stages = {}
    for name in os.listdir(folder):
        with open(os.path.join(folder, name)) as entry:
            job = json.load(entry)
        stages[job["task_id"]] = job["stage"]
    return stages


def check_recovered_into_file(checks, name, facts, task_id):
    """The killed collect's layer came back into the reopened file
    (200x150, red left, blue right), once."""
    key = xor_key(KILLED_PROMPT, 0)
    checks.facts_are(name, facts, {
        "same-image": "1", "layers-in-image": "2", "new.name": KILLED_PROMPT + " (genlayer)",
        "new.offsets": "0 0", "new.size": "200 150", "new.position": "0", "recovered-again": "0"})
    checks.parasite(name, facts, "new", task_id=task_id, source_layer="Background")
    checks.colour_near(name, facts, "left-half", RED, JPEG_TOLERANCE, unxor=key)
    checks.colour_near(name, facts, "right-half", BLUE, JPEG_TOLERANCE, unxor=key)
