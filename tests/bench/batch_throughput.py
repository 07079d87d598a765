"""3. Batch (batch_makespan_ratio, batch_failures, batch_duplicate_submits, batch_429).

Inputs through `genlayer batch` against an emulator that allows --max-active
unfinished tasks and takes gen_ms per task. The makespan is the process's
wall time; its bound is ceil(inputs / max_active) x gen_ms, what a client
that always keeps every slot busy would need. Failures come from the batch's
summary; 429 answers and duplicate submits from the emulator and the journal:
a duplicate is a second task for one input, or a task no journal entry knows.
Each run has its own emulator and journal. In the same run, the naive peer
(genlayer-bench-fixed-k) keeps K submits in flight and retries a 429 at once.
"""
import glob
import json
import math
import os
import struct
import subprocess
import time
import zlib

from bench_support import Emulator, client_environment, run_json


def write_png(path, width, height, pixel):
    """An 8-bit RGB PNG whose pixel (x, y) is pixel(x, y) -> (r, g, b)."""
    rows = b"".join(b"\0" + bytes(c for x in range(width) for c in pixel(x, y)) for y in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    with open(path, "wb") as out:
        out.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                  + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def make_inputs(folder, count, side=64):
    """Distinct small gradients, so that no two inputs share an upload."""
    os.makedirs(folder, exist_ok=True)
    paths = []
    for index in range(count):
        path = os.path.join(folder, "input-%03d.png" % index)
        write_png(path, side, side, lambda x, y, i=index: (x * 4 % 256, y * 4 % 256, i % 256))
        paths.append(path)
    return paths


def duplicate_submits(journal_dir, task_ids):
    tasks_of_input = {}
    for path in glob.glob(os.path.join(journal_dir, "*.json")):
        with open(path, encoding="utf-8") as entry_file:
            entry = json.load(entry_file)
        if entry.get("task_id"):
            tasks_of_input.setdefault(entry["target"]["batch_input"], set()).add(entry["task_id"])
    journaled = set().union(*tasks_of_input.values()) if tasks_of_input else set()
    return sum(len(ids) - 1 for ids in tasks_of_input.values()) + len(set(task_ids) - journaled)


def run_batch(build_dir, scratch, inputs, jobs, max_active, gen_ms):
    folder = os.path.join(scratch, "jobs-%d" % jobs)
    with Emulator(build_dir, "--max-active", max_active, "--gen-ms", gen_ms) as emulator:
        env = client_environment(emulator, folder)
        command = [os.path.join(build_dir, "bin", "genlayer"), "batch", "--jobs", str(jobs), "--json", "--quiet",
                   "--prompt", "the same scene at night", "--output", os.path.join(folder, "out"), *inputs]
        started = time.monotonic()
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
        makespan = time.monotonic() - started
        if not done.stdout:
            raise RuntimeError("genlayer batch printed no summary: " + done.stderr.strip()[-2000:])
        summary = json.loads(done.stdout)
        log = emulator.log()
        task_ids = list(emulator.task_table())
    bound = math.ceil(len(inputs) / max_active) * gen_ms / 1000
    return {
        "jobs": jobs,
        "makespan_s": makespan,
        "bound_s": bound,
        "makespan_ratio": makespan / bound,
        "failures": summary["failed"],
        "written": summary["written"],
        "duplicate_submits": duplicate_submits(os.path.join(folder, "state", "genlayer", "journal"), task_ids),
        "answers_429": sum(1 for entry in log if entry["status"] == 429),
    }


def run_fixed_concurrency(build_dir, scratch, tasks, workers, max_active, gen_ms):
    with Emulator(build_dir, "--max-active", max_active, "--gen-ms", gen_ms) as emulator:
        result = run_json([os.path.join(build_dir, "bin", "genlayer-bench-fixed-k"), "--base-url", emulator.base_url,
                           "--tasks", str(tasks), "--workers", str(workers)],
                          client_environment(emulator, os.path.join(scratch, "fixed-k")))
        result["answers_429"] = sum(1 for entry in emulator.log() if entry["status"] == 429)
    return result


def measure(build_dir, scratch, inputs, max_active, gen_ms, job_counts, fixed_workers):
    paths = make_inputs(os.path.join(scratch, "inputs"), inputs)
    runs = {"jobs_%d" % jobs: run_batch(build_dir, scratch, paths, jobs, max_active, gen_ms) for jobs in job_counts}
    return {"inputs": inputs, "max_active": max_active, "gen_ms": gen_ms, **runs,
            "fixed_k": run_fixed_concurrency(build_dir, scratch, inputs, fixed_workers, max_active, gen_ms)}
