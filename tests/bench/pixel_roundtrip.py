"""1. The pixel round trip (pixel_roundtrip_ratio).

In headless GIMP, for a photo-like layer (opaque, then with alpha), the
client-side time of a generation with the emulator's generation time at 0
against GIMP's own way of moving the same pixels in the same run:
file-png-save with its defaults, then gimp-file-load-layer into the image.
In GIMP 3 (measure with gimp3_build_dir) the same through gimp3_cases.py:
the peer is GIMP 3's own PNG export with its defaults and load of the layer.

The client-side time is the plug-in call's wall time minus the wait for the
server: from the submit's arrival to the download's arrival in the emulator's
log. That span holds the poll schedule's first 2 s, the emulator rendering
the result (work a real gateway does before it says "completed") and the
journal write on completion (a few ms that the client is thus not charged).
Stages come from one time line: Script-Fu's (Python-Fu's) moments around the call, the
GEGL timing preload's pixel reads and writes in the plug-in process, and the
emulator's request arrivals shifted onto the wall clock.
"""
import os

from bench_support import Emulator, Gimp, Gimp3, read_facts

UPLOAD_PATH = "/v1/uploads/images"
SUBMIT_PATH = "/v1/images/generations"


def moment(facts, key):
    seconds, microseconds = facts[key]
    return int(seconds) + int(microseconds) / 1e6


def read_trace(path):
    """[(what, start, end, width, height)] from the GEGL timing preload."""
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as lines:
        return [(what, float(start), float(end), int(width), int(height))
                for what, start, end, width, height in (line.split() for line in lines)]


def first(items, description):
    for item in items:
        return item
    raise RuntimeError("The pixel benchmark found no " + description + ".")


def generation_stages(call_start, call_end, size, trace, arrivals, clock_error):
    """The plug-in call cut at the moments it passed: seconds per stage. An
    arrival belongs to the call when it falls inside it, give or take how far
    the emulator's clock may be off (the calls are far further apart)."""
    during = [event for event in trace if call_start <= event[1] <= call_end]
    read = first((e for e in during if e[0] == "read" and e[3:] == (size, size)), "read of the whole layer")
    write = first((e for e in during if e[0] == "write" and e[3:] == (size, size)), "write of the result")
    flush = first((e for e in during if e[0] == "flush" and e[1] >= write[2]), "flush after the write")

    def arrival(port, method, prefix):
        return first((t for p, m, path, t in arrivals
                      if p == port and m == method and path.startswith(prefix)
                      and call_start - clock_error <= t <= call_end + clock_error),
                     "%s %s in the emulator's log" % (method, prefix))

    upload = arrival("api", "POST", UPLOAD_PATH)
    submit = arrival("api", "POST", SUBMIT_PATH)
    download = arrival("files", "GET", "/generated/")
    stages = {
        "plugin_start_s": read[1] - call_start,
        "read_layer_s": read[2] - read[1],
        "prepare_reference_s": upload - read[2],
        "upload_and_submit_s": submit - upload,
        "download_and_decode_s": write[1] - download,
        "write_layer_s": flush[2] - write[1],
        "finish_s": call_end - flush[2],
    }
    server_wait = download - submit
    return stages, server_wait


def measure_kind(facts, size, trace, arrivals, clock_error):
    gimp_save = moment(facts, "gimp-saved") - moment(facts, "gimp-start")
    gimp_load = moment(facts, "gimp-loaded") - moment(facts, "gimp-saved")
    call_start, call_end = moment(facts, "genlayer-start"), moment(facts, "genlayer-end")
    stages, server_wait = generation_stages(call_start, call_end, size, trace, arrivals, clock_error)
    client = call_end - call_start - server_wait
    gimp = gimp_save + gimp_load
    return {
        "ratio": client / gimp,
        "genlayer_client_s": client,
        "genlayer_call_s": call_end - call_start,
        "server_wait_excluded_s": server_wait,
        "genlayer_stages": stages,
        "gimp_png_s": gimp,
        "gimp_stages": {"file_png_save_s": gimp_save, "file_load_layer_s": gimp_load},
    }


def median_round(rounds):
    """The round whose ratio is the median (the lower middle of an even count)."""
    ordered = sorted(rounds, key=lambda result: result["ratio"])
    return dict(ordered[(len(ordered) - 1) // 2], round_ratios=[result["ratio"] for result in rounds])


def measure(build_dir, scratch, size, rounds, gimp3_build_dir=None):
    """In GIMP 2.10, or in GIMP 3 with the plug-in and preload of gimp3_build_dir."""
    size_text, resolution = ("2048x2048", "2048") if size > 1024 else ("1024x1024", "1024")
    trace_path = os.path.join(scratch, "gegl-trace.txt")
    preload = os.path.join(gimp3_build_dir or build_dir, "lib", "libgenlayer-bench-gegl-timing.so")
    timing = {"LD_PRELOAD": preload, "GENLAYER_BENCH_TRACE": trace_path}
    with Emulator(build_dir, "--gen-ms", 0, "--result-size", "%dx%d" % (size, size)) as emulator:
        facts_file = os.path.join(scratch, "pixel.facts")
        if gimp3_build_dir:
            stderr = Gimp3(gimp3_build_dir, scratch, emulator, timing).run(
                "bench_pixel_roundtrip", facts_file, scratch, size, size_text, resolution, rounds)
        else:
            stderr = Gimp(build_dir, scratch, emulator, timing).run(
                "pixel_roundtrip.scm", "bench-pixel-roundtrip", facts_file, scratch, str(size), size_text,
                resolution, str(rounds))
        facts = read_facts(facts_file, stderr)
        offset, clock_error = emulator.wall_offset_s()
        arrivals = [(e["port"], e["method"], e["path"], offset + e["t_ms"] / 1000) for e in emulator.log()]
    trace = read_trace(trace_path)
    kinds = {kind: median_round([measure_kind(facts["%s-%d" % (kind, r)], size, trace, arrivals, clock_error)
                                 for r in range(1, rounds + 1)])
             for kind in ("opaque", "alpha")}
    return {"size": size, "rounds": rounds, **kinds}
