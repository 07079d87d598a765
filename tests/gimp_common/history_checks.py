"""The history suites of both GIMPs: a result generated, then deleted from
its image, put back by plug-in-genlayer-history-insert with the gateway
stopped, checked against the history's own copy; and the same through the
Generation History dialog, whose Use these settings generates anew."""
import json
import os
import subprocess

from generation_checks import check_refusal
from png_file import read_png_rgba
from processes import find_window
from x_screenshot import save_screenshot

HISTORY_PROMPT = "a lighthouse kept in the history"
UNKNOWN_ENTRY = "ffffffffffff"
# The dialog suites: the entry is generated at a size "auto" would not give,
# before a newer one that the search has to leave out.
HISTORY_SIZE = "1536x1024"
NEWER_PROMPT = "a harbour generated after it"


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


def search_history_dialog(key, timeout_s, screenshot=None):
    """In the Generation History dialog, once it shows: types a word of
    HISTORY_PROMPT into its search, keeps a screenshot if asked, and
    presses key (alt+i Insert, alt+s Use these settings). Returns the
    screenshot's colour count, or None."""
    dialog = find_window("Generation History", timeout_s)
    subprocess.run(["xdotool", "windowfocus", "--sync", dialog], check=True, timeout=30)
    subprocess.run(["xdotool", "type", HISTORY_PROMPT.split()[1]], check=True, timeout=60)
    colours = save_screenshot(screenshot) if screenshot else None
    subprocess.run(["xdotool", "key", key], check=True, timeout=30)
    return colours


def check_history_dialog(checks, entry, inserted_rgba, exported, colours, screenshot, submits,
                         generated_prompt):
    """Insert put the searched entry into the selection at 8,16, masked, pixel
    for pixel; the screenshot shows something; Use these settings made one
    generation at the entry's size, of generated_prompt (the entry's, unless
    the driver chose a recent prompt)."""
    facts = checks.case("dialog-insert")
    if facts is not None:
        checks.facts_are("dialog-insert", facts, {
            "num-layers": "1", "new.name": HISTORY_PROMPT + " (genlayer)", "new.offsets": "8 16",
            "new.position": "0", "new.size": "%d %d" % (entry["width"], entry["height"])})
        checks.parasite("dialog-insert", facts, "new", prompt=HISTORY_PROMPT,
                        task_id=entry["task_id"], source_layer="Background")
        if facts.get("new.mask") == "-1":
            checks.fail("dialog-insert", "the layer inserted into a selection has no mask")
        if inserted_rgba != exported:
            checks.fail("dialog-insert", "the inserted layer's pixels differ from the history's image")
    if not colours or colours < 2:
        checks.fail("dialog-insert", "the screenshot %s shows one colour: nothing was drawn" % screenshot)
    used = checks.case("use-settings")
    if used is not None:
        # The layer's size is the entry's size as asked, which "auto" would not give.
        checks.facts_are("use-settings", used, {
            "layers-in-image": "2", "top.name": generated_prompt + " (genlayer)",
            "top.size": HISTORY_SIZE.replace("x", " ")})
        if len(submits) != 1:
            checks.fail("use-settings", "the gateway was asked %d times, not once" % len(submits))
