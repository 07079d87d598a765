"""The benchmarks' GIMP 3 cases, run inside gimp-console-3.0's Python-Fu by
pixel_roundtrip.py and idle_cpu.py (through bench_support.Gimp3): what
pixel_roundtrip.scm and idle_wait.scm do in GIMP 2.10, with the same facts.

The pixel round trip's peer is GIMP 3's own PNG save and load of the same
layer: Gimp.file_save with its default export options, then
Gimp.file_load_layer into the image.
"""
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "gimp3"))

from case_support import (Gimp, Gio, background_of, colour, generate, make_image,  # noqa: E402
                          run_cases)

PROMPT = "recolour the photo"


def record_moment(facts, name, key):
    """The wall clock as "seconds microseconds", as Script-Fu's gettimeofday gives it."""
    microseconds = int(time.time() * 1e6)
    facts.add(name, key, microseconds // 1000000, microseconds % 1000000)


def make_photo_like(size, with_alpha):
    """Light falling across the frame with grain on top, like a photo; with
    alpha, a soft-edged oval cut-out on a transparent ground."""
    image = Gimp.Image.new(size, size, Gimp.ImageBaseType.RGB)
    layer = Gimp.Layer.new(image, "photo", size, size,
                           Gimp.ImageType.RGBA_IMAGE if with_alpha else Gimp.ImageType.RGB_IMAGE,
                           100, Gimp.LayerMode.NORMAL)
    image.insert_layer(layer, None, 0)
    Gimp.context_set_foreground(colour((38, 70, 140)))
    Gimp.context_set_background(colour((236, 188, 120)))
    Gimp.context_set_gradient_fg_bg_rgb()
    layer.edit_gradient_fill(Gimp.GradientType.LINEAR, 0, False, 1, 0, True, 0, 0, size, size)
    grain = Gimp.DrawableFilter.new(layer, "gegl:noise-rgb", "grain")
    config = grain.get_config()
    for channel in ("red", "green", "blue"):
        config.set_property(channel, 0.04)
    layer.merge_filter(grain)
    if with_alpha:
        margin = size // 8
        image.select_ellipse(Gimp.ChannelOps.REPLACE, margin, margin, size - 2 * margin,
                             size - 2 * margin)
        Gimp.Selection.feather(image, margin)
        Gimp.Selection.invert(image)
        layer.edit_clear()
        Gimp.Selection.none(image)
    return image


def case_round_trip(facts, name, size, with_alpha, work_dir, size_text, resolution):
    image = make_photo_like(size, with_alpha)
    layer = background_of(image)
    png = Gio.File.new_for_path(os.path.join(work_dir, name + ".png"))
    record_moment(facts, name, "gimp-start")
    Gimp.file_save(Gimp.RunMode.NONINTERACTIVE, image, png, None)
    record_moment(facts, name, "gimp-saved")
    image.insert_layer(Gimp.file_load_layer(Gimp.RunMode.NONINTERACTIVE, image, png), None, -1)
    record_moment(facts, name, "gimp-loaded")
    record_moment(facts, name, "genlayer-start")
    layers, _ = generate(image, layer, PROMPT, size=size_text, resolution=resolution)
    record_moment(facts, name, "genlayer-end")
    facts.add(name, "genlayer-layers", len(layers))
    image.delete()


def bench_pixel_roundtrip(facts_path, work_dir, size, size_text, resolution, rounds):
    """Small warm-ups of both kinds, then the measured rounds, the kinds
    taking turns: "opaque-1", "alpha-1", ..."""
    def case_of(name, case_size, with_alpha):
        return (name, lambda facts, case: case_round_trip(facts, case, case_size, with_alpha,
                                                          work_dir, size_text, resolution))
    cases = [case_of("warmup-opaque", 64, False), case_of("warmup-alpha", 64, True)]
    for round_number in range(1, rounds + 1):
        cases += [case_of("opaque-%d" % round_number, size, False),
                  case_of("alpha-%d" % round_number, size, True)]
    run_cases(facts_path, cases)


def bench_idle_wait(facts_path):
    """One generation whose task stays pending while idle_cpu.py reads the
    plug-in process's CPU time."""
    def case_idle(facts, name):
        image = make_image(64, 64, Gimp.ImageBaseType.RGB, Gimp.ImageType.RGB_IMAGE, (128, 128, 128))
        layers, _ = generate(image, background_of(image), "a long wait", size="1024x1024",
                             resolution="1024", reference="none")
        facts.add(name, "genlayer-layers", len(layers))
        image.delete()
    run_cases(facts_path, [("idle", case_idle)])
