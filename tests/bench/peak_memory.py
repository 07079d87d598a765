"""4. Memory (peak_rss_ratio).

The peak resident set of one `genlayer generate` whose result is
width x height (the emulator's --result-size stands in for the gateway's 4K
models), divided by the raw RGBA size of that image. The peak is the child's
ru_maxrss, read by wait4 when it ends. For context, the same of
`genlayer --help`: what the process holds before it touches a pixel.
"""
import os
import subprocess

from bench_support import Emulator, client_environment


def peak_rss_bytes(command, env):
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    stderr = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError("%s failed: %s" % (" ".join(command[1:3]), stderr.strip()[-2000:]))
    return usage.ru_maxrss * 1024  # Linux reports kilobytes


def measure(build_dir, scratch, width, height):
    genlayer = os.path.join(build_dir, "bin", "genlayer")
    with Emulator(build_dir, "--gen-ms", 0, "--result-size", "%dx%d" % (width, height)) as emulator:
        env = client_environment(emulator, scratch)
        peak = peak_rss_bytes([genlayer, "generate", "--quiet", "--prompt", "a wide harbour", "--size", "2048x1152",
                               "--resolution", "2048", "--output", os.path.join(scratch, "result.png")], env)
        baseline = peak_rss_bytes([genlayer, "--help"], env)
    raw = width * height * 4
    return {"result_size": "%dx%d" % (width, height), "peak_rss_mb": peak / 2**20, "raw_rgba_mb": raw / 2**20,
            "ratio": peak / raw, "baseline_rss_mb": baseline / 2**20, "above_baseline_ratio": (peak - baseline) / raw}
