"""Helpers of the GIMP 3 cases, run inside gimp-console-3.0's Python-Fu. A
case records facts as lines "case<TAB>key<TAB>value" in a file, in the form
the GIMP 2.10 suite's Script-Fu writes them, so that the driver
(gimp3_plugin_test.py) applies the same checks (tests/gimp_common)."""
import traceback

import gi

gi.require_version("Gimp", "3.0")
gi.require_version("Gegl", "0.4")
from gi.repository import Gegl, Gimp, Gio  # noqa: E402

RGBA_U8 = "R'G'B'A u8"
COVERAGE = "Y u8"


class Facts:
    """The facts file of one GIMP run."""

    def __init__(self, path):
        self.file = open(path, "w", encoding="utf-8")

    def add(self, case, key, *values):
        text = " ".join(str(value) for value in values)
        self.file.write("%s\t%s\t%s\n" % (case, key, text.replace("\n", " ")))
        self.file.flush()

    def close(self):
        self.file.close()


def run_cases(facts_path, cases):
    """Runs every (name, case) with (facts, name); an exception is recorded
    as the case's error and the next case runs."""
    facts = Facts(facts_path)
    for name, case in cases:
        try:
            case(facts, name)
        except Exception as error:  # a case's failure is a fact, not the end
            facts.add(name, "error", "%s: %s" % (error, traceback.format_exc(limit=3)))
        facts.add(name, "finished", 1)
    facts.close()


class ProcedureFailed(Exception):
    """A procedure returned another status than success: its message."""


def call(name, **arguments):
    """Runs the PDB procedure `name` with the arguments given by name (a list
    value goes in as a core object array); returns its return values after
    the status, or raises ProcedureFailed with its message."""
    procedure = Gimp.get_pdb().lookup_procedure(name)
    config = procedure.create_config()
    for key, value in arguments.items():
        key = key.replace("_", "-")
        if isinstance(value, list):
            config.set_core_object_array(key, value)
        else:
            config.set_property(key, value)
    result = procedure.run(config)
    if result.index(0) != Gimp.PDBStatusType.SUCCESS:
        message = result.index(1) if result.length() > 1 else ""
        raise ProcedureFailed(message if isinstance(message, str) else str(result.index(0)))
    return result


def generate(image, drawable, prompt, **arguments):
    """plug-in-genlayer, non-interactive; returns (layers, task id)."""
    result = call("plug-in-genlayer", run_mode=Gimp.RunMode.NONINTERACTIVE, image=image,
                  drawables=[drawable], prompt=prompt, **arguments)
    return list(result.get_core_object_array(1)), result.index(2)


def colour(rgb):
    return Gegl.Color.new("#%02x%02x%02x" % tuple(rgb))


def make_image(width, height, base_type, layer_type, rgb):
    """A new image with one layer "Background" of the image's size, filled with rgb."""
    image = Gimp.Image.new(width, height, base_type)
    layer = Gimp.Layer.new(image, "Background", width, height, layer_type, 100,
                           Gimp.LayerMode.NORMAL)
    image.insert_layer(layer, None, 0)
    fill_rectangle(image, layer, 0, 0, width, height, rgb)
    return image


def background_of(image):
    return image.get_layers()[0]


def fill_rectangle(image, drawable, x, y, width, height, rgb):
    """Fills a rectangle in image coordinates, leaving no selection."""
    image.select_rectangle(Gimp.ChannelOps.REPLACE, x, y, width, height)
    Gimp.context_set_foreground(colour(rgb))
    drawable.edit_fill(Gimp.FillType.FOREGROUND)
    Gimp.Selection.none(image)


def fill_quadrants(image, drawable, x, y, width, height, colours):
    half_width, half_height = width // 2, height // 2
    fill_rectangle(image, drawable, x, y, half_width, half_height, colours[0])
    fill_rectangle(image, drawable, x + half_width, y, width - half_width, half_height, colours[1])
    fill_rectangle(image, drawable, x, y + half_height, half_width, height - half_height, colours[2])
    fill_rectangle(image, drawable, x + half_width, y + half_height, width - half_width,
                   height - half_height, colours[3])


def read(drawable, x, y, width, height, babl_format):
    """The bytes of a rectangle of the drawable in a babl format."""
    return drawable.get_buffer().get(Gegl.Rectangle.new(x, y, width, height), 1.0, babl_format,
                                     Gegl.AbyssPolicy.NONE)


def pixel(drawable, x, y, babl_format=RGBA_U8):
    return list(read(drawable, x, y, 1, 1, babl_format))


def parasite_text(item):
    parasite = item.get_parasite("genlayer-info")
    return bytes(parasite.get_data()).decode("utf-8", "replace") if parasite else "none"


def record_pixel(facts, case, key, drawable, x, y, babl_format=RGBA_U8):
    facts.add(case, key, *pixel(drawable, x, y, babl_format))


def record_layer(facts, case, key, image, layer):
    mask = layer.get_mask()
    facts.add(case, key + ".name", layer.get_name())
    facts.add(case, key + ".offsets", *layer.get_offsets()[1:])
    facts.add(case, key + ".size", layer.get_width(), layer.get_height())
    facts.add(case, key + ".position", image.get_item_position(layer))
    facts.add(case, key + ".type", int(layer.type()))
    facts.add(case, key + ".mask", mask.get_id() if mask else -1)
    facts.add(case, key + ".parasite", parasite_text(layer))


def mask_vs_gimp_selection_mask(image, layer):
    """Compares `layer`'s whole mask with the mask GIMP's own "add mask from
    selection" gives a layer of the same size and place: (pixels that
    differ, pixels partly selected)."""
    width, height = layer.get_width(), layer.get_height()
    reference = Gimp.Layer.new(image, "reference", width, height, Gimp.ImageType.RGBA_IMAGE, 100,
                               Gimp.LayerMode.NORMAL)
    image.insert_layer(reference, None, 0)
    reference.set_offsets(*layer.get_offsets()[1:])
    reference.add_mask(reference.create_mask(Gimp.AddMaskType.SELECTION))
    actual = read(layer.get_mask(), 0, 0, width, height, COVERAGE)
    expected = read(reference.get_mask(), 0, 0, width, height, COVERAGE)
    image.remove_layer(reference)
    mismatches = sum(1 for a, e in zip(actual, expected) if a != e)
    return mismatches, sum(1 for e in expected if 0 < e < 255)


def save_xcf(image, path):
    Gimp.file_save(Gimp.RunMode.NONINTERACTIVE, image, Gio.File.new_for_path(path), None)


def load(path):
    return Gimp.file_load(Gimp.RunMode.NONINTERACTIVE, Gio.File.new_for_path(path))
