"""2. Noticing completion (detect_latency_mean_s, poll_requests_ratio).

Tasks whose generation times are spread evenly over a range, each run once
under the project's adaptive polling and once under the documented schedule
(first poll at 2 s, then every 3 s), all at the same time
(genlayer-bench-poll-race). Everything is read on the emulator's clock:

- completion: the task's completes_at_ms;
- noticed: the arrival of the status request that answered "completed". A
  client stops polling once it has seen that answer, so it is the task's last
  status request. Its answer then takes the emulator's rendering of the image
  (a real gateway has it ready when it says "completed") and a loopback trip,
  neither of which depends on the schedule, so neither is counted;
- requests per task: the status requests the log holds for that task.
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
                             "latency_max_s": max(latencies), "requests_per_task": mean(counts)}
    return results


def measure(build_dir, scratch, tasks, min_ms, max_ms):
    with Emulator(build_dir) as emulator:
        jobs = run_json([os.path.join(build_dir, "bin", "genlayer-bench-poll-race"),
                         "--base-url", emulator.base_url, "--journal-dir", os.path.join(scratch, "journal"),
                         "--tasks", str(tasks), "--min-ms", str(min_ms), "--max-ms", str(max_ms)],
                        client_environment(emulator, scratch))
        schedules = per_schedule(jobs, emulator.task_table(), emulator.log())
    return {"gen_ms_range": [min_ms, max_ms], **schedules,
            "requests_ratio": schedules["adaptive"]["requests_per_task"]
            / schedules["documented"]["requests_per_task"]}
