"""4. Memory (rss_above_decoder_ratio).

Results are decoded by OpenImageIO, a module loaded once per process, so
the figure that counts is what a job adds above a process that has loaded
it: the peak resident set of one `genlayer generate` whose result is
width x height (the emulator's --result-size stands in for the gateway's 4K
models), less that of `genlayer upload` of a 16x16 TIFF (which loads the
module to read it, and makes one request), divided by the raw RGBA size of
the result. Peaks are the child's ru_maxrss, read by wait4 when it ends.
For context: the same of `genlayer --help`, which loads nothing, and the
load's cost in time, the median difference between uploading that TIFF and
the same pixels as a PNG (read in-process).
"""
import os
import statistics
import subprocess
import time

from bench_support import Emulator, client_environment

LOAD_ROUNDS = 5


def run_measured(command, env):
    """(peak RSS in bytes, wall seconds) of one run that must succeed."""
    started = time.monotonic()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.monotonic() - started
    stderr = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError("%s failed: %s" % (" ".join(command[1:3]), stderr.strip()[-2000:]))
    return usage.ru_maxrss * 1024, wall  # Linux reports kilobytes


def tiny_images(scratch):
    paths = {kind: os.path.join(scratch, "tiny." + kind) for kind in ("tif", "png")}
    for path in paths.values():
        subprocess.run(["oiiotool", "--pattern", "constant:color=0.5,0.4,0.3", "16x16", "3", "-d", "uint8", "-o",
                        path], check=True)
    return paths


def measure(build_dir, scratch, width, height):
    genlayer = os.path.join(build_dir, "bin", "genlayer")
    tiny = tiny_images(scratch)
    with Emulator(build_dir, "--gen-ms", 0, "--result-size", "%dx%d" % (width, height)) as emulator:
        env = client_environment(emulator, scratch)
        peak, _ = run_measured([genlayer, "generate", "--quiet", "--prompt", "a wide harbour", "--size", "2048x1152",
                                "--resolution", "2048", "--output", os.path.join(scratch, "result.png")], env)
        bare, _ = run_measured([genlayer, "--help"], env)
        loaded, load_s = [], []
        for _ in range(LOAD_ROUNDS):
            tif_rss, tif_s = run_measured([genlayer, "upload", tiny["tif"]], env)
            _, png_s = run_measured([genlayer, "upload", tiny["png"]], env)
            loaded.append(tif_rss)
            load_s.append(tif_s - png_s)
    decoder = statistics.median(loaded)
    raw = width * height * 4
    return {"result_size": "%dx%d" % (width, height), "peak_rss_mb": peak / 2**20, "raw_rgba_mb": raw / 2**20,
            "decoder_baseline_rss_mb": decoder / 2**20, "bare_rss_mb": bare / 2**20,
            "decoder_load_mb": (decoder - bare) / 2**20, "decoder_load_s": statistics.median(load_s),
            "above_decoder_mb": (peak - decoder) / 2**20, "ratio": (peak - decoder) / raw}
