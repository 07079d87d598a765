"""2. Noticing completion (detect_latency_mean_s, poll_requests_ratio).

Tasks whose generation times are spread evenly over a range, each waiting
in the emulator's queue for 0-50 % of its time and then progressing at a
rate that changes as it runs (--queue-seed), each run once under the
project's adaptive polling and once under the documented schedule (first
poll at 2 s, then every 3 s), all at the same time
(genlayer-bench-poll-race). Everything is read on the emulator's clock:

- completion: the task's completes_at_ms;
- noticed: the arrival of the status request that answered "completed". A
  client stops polling once it has seen that answer, so it is the task's last
  status request. Its answer then takes the emulator's rendering of the image
  (a real gateway has it ready when it says "completed") and a loopback trip,
  neither of which depends on the schedule, so neither is counted;
- requests: the status requests the log holds for that task, from the
  submit up to the one that answered "completed", summed over the tasks.
"""
import os

from bench_support import Emulator, client_environment, mean, run_json

STATUS_PREFIX = "/v1/images/generations/"


def per_schedule(jobs, tasks, log):
    requests = {}
    for entry in log:
        if entry["port"] == "api" and entry["method"] == "GET" and entry["path"].startswith(STATUS_PREFIX):
            requests.setdefault(entry["path"][len(STATUS_PREFIX):], []).append(entry["t_ms"])
    results = {}
    for schedule in ("adaptive", "documented"):
        mine = [job for job in jobs if job["schedule"] == schedule]
        failed = [job["message"] for job in mine if not job["done"]]
        if failed:
            raise RuntimeError("A %s job failed: %s" % (schedule, failed[0]))
        latencies = [(max(requests[job["task_id"]]) - tasks[job["task_id"]]["completes_at_ms"]) / 1000
                     for job in mine]
        counts = [len(requests[job["task_id"]]) for job in mine]
        results[schedule] = {"tasks": len(mine), "latency_mean_s": mean(latencies),
                             "latency_max_s": max(latencies), "requests_per_task": mean(counts),
                             "requests_sum": sum(counts)}
    return results


def measure(build_dir, scratch, tasks, min_ms, max_ms, max_queue_percent):
    with Emulator(build_dir) as emulator:
        jobs = run_json([os.path.join(build_dir, "bin", "genlayer-bench-poll-race"),
                         "--base-url", emulator.base_url, "--journal-dir", os.path.join(scratch, "journal"),
                         "--tasks", str(tasks), "--min-ms", str(min_ms), "--max-ms", str(max_ms),
                         "--max-queue-percent", str(max_queue_percent), "--queue-seed", "1"],
                        client_environment(emulator, scratch))
        table = emulator.task_table()
        schedules = per_schedule(jobs, table, emulator.log())
    queued = [table[job["task_id"]]["queue_ms"] / job["gen_ms"] for job in jobs]
    return {"gen_ms_range": [min_ms, max_ms], "queue_share_range": [min(queued), max(queued)], **schedules,
            # None when the documented schedule happened to land on every finish (a smoke run's few tasks).
            "latency_ratio": schedules["adaptive"]["latency_mean_s"] / schedules["documented"]["latency_mean_s"]
            if schedules["documented"]["latency_mean_s"] > 0 else None,
            "requests_ratio": schedules["adaptive"]["requests_sum"] / schedules["documented"]["requests_sum"]}
