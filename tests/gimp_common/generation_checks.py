"""What the GIMP suites of both plug-ins assert. A case records facts (case,
key, value); the check of a case reads them and names the case in every
failure. The GIMP 2.10 suite records them from Script-Fu, the GIMP 3 suite
from Python-Fu, so that one check serves both.
"""
import datetime
import json
import os

from emulator import band_colours, gray_of, xor_key

API_KEY = "test-key"

# GIMP's image and drawable type numbers.
GRAY, INDEXED = 1, 2
RGBA_IMAGE, GRAYA_IMAGE, INDEXEDA_IMAGE = 1, 3, 5


def read_facts(path):
    """{case: {key: value}} from the lines "case<TAB>key<TAB>value" a run of
    cases wrote; {} when it wrote none."""
    facts = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8", errors="replace") as lines:
            for line in lines:
                case, key, value = line.rstrip("\n").split("\t", 2)
                facts.setdefault(case, {})[key] = value
    return facts


class Checks:
    """Collects failures, each named by its case."""

    def __init__(self, facts):
        self.facts = facts
        self.failures = []

    def fail(self, case, message):
        self.failures.append("%s: %s" % (case, message))

    def case(self, name):
        """The facts of a case that ran to its end without an error, else None."""
        facts = self.facts.get(name, {})
        if "error" in facts:
            self.fail(name, "the case stopped with an error: " + facts["error"])
        elif "finished" not in facts:
            self.fail(name, "did not run (GIMP stopped before it)")
        else:
            return facts
        return None

    def equal(self, case, what, actual, expected):
        if actual != expected:
            self.fail(case, "%s is %r, expected %r" % (what, actual, expected))

    def fact(self, case, facts, key, expected):
        self.equal(case, key, facts.get(key), expected)

    def facts_are(self, case, facts, expected):
        """Each fact named in the dict has the text it maps to."""
        for key, value in expected.items():
            self.fact(case, facts, key, value)

    def numbers(self, facts, key):
        return [int(n) for n in facts.get(key, "").split()]

    def colour_near(self, case, facts, key, expected, tolerance, unxor=None):
        """The pixel's RGB (XOR-ed back with unxor, undoing the emulator) is
        within tolerance of expected, and it is opaque."""
        pixel = self.numbers(facts, key)
        if len(pixel) != 4:
            return self.fail(case, "%s is %r, expected an RGBA pixel" % (key, pixel))
        rgb = [c ^ k for c, k in zip(pixel, unxor)] if unxor else pixel[:3]
        if any(abs(a - e) > tolerance for a, e in zip(rgb, expected)) or pixel[3] != 255:
            self.fail(case, "%s is %r (RGB %r before the emulator's XOR), expected RGB %r within %d, opaque"
                      % (key, pixel, rgb, expected, tolerance))

    def parasite(self, case, facts, key, **expected):
        """The genlayer-info JSON has the expected fields, a created time and never the key."""
        text = facts.get(key + ".parasite", "").rstrip("\0")
        if API_KEY in text:
            self.fail(case, "the parasite holds the API key")
        try:
            info = json.loads(text)
            datetime.datetime.fromisoformat(info["created"].replace("Z", "+00:00"))
        except (ValueError, KeyError, TypeError) as error:
            return self.fail(case, "parasite %r is not the expected JSON (%s)" % (text, error))
        for field in ("model", "prompt", "size", "resolution", "n", "task_id", "source_layer"):
            if field not in info:
                self.fail(case, "the parasite lacks %r" % field)
        for field, value in expected.items():
            self.equal(case, "parasite " + field, info.get(field), value)


# The colours the generation cases fill their sources with.
RED, BLUE = [200, 40, 40], [40, 90, 200]
QUADRANTS = {"top-left": [220, 30, 30], "top-right": [30, 200, 60],
             "bottom-left": [40, 60, 210], "bottom-right": [230, 210, 40]}
# A flat reference passes through JPEG (an opaque reference), off by a little.
JPEG_TOLERANCE = 6


def check_text_only(checks, facts, name):
    prompt = "a lighthouse at dusk"
    width, height = checks.numbers(facts, "new.size") or [0, 0]
    checks.fact(name, facts, "num-layers", "1")
    checks.fact(name, facts, "layers-in-image", "2")
    checks.fact(name, facts, "new.name", prompt + " (genlayer)")
    checks.fact(name, facts, "new.offsets", "0 0")
    checks.fact(name, facts, "new.position", "0")
    checks.fact(name, facts, "new.type", str(RGBA_IMAGE))
    checks.fact(name, facts, "new.mask", "-1")
    checks.parasite(name, facts, "new", model="gpt-image-2", prompt=prompt, n=1,
                    size="%dx%d" % (width, height), task_id=facts.get("task-id"),
                    source_layer="Background")
    first, second = band_colours(prompt, 0)
    checks.colour_near(name, facts, "first-band", first, 0)
    checks.colour_near(name, facts, "second-band", second, 0)


def check_offset_reference(checks, facts, name):
    key = xor_key("recolour the offset layer", 0)
    checks.fact(name, facts, "new.offsets", "120 90")
    checks.fact(name, facts, "new.size", "1536 1024")
    checks.colour_near(name, facts, "left-half", RED, JPEG_TOLERANCE, unxor=key)
    checks.colour_near(name, facts, "right-half", BLUE, JPEG_TOLERANCE, unxor=key)


def check_selection_cover_mask(checks, facts, name):
    key = xor_key("quadrants, reimagined", 0)
    checks.fact(name, facts, "layers-in-image", "4")
    checks.fact(name, facts, "new.position", "1")
    checks.fact(name, facts, "source-position", "2")
    checks.fact(name, facts, "new.offsets", "100 60")
    checks.fact(name, facts, "new.size", "300 200")
    checks.parasite(name, facts, "new", size="1536x1024", resolution="1536")
    for quadrant, colour in QUADRANTS.items():
        checks.colour_near(name, facts, quadrant, colour, JPEG_TOLERANCE, unxor=key)
    if facts.get("new.mask") == "-1":
        checks.fail(name, "the new layer has no mask")
    checks.fact(name, facts, "mask-corner", "0")
    checks.fact(name, facts, "mask-centre", "255")
    # The whole mask, its antialiased edge included, is what GIMP cuts from the selection.
    checks.fact(name, facts, "mask-mismatches", "0")
    if int(facts.get("mask-partial-points", "0")) == 0:
        checks.fail(name, "the grid met no partly selected pixel, so the edge went unchecked")
    checks.fact(name, facts, "selection-bounds", "100 60 400 260")


def check_variations(checks, facts, name):
    prompt = "two takes"
    checks.fact(name, facts, "num-layers", "2")
    checks.fact(name, facts, "layers-in-image", "3")
    checks.fact(name, facts, "first.name", prompt + " (genlayer) 1/2")
    checks.fact(name, facts, "second.name", prompt + " (genlayer) 2/2")
    checks.fact(name, facts, "first.position", "0")
    checks.fact(name, facts, "second.position", "1")
    checks.fact(name, facts, "source-position", "2")
    checks.parasite(name, facts, "first", n=2)
    checks.colour_near(name, facts, "first.pixel", band_colours(prompt, 0)[0], 0)
    checks.colour_near(name, facts, "second.pixel", band_colours(prompt, 1)[0], 0)


def check_grayscale(checks, facts, name):
    generated = [90 ^ k for k in xor_key("a grey study", 0)]
    checks.fact(name, facts, "base-type", str(GRAY))
    checks.fact(name, facts, "new.type", str(GRAYA_IMAGE))
    gray, alpha = (checks.numbers(facts, "centre") + [None, None])[:2]
    if gray is None or abs(gray - gray_of(generated)) > 3 or alpha != 255:
        checks.fail(name, "centre is %r, expected the grey %.1f of RGB %r, opaque"
                    % (facts.get("centre"), gray_of(generated), generated))


def check_indexed(checks, facts, name):
    checks.fact(name, facts, "base-type", str(INDEXED))
    checks.fact(name, facts, "new.type", str(INDEXEDA_IMAGE))
    if len(checks.numbers(facts, "centre")) != 2 or checks.numbers(facts, "centre")[1] != 255:
        checks.fail(name, "centre is %r, expected an opaque (index, alpha) pixel" % facts.get("centre"))


def check_visible_reference(checks, facts, name):
    key = xor_key("what is visible", 0)
    checks.fact(name, facts, "layers-in-image", "3")
    checks.fact(name, facts, "new.position", "1")
    checks.fact(name, facts, "new.size", "300 200")
    checks.colour_near(name, facts, "left-half", BLUE, JPEG_TOLERANCE, unxor=key)
    checks.colour_near(name, facts, "right-half", RED, JPEG_TOLERANCE, unxor=key)


def check_parasite_in_xcf(checks, facts, name):
    checks.fact(name, facts, "after.name", "kept in the file (genlayer)")
    if facts.get("before", "none") == "none":
        checks.fail(name, "the new layer had no genlayer-info parasite")
    checks.fact(name, facts, "after", facts.get("before"))
    if API_KEY in facts.get("after", ""):
        checks.fail(name, "the parasite saved in the XCF holds the API key")


def check_last_values(checks, facts, name, profile):
    checks.fact(name, facts, "repeat.name", "say it again (genlayer)")
    stored = os.path.join(profile, "genlayer-last-values.ini")
    with open(stored, encoding="utf-8") as values:
        if "prompt=say it again" not in values.read():
            checks.fail(name, "%s does not hold the last prompt" % stored)


def parasite_without_run(facts, key):
    """The genlayer-info JSON without what differs from one run to the next."""
    try:
        info = json.loads(facts.get(key + ".parasite", "").rstrip("\0"))
    except ValueError:
        return None
    return {field: value for field, value in info.items() if field not in ("task_id", "created")}


def check_submit_collect(checks, facts, name):
    """Submit then collect made what plug-in-genlayer made, from one paid task."""
    task_id = facts.get("submit.task-id", "")
    if not task_id.startswith("task_"):
        checks.fail(name, "the submit returned the task id %r" % task_id)
    checks.facts_are(name, facts, {
        "submit.num-layers": "0", "submit.layers": "", "collect.task-id": task_id,
        "direct.num-layers": "1", "collect.num-layers": "1",
        "direct.offsets": "130 100", "direct.mask-centre": "255", "direct.mask-corner": "0"})
    checks.parasite(name, facts, "collect", task_id=task_id, prompt="split in two halves")
    for key in ("name", "offsets", "size", "position", "type", "layers-in-image", "left", "right",
                "mask-corner", "mask-centre"):
        checks.equal(name, "collect." + key, facts.get("collect." + key), facts.get("direct." + key))
    checks.equal(name, "the collected parasite (but task id and time)",
                 parasite_without_run(facts, "collect"), parasite_without_run(facts, "direct"))


def check_recover_new_image(checks, facts, name):
    checks.facts_are(name, facts, {
        "num-layers": "1", "new-image": "1", "image-size": "1024 1024", "layers-in-image": "1",
        "new.name": "lost its image (genlayer)", "new.offsets": "0 0", "new.size": "1024 1024",
        "recovered-again": "0"})
    checks.parasite(name, facts, "new", task_id=facts.get("task-id"), source_layer="Background")


def check_refusal(checks, name, sentence, stderr, prefix):
    """The call failed with `prefix` + the one sentence, added no layer, did
    not leak the key, and GIMP's stderr shows the sentence."""
    facts = checks.case(name)
    if facts is None:
        return
    checks.fact(name, facts, "outcome", "error")
    checks.fact(name, facts, "layers-in-image", "1")
    message = facts.get("message", "")
    expected = prefix + sentence
    if not message.startswith(expected):
        checks.fail(name, "the PDB error is %r, expected it to start with %r" % (message, expected))
    if API_KEY in message:
        checks.fail(name, "the PDB error holds the API key")
    if sentence not in stderr:
        checks.fail(name, "GIMP's stderr does not show %r" % sentence)


# The generation cases both suites run, by name, with their checks.
GENERATION_CHECKS = (("text-only", check_text_only),
                     ("offset-reference", check_offset_reference),
                     ("selection-cover-mask", check_selection_cover_mask),
                     ("variations", check_variations),
                     ("grayscale", check_grayscale),
                     ("indexed", check_indexed),
                     ("visible-reference", check_visible_reference),
                     ("parasite-in-xcf", check_parasite_in_xcf),
                     ("submit-collect", check_submit_collect),
                     ("recover-new-image", check_recover_new_image))


def check_generation_cases(checks, profile, extra=()):
    """Every generation case, the `extra` (name, check) ones, and last-values
    (whose values file is in the GIMP profile)."""
    for name, check in GENERATION_CHECKS + tuple(extra):
        facts = checks.case(name)
        if facts is not None:
            check(checks, facts, name)
    last_values = checks.case("last-values")
    if last_values is not None:
        check_last_values(checks, last_values, "last-values", profile)
