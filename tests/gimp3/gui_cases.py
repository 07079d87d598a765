"""The GIMP 3 case that needs GIMP's GUI, run inside gimp-3.0's Python-Fu
under Xvfb by gimp3_plugin_test.py: Generate Layer… opens its dialog, which
the driver types into with xdotool; then the driver presses Ctrl+Z in the
image window (the PDB has no undo), and one undo must take the whole insert
back and nothing more."""
import time

from case_support import Gimp, background_of, call, make_image, pixel, record_layer, run_cases

# Bounds a hang only: the driver presses Ctrl+Z as soon as it reads "generated".
UNDO_TIMEOUT_S = 240


def state(image):
    """"layers r g b a x1 y1 x2 y2": the layer count, the source's pixel at
    0,0 and the selection's bounds, so that an undo of more or less than
    the insert shows."""
    layers = image.get_layers()
    bounds = Gimp.Selection.bounds(image)[-4:]
    return " ".join(str(v) for v in [len(layers)] + pixel(layers[-1], 0, 0) + list(bounds))


def case_dialog_then_undo(facts, name):
    image = make_image(64, 48, Gimp.ImageBaseType.RGB, Gimp.ImageType.RGB_IMAGE, (255, 255, 255))
    Gimp.Display.new(image)
    image.select_ellipse(Gimp.ChannelOps.REPLACE, 10, 10, 30, 20)
    facts.add(name, "state-before", state(image))
    result = call("plug-in-genlayer", run_mode=Gimp.RunMode.INTERACTIVE, image=image,
                  drawables=[background_of(image)])
    layers = list(result.get_core_object_array(1))
    facts.add(name, "num-layers", len(layers))
    facts.add(name, "task-id", result.index(2))
    record_layer(facts, name, "new", image, layers[0])
    generated = state(image)
    facts.add(name, "state-after-generation", generated)
    facts.add(name, "generated", 1)
    # The driver's Ctrl+Z reaches GIMP apart from this plug-in: ask until it shows.
    deadline = time.monotonic() + UNDO_TIMEOUT_S
    while state(image) == generated and time.monotonic() < deadline:
        time.sleep(0.05)  # a polling interval, not a synchronisation
    facts.add(name, "state-after-undo", state(image))


def gui_cases(facts_path):
    run_cases(facts_path, [("dialog", case_dialog_then_undo)])
