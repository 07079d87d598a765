"""5. Cost of waiting (idle_cpu_percent).

The CPU time of the plug-in process (genlayer-gimp, both its threads) while
its task is pending on the emulator, as a percentage of one core: utime +
stime from /proc/<pid>/stat at the start and the end of a window that opens
once the task exists and closes a second before its generation time is up
(or a second after it opened, on a machine too busy for that). The emulator
holds the task until the window has closed, so it cannot complete inside it.
"""
import os
import time

from bench_support import Emulator, Gimp, read_facts

PLUGIN_NAME = "genlayer-gimp"
CLOSE_BEFORE_COMPLETION_S = 1.0
SHORTEST_WINDOW_S = 1.0


def cpu_seconds(pid):
    with open("/proc/%d/stat" % pid, encoding="ascii") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime


def plugin_pid(gimp_pid):
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open("/proc/%s/stat" % entry, encoding="ascii") as stat:
                    text = stat.read()
            except OSError:
                continue  # it ended meanwhile
            name = text[text.index("(") + 1:text.rindex(")")]
            if name == PLUGIN_NAME and int(text.rsplit(")", 1)[1].split()[1]) == gimp_pid:
                return int(entry)
    return None


def wait_for(condition, timeout_s, what):
    deadline = time.monotonic() + timeout_s
    while not (value := condition()):
        if time.monotonic() > deadline:
            raise RuntimeError("The idle benchmark waited in vain for " + what + ".")
        time.sleep(0.05)
    return value


def measure(build_dir, scratch, gen_s):
    with Emulator(build_dir, "--gen-ms", int(gen_s * 1000), "--hold-tasks", 1) as emulator:
        gimp = Gimp(build_dir, scratch, emulator)
        facts_file = os.path.join(scratch, "idle.facts")
        process = gimp.start("idle_wait.scm", "bench-idle-wait", facts_file)
        try:
            task = wait_for(lambda: next(iter(emulator.task_table().values()), None), 120, "the plug-in's task")
            pid = wait_for(lambda: plugin_pid(process.pid), 10, "the plug-in process")
            offset, _ = emulator.wall_offset_s()
            closes_at = offset + task["created_ms"] / 1000 + gen_s - CLOSE_BEFORE_COMPLETION_S
            opened, cpu_before = time.time(), cpu_seconds(pid)
            time.sleep(max(SHORTEST_WINDOW_S, closes_at - opened))  # the measured window
            closed, cpu_after = time.time(), cpu_seconds(pid)
        finally:
            emulator.release(tasks="all")
            _, stderr = process.communicate(timeout=gen_s + 120)
    read_facts(facts_file, stderr)
    window = closed - opened
    return {"gen_s": gen_s, "window_s": window, "cpu_s": cpu_after - cpu_before,
            "percent_of_core": 100 * (cpu_after - cpu_before) / window}
