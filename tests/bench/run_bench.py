#!/usr/bin/env python3
"""The benchmarks, each against its peer in the same run: pixel
round trip, noticing completion, batch, memory, cost of waiting, and
listing the history through its index beside a plain scan. Prints a
table and writes results.json; exits 1 when a target is missed.

The pixel round trip and the cost of waiting are measured in GIMP 2.10 and,
with the plug-in that --gimp3-build-dir holds (scripts/build --gimp3), in
GIMP 3 through scripts/gimp3-run. A full run needs both; --smoke without
--gimp3-build-dir says in the table that it measured no GIMP 3 rows.
--gimp3-only measures the GIMP 3 rows alone (the ctest "gimp3: bench
harness smoke run" runs them so, after the GIMP 3 build).

--smoke runs every measurement at tiny sizes to prove the harness works (its
numbers mean nothing and no target is checked): the ctest "bench: harness
smoke run".

usage: run_bench.py --build-dir DIR [--gimp3-build-dir DIR [--gimp3-only]] --output results.json [--smoke]
"""
import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
from dataclasses import asdict, dataclass

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import batch_throughput  # noqa: E402
import detect_latency  # noqa: E402
import history_listing  # noqa: E402
import idle_cpu  # noqa: E402
import peak_memory  # noqa: E402
import pixel_roundtrip  # noqa: E402


@dataclass
class Sizes:
    layer_side: int
    pixel_rounds: int
    detect_tasks: int
    detect_min_ms: int
    detect_max_ms: int
    detect_max_queue_percent: int
    batch_inputs: int
    batch_max_active: int
    batch_gen_ms: int
    batch_job_counts: tuple
    fixed_workers: int
    result_width: int
    result_height: int
    idle_gen_s: float
    history_entries: int


FULL = Sizes(2048, 3, 20, 3000, 30000, 50, 100, 8, 2000, (8, 16), 16, 3840, 2160, 30, 10000)
SMOKE = Sizes(256, 1, 3, 600, 1500, 50, 6, 2, 300, (2, 4), 4, 640, 360, 4, 50)

# key: (target, how a value meets it)
TARGETS = {
    "pixel_roundtrip_ratio_opaque": (0.3, "<="),
    "pixel_roundtrip_ratio_alpha": (0.5, "<="),
    "detect_latency_mean_s": (0.3, "<="),
    "poll_requests_ratio": (1.0, "<="),
    "batch_makespan_ratio": (1.10, "<="),
    "batch_failures": (0, "<="),
    "batch_duplicate_submits": (0, "<="),
    "rss_above_decoder_ratio": (2.0, "<="),
    "idle_cpu_percent": (1.0, "<="),
    "history_list_s": (0.2, "<="),
    "pixel_roundtrip_ratio_opaque_gimp3": (0.3, "<="),
    "pixel_roundtrip_ratio_alpha_gimp3": (0.5, "<="),
    "idle_cpu_percent_gimp3": (1.0, "<="),
}


def machine():
    model = "unknown"
    with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {"nproc": os.cpu_count(), "cpu_model": model, "system": platform.platform()}


def run_all(build_dir, gimp3_build_dir, gimp3_only, scratch, sizes):
    def step(name, function, *arguments):
        print("bench: %s ..." % name, file=sys.stderr, flush=True)
        folder = os.path.join(scratch, name)
        os.makedirs(folder)
        return function(build_dir, folder, *arguments)

    details = {} if gimp3_only else {
        "pixel_roundtrip": step("pixel_roundtrip", pixel_roundtrip.measure, sizes.layer_side, sizes.pixel_rounds),
        "detect_latency": step("detect_latency", detect_latency.measure, sizes.detect_tasks, sizes.detect_min_ms,
                               sizes.detect_max_ms, sizes.detect_max_queue_percent),
        "batch": step("batch", batch_throughput.measure, sizes.batch_inputs, sizes.batch_max_active,
                      sizes.batch_gen_ms, sizes.batch_job_counts, sizes.fixed_workers),
        "memory": step("memory", peak_memory.measure, sizes.result_width, sizes.result_height),
        "idle_cpu": step("idle_cpu", idle_cpu.measure, sizes.idle_gen_s),
        "history": step("history", history_listing.measure, sizes.history_entries),
    }
    if gimp3_build_dir:
        details["gimp3"] = {
            "pixel_roundtrip": step("pixel_roundtrip_gimp3", pixel_roundtrip.measure, sizes.layer_side,
                                    sizes.pixel_rounds, gimp3_build_dir),
            "idle_cpu": step("idle_cpu_gimp3", idle_cpu.measure, sizes.idle_gen_s, gimp3_build_dir),
        }
    return details


def headline(details, sizes):
    """The keys the issue names, from the detailed results."""
    return {**(gimp2_headline(details, sizes) if "pixel_roundtrip" in details else {}),
            **gimp3_headline(details.get("gimp3"))}


def gimp2_headline(details, sizes):
    pixel, detect, batch = details["pixel_roundtrip"], details["detect_latency"], details["batch"]
    ordinary = batch["jobs_%d" % sizes.batch_job_counts[0]]
    fixed = batch["fixed_k"]
    return {
        # The named key is the worse (larger) of the two kinds.
        "pixel_roundtrip_ratio": max(pixel["opaque"]["ratio"], pixel["alpha"]["ratio"]),
        "pixel_roundtrip_ratio_opaque": pixel["opaque"]["ratio"],
        "pixel_roundtrip_ratio_alpha": pixel["alpha"]["ratio"],
        "detect_latency_mean_s": detect["adaptive"]["latency_mean_s"],
        "detect_latency_mean_s_documented": detect["documented"]["latency_mean_s"],
        "poll_requests_ratio": detect["requests_ratio"],
        "batch_makespan_ratio": ordinary["makespan_ratio"],
        "batch_failures": ordinary["failures"],
        "batch_duplicate_submits": ordinary["duplicate_submits"],
        "batch_429": ordinary["answers_429"],
        "fixed_k%d_429" % sizes.fixed_workers: fixed["answers_429"],
        "fixed_k%d_failures" % sizes.fixed_workers: fixed["failures"],
        "rss_above_decoder_ratio": details["memory"]["ratio"],
        "idle_cpu_percent": details["idle_cpu"]["percent_of_core"],
        "history_list_s": details["history"]["index_s"],
        "history_list_ratio": details["history"]["ratio"],
    }


def gimp3_headline(gimp3):
    if gimp3 is None:
        return {}
    return {
        "pixel_roundtrip_ratio_opaque_gimp3": gimp3["pixel_roundtrip"]["opaque"]["ratio"],
        "pixel_roundtrip_ratio_alpha_gimp3": gimp3["pixel_roundtrip"]["alpha"]["ratio"],
        "idle_cpu_percent_gimp3": gimp3["idle_cpu"]["percent_of_core"],
    }


def verdicts(results):
    return {key: {"target": target, "value": results[key],
                  "met": results[key] <= target if rule == "<=" else results[key] >= target}
            for key, (target, rule) in TARGETS.items() if key in results}


def pixel_rows(pixel, side, label, mark, suffix=""):
    rows = []
    for kind, key, target in (("opaque", "pixel_roundtrip_ratio_opaque", "<= 0.3"),
                              ("alpha", "pixel_roundtrip_ratio_alpha", "<= 0.5")):
        rows.append(("pixel round trip %s%s, %s" % (side, label, kind), "%.2f s" % pixel[kind]["genlayer_client_s"],
                     "%.2f s (PNG save+load)" % pixel[kind]["gimp_png_s"], "%.2f" % pixel[kind]["ratio"], target,
                     mark(key + suffix)))
    return rows


def idle_rows(idle, label, mark, suffix=""):
    return [("%s CPU while a %gs task waits" % (label, idle["gen_s"]), "%.2f %%" % idle["percent_of_core"],
             "", "", "<= 1 %", mark("idle_cpu_percent" + suffix)),
            ("  once, before the first poll: decoder load", "%.2f s CPU" % idle["decoder_load_cpu_s"],
             "", "", "", "")]


def gimp3_rows(gimp3, side, mark):
    """The GIMP 3 rows, or the one row that says they were not measured."""
    if gimp3 is None:
        return [("GIMP 3 rows", "not measured (no --gimp3-build-dir)", "", "", "", "")]
    return pixel_rows(gimp3["pixel_roundtrip"], side, " in GIMP 3", mark, "_gimp3") + idle_rows(
        gimp3["idle_cpu"], "GIMP 3 plug-in", mark, "_gimp3")


def table(details, sizes, met):
    def mark(key):
        return "" if met is None else ("met" if met[key]["met"] else "MISSED")

    side = "%dx%d" % (sizes.layer_side, sizes.layer_side)
    rows = [("measurement", "genlayer", "peer", "ratio", "target", "")]
    if "pixel_roundtrip" in details:
        rows += gimp2_rows(details, sizes, side, met, mark)
    rows += gimp3_rows(details.get("gimp3"), side, mark)
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in rows)


def gimp2_rows(details, sizes, side, met, mark):
    pixel, detect, batch = details["pixel_roundtrip"], details["detect_latency"], details["batch"]
    memory, idle, history = details["memory"], details["idle_cpu"], details["history"]
    ordinary = batch["jobs_%d" % sizes.batch_job_counts[0]]
    wider = batch["jobs_%d" % sizes.batch_job_counts[-1]]
    fixed = batch["fixed_k"]
    rows = pixel_rows(pixel, side, "", mark)
    rows.append(("detect latency, mean of %d tasks" % detect["adaptive"]["tasks"],
                 "%.2f s" % detect["adaptive"]["latency_mean_s"],
                 "%.2f s (documented)" % detect["documented"]["latency_mean_s"],
                 "-" if detect["latency_ratio"] is None else "%.2f" % detect["latency_ratio"], "<= 0.3 s",
                 mark("detect_latency_mean_s")))
    rows.append(("  %g-%g s, %.0f-%.0f %% queued; worst" % (
        detect["gen_ms_range"][0] / 1000, detect["gen_ms_range"][1] / 1000, 100 * detect["queue_share_range"][0],
        100 * detect["queue_share_range"][1]), "%.2f s" % detect["adaptive"]["latency_max_s"],
        "%.2f s" % detect["documented"]["latency_max_s"], "", "", ""))
    rows.append(("status requests, all tasks", "%d" % detect["adaptive"]["requests_sum"],
                 "%d (documented)" % detect["documented"]["requests_sum"], "%.2f" % detect["requests_ratio"],
                 "<= 1.0", mark("poll_requests_ratio")))
    rows.append(("batch %d, --jobs %d, max-active %d" % (batch["inputs"], ordinary["jobs"], batch["max_active"]),
                 "%.1f s" % ordinary["makespan_s"], "%.1f s (bound)" % ordinary["bound_s"],
                 "%.2f" % ordinary["makespan_ratio"], "<= 1.10", mark("batch_makespan_ratio")))
    rows.append(("  failures / duplicate submits / 429s", "%d / %d / %d" % (
        ordinary["failures"], ordinary["duplicate_submits"], ordinary["answers_429"]), "", "", "0 / 0 / -",
        "" if met is None else ("met" if met["batch_failures"]["met"] and met["batch_duplicate_submits"]["met"]
                                else "MISSED")))
    rows.append(("batch, --jobs %d" % wider["jobs"], "%.1f s, %d fail, %d dup, %d 429" % (
        wider["makespan_s"], wider["failures"], wider["duplicate_submits"], wider["answers_429"]), "",
        "%.2f" % wider["makespan_ratio"], "", ""))
    rows.append(("fixed K=%d, no back-off" % fixed["workers"], "",
                 "%d fail, %d 429" % (fixed["failures"], fixed["answers_429"]), "", "", ""))
    rows.append(("RSS a %s result adds" % memory["result_size"], "%.0f MiB" % memory["above_decoder_mb"],
                 "%.1f MiB (raw RGBA)" % memory["raw_rgba_mb"], "%.2f" % memory["ratio"], "<= 2",
                 mark("rss_above_decoder_ratio")))
    rows.append(("  peak / decoder loaded / bare", "%.0f / %.0f / %.0f MiB" % (
        memory["peak_rss_mb"], memory["decoder_baseline_rss_mb"], memory["bare_rss_mb"]), "", "", "", ""))
    rows.append(("  loading OpenImageIO", "%.0f MiB, %.2f s" % (memory["decoder_load_mb"], memory["decoder_load_s"]),
                 "", "", "", ""))
    rows += idle_rows(idle, "plug-in", mark)
    rows.append(("history list, %d entries (index)" % history["entries"], "%.3f s" % history["index_s"],
                 "%.3f s (folder scan)" % history["scan_s"], "%.2f" % history["ratio"], "<= 0.2 s",
                 mark("history_list_s")))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build-dir", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--gimp3-build-dir")
    parser.add_argument("--gimp3-only", action="store_true")
    parser.add_argument("--smoke", action="store_true")
    options = parser.parse_args()
    sizes = SMOKE if options.smoke else FULL
    build_dir = os.path.abspath(options.build_dir)
    gimp3_build_dir = options.gimp3_build_dir and os.path.abspath(options.gimp3_build_dir)
    if not gimp3_build_dir and not options.smoke:
        parser.error("a full run measures GIMP 3 too: give --gimp3-build-dir (scripts/build --gimp3 makes it)")
    if options.gimp3_only and not gimp3_build_dir:
        parser.error("--gimp3-only needs --gimp3-build-dir")

    scratch = tempfile.mkdtemp(prefix="genlayer-bench-")
    try:
        details = run_all(build_dir, gimp3_build_dir, options.gimp3_only, scratch, sizes)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    results = headline(details, sizes)
    met = None if options.smoke else verdicts(results)
    report = {**results, "smoke": options.smoke, "machine": machine(), "sizes": asdict(sizes),
              "targets": met, "details": details}
    os.makedirs(os.path.dirname(os.path.abspath(options.output)), exist_ok=True)
    with open(options.output, "w", encoding="utf-8") as out:
        json.dump(report, out, indent=1)
    print(table(details, sizes, met))
    print("\n%s, %d cores; results in %s" % (report["machine"]["cpu_model"], report["machine"]["nproc"],
                                             options.output))
    missed = [key for key, verdict in (met or {}).items() if not verdict["met"]]
    if missed:
        print("Targets missed: " + ", ".join(missed), file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
