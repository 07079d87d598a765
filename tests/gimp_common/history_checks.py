"""The history suites of both GIMPs: a result generated, then deleted from
its image, put back by plug-in-genlayer-history-insert with the gateway
stopped, checked against the history's own copy."""
import json
import os
import subprocess

from generation_checks import check_refusal
from png_file import read_png_rgba

HISTORY_PROMPT = "a lighthouse kept in the history"
UNKNOWN_ENTRY = "ffffffffffff"


def genlayer(build_dir, env, *arguments):
    return subprocess.run([os.path.join(build_dir, "bin", "genlayer")] + list(arguments), env=env,
                          capture_output=True, text=True, check=True).stdout


def history_entry_of(build_dir, env, task_id):
    """The history's entry of the task, as `genlayer history --json` lists it, or None."""
    listing = json.loads(genlayer(build_dir, env, "history", "--json"))["entries"]
    return next((entry for entry in listing if entry["task_id"] == task_id), None)


def generated_entry(checks, build_dir, env):
    """The history's entry of the "generate" case's task, once that case
    deleted its layer; None (a failure recorded) when there is none."""
    facts = checks.case("generate")
    entry = facts and history_entry_of(build_dir, env, facts.get("task-id"))
    if not entry:
        checks.fail("generate", "the history holds no entry of task %r" % (facts or {}).get("task-id"))
        return None
    checks.fact("generate", facts, "layers-in-image", "1")
    return entry


def exported_rgba(build_dir, env, entry, scratch):
    """The entry's image as `genlayer history export` writes it: (width, height, RGBA bytes)."""
    path = os.path.join(scratch, "exported.png")
    genlayer(build_dir, env, "history", "export", entry["id"], path)
    return read_png_rgba(path)


def check_history_inserts(checks, entry, inserted_rgba, exported, stderr, refusal_prefix):
    """The insert cases: the whole entry back at the origin, pixel for pixel;
    one into a selection at 8,16, masked, by a 6-digit id; an unknown id
    refused in one sentence."""
    size = "%d %d" % (entry["width"], entry["height"])
    for name, offsets in (("insert", "0 0"), ("insert-selection", "8 16")):
        facts = checks.case(name)
        if facts is None:
            continue
        checks.facts_are(name, facts, {"num-layers": "1", "task-id": entry["task_id"],
                                       "new.name": entry["prompt"] + " (genlayer)",
                                       "new.offsets": offsets, "new.size": size, "new.position": "0"})
        checks.parasite(name, facts, "new", prompt=entry["prompt"], task_id=entry["task_id"],
                        source_layer="Background")
        if name == "insert-selection" and facts.get("new.mask") == "-1":
            checks.fail(name, "the layer put into a selection has no mask")
    if checks.case("insert") is not None and inserted_rgba != exported:
        checks.fail("insert", "the inserted layer's pixels differ from the history's image")
    check_refusal(checks, "unknown-entry", "No history entry has the id " + UNKNOWN_ENTRY, stderr,
                  refusal_prefix)
