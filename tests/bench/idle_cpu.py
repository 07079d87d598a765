"""5. Cost of waiting (idle_cpu_percent).

The CPU time of the plug-in process (genlayer-gimp, or genlayer in GIMP 3,
with all its threads) while its task is pending on the emulator, as a
percentage of one core: utime +
stime from /proc/<pid>/stat at the start and the end of a window that opens
at the task's first status request and closes a second before its
generation time is up (or a second after it opened, on a machine too busy
for that). The emulator holds the task until the window has closed, so it
cannot complete inside it.

Before its first status request a job loads the OpenImageIO module that
will decode the result: a one-off cost (about half a second of CPU) put
into the wait on purpose, so that it is not paid after the task completes.
It is reported on its own (decoder_load_cpu_s, from the task's creation to
that first request), not spread over the window, which measures what
waiting itself costs: the polls and the progress shown.
"""
import os
import time

from bench_support import Emulator, Gimp, Gimp3, read_facts
from processes import descendants

PLUGIN_NAMES = {2: "genlayer-gimp", 3: "genlayer"}
CLOSE_BEFORE_COMPLETION_S = 1.0
SHORTEST_WINDOW_S = 1.0


def cpu_seconds(pid):
    with open("/proc/%d/stat" % pid, encoding="ascii") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime


def process_name(pid):
    try:
        with open("/proc/%d/stat" % pid, encoding="ascii") as stat:
            text = stat.read()
    except OSError:
        return None  # it ended meanwhile
    return text[text.index("(") + 1:text.rindex(")")]


def plugin_pid(gimp_pid, name):
    """The plug-in process under GIMP (under gimp3-run too, whatever it runs GIMP as)."""
    return next((pid for pid in descendants(gimp_pid) if process_name(pid) == name), None)


def wait_for(condition, timeout_s, what):
    deadline = time.monotonic() + timeout_s
    while not (value := condition()):
        if time.monotonic() > deadline:
            raise RuntimeError("The idle benchmark waited in vain for " + what + ".")
        time.sleep(0.05)
    return value


def measure(build_dir, scratch, gen_s, gimp3_build_dir=None):
    """In GIMP 2.10, or in GIMP 3 with the plug-in of gimp3_build_dir."""
    with Emulator(build_dir, "--gen-ms", int(gen_s * 1000), "--hold-tasks", 1) as emulator:
        facts_file = os.path.join(scratch, "idle.facts")
        if gimp3_build_dir:
            process = Gimp3(gimp3_build_dir, scratch, emulator).start("bench_idle_wait", facts_file)
        else:
            process = Gimp(build_dir, scratch, emulator).start("idle_wait.scm", "bench-idle-wait", facts_file)
        name = PLUGIN_NAMES[3 if gimp3_build_dir else 2]
        try:
            task = wait_for(lambda: next(iter(emulator.task_table().values()), None), 120, "the plug-in's task")
            pid = wait_for(lambda: plugin_pid(process.pid, name), 10, "the plug-in process")
            cpu_at_submit = cpu_seconds(pid)
            offset, _ = emulator.wall_offset_s()
            closes_at = offset + task["created_ms"] / 1000 + gen_s - CLOSE_BEFORE_COMPLETION_S
            wait_for(lambda: emulator.task_table()[task["id"]]["polls"] >= 1, 120, "the first status request")
            opened, cpu_before = time.time(), cpu_seconds(pid)
            time.sleep(max(SHORTEST_WINDOW_S, closes_at - opened))  # the measured window
            closed, cpu_after = time.time(), cpu_seconds(pid)
        finally:
            emulator.release(tasks="all")
            _, stderr = process.communicate(timeout=gen_s + 120)
    read_facts(facts_file, stderr)
    window = closed - opened
    return {"gen_s": gen_s, "window_s": window, "cpu_s": cpu_after - cpu_before,
            "percent_of_core": 100 * (cpu_after - cpu_before) / window,
            "decoder_load_cpu_s": cpu_before - cpu_at_submit}
