"""The GIMP 3 cases, run inside gimp-console-3.0's Python-Fu by
gimp3_plugin_test.py: the same generations as the GIMP 2.10 suite's
generation_cases.scm and refusal_cases.scm, through named arguments."""
import json
import os
import urllib.request

from case_support import (Gimp, background_of, call, fill_quadrants, fill_rectangle, generate,
                          load, make_image, mask_vs_gimp_selection_mask, parasite_text, pixel,
                          record_layer, record_pixel, run_cases, save_xcf, COVERAGE,
                          ProcedureFailed)

RGB, GRAY = Gimp.ImageBaseType.RGB, Gimp.ImageBaseType.GRAY
RGB_IMAGE, GRAY_IMAGE = Gimp.ImageType.RGB_IMAGE, Gimp.ImageType.GRAY_IMAGE
NONINTERACTIVE = Gimp.RunMode.NONINTERACTIVE


def record_result(facts, name, layers, task_id):
    facts.add(name, "num-layers", len(layers))
    facts.add(name, "task-id", task_id)


def layer_count(image):
    return len(image.get_layers())


def native_pixel(drawable, x, y):
    """The pixel in the drawable's own format (grey and alpha, index and alpha…)."""
    colour = drawable.get_pixel(x, y)
    return list(colour.get_bytes(drawable.get_format()).get_data())


def band_width(layer):
    return max(8, max(layer.get_width(), layer.get_height()) // 16)


def case_text_only(facts, name):
    image = make_image(320, 240, RGB, RGB_IMAGE, (255, 255, 255))
    layers, task_id = generate(image, background_of(image), "a lighthouse at dusk",
                               reference="none")
    layer = layers[0]
    record_result(facts, name, layers, task_id)
    facts.add(name, "layers-in-image", layer_count(image))
    record_layer(facts, name, "new", image, layer)
    record_pixel(facts, name, "first-band", layer, 0, 0)
    record_pixel(facts, name, "second-band", layer, band_width(layer), 0)
    image.delete()


def make_offset_source_image():
    """400x300; the layer "offset source" at 120,90: 160x100, red left, blue right."""
    image = make_image(400, 300, RGB, RGB_IMAGE, (30, 30, 30))
    source = Gimp.Layer.new(image, "offset source", 160, 100, RGB_IMAGE, 100,
                            Gimp.LayerMode.NORMAL)
    image.insert_layer(source, None, 0)
    source.set_offsets(120, 90)
    fill_rectangle(image, source, 120, 90, 80, 100, (200, 40, 40))
    fill_rectangle(image, source, 200, 90, 80, 100, (40, 90, 200))
    return image, source


def case_offset_reference(facts, name):
    image, source = make_offset_source_image()
    layers, task_id = generate(image, source, "recolour the offset layer", size="1536x1024",
                               resolution="1536")
    record_result(facts, name, layers, task_id)
    record_layer(facts, name, "new", image, layers[0])
    record_pixel(facts, name, "left-half", layers[0], 384, 512)
    record_pixel(facts, name, "right-half", layers[0], 1152, 512)
    image.delete()


def case_selection_cover_mask(facts, name):
    """Three layers, the source in the middle; an elliptic selection whose
    bounds (100,60 300x200) hold four flat quadrants of the source."""
    image = make_image(500, 400, RGB, RGB_IMAGE, (128, 128, 128))
    source = Gimp.Layer.new(image, "quadrants", 500, 400, RGB_IMAGE, 100, Gimp.LayerMode.NORMAL)
    top = Gimp.Layer.new(image, "top", 50, 50, RGB_IMAGE, 100, Gimp.LayerMode.NORMAL)
    image.insert_layer(source, None, 0)
    image.insert_layer(top, None, 0)
    fill_rectangle(image, source, 0, 0, 500, 400, (10, 10, 10))
    fill_quadrants(image, source, 100, 60, 300, 200,
                   ((220, 30, 30), (30, 200, 60), (40, 60, 210), (230, 210, 40)))
    image.select_ellipse(Gimp.ChannelOps.REPLACE, 100, 60, 300, 200)
    layers, task_id = generate(image, source, "quadrants, reimagined", resolution="1536",
                               placement="cover")
    layer = layers[0]
    record_result(facts, name, layers, task_id)
    facts.add(name, "layers-in-image", layer_count(image))
    facts.add(name, "source-position", image.get_item_position(source))
    record_layer(facts, name, "new", image, layer)
    for key, x, y in (("top-left", 75, 50), ("top-right", 225, 50), ("bottom-left", 75, 150),
                      ("bottom-right", 225, 150)):
        record_pixel(facts, name, key, layer, x, y)
    record_pixel(facts, name, "mask-corner", layer.get_mask(), 0, 0, COVERAGE)
    record_pixel(facts, name, "mask-centre", layer.get_mask(), 150, 100, COVERAGE)
    mismatches, partial = mask_vs_gimp_selection_mask(image, layer)
    facts.add(name, "mask-mismatches", mismatches)
    facts.add(name, "mask-partial-points", partial)
    facts.add(name, "selection-bounds", *Gimp.Selection.bounds(image)[-4:])
    image.delete()


def case_variations(facts, name):
    image = make_image(200, 200, RGB, RGB_IMAGE, (255, 255, 255))
    source = background_of(image)
    layers, task_id = generate(image, source, "two takes", size="1024x1024", resolution="1024",
                               reference="none", n=2)
    record_result(facts, name, layers, task_id)
    facts.add(name, "layers-in-image", layer_count(image))
    facts.add(name, "source-position", image.get_item_position(source))
    record_layer(facts, name, "first", image, layers[0])
    record_layer(facts, name, "second", image, layers[1])
    record_pixel(facts, name, "first.pixel", layers[0], 0, 0)
    record_pixel(facts, name, "second.pixel", layers[1], 0, 0)
    image.delete()


def case_grayscale(facts, name):
    image = make_image(200, 150, GRAY, GRAY_IMAGE, (90, 90, 90))
    layers, task_id = generate(image, background_of(image), "a grey study", size="1536x1024",
                               resolution="1536")
    record_result(facts, name, layers, task_id)
    facts.add(name, "base-type", int(image.get_base_type()))
    record_layer(facts, name, "new", image, layers[0])
    facts.add(name, "centre", *native_pixel(layers[0], 768, 512))
    image.delete()


def case_indexed(facts, name):
    image = make_image(200, 150, RGB, RGB_IMAGE, (200, 40, 40))
    fill_rectangle(image, background_of(image), 100, 0, 100, 150, (40, 90, 200))
    image.convert_indexed(Gimp.ConvertDitherType.NONE, Gimp.ConvertPaletteType.GENERATE, 16,
                          False, False, "")
    layers, task_id = generate(image, background_of(image), "a poster in few colours",
                               size="1536x1024", resolution="1536")
    record_result(facts, name, layers, task_id)
    facts.add(name, "base-type", int(image.get_base_type()))
    record_layer(facts, name, "new", image, layers[0])
    facts.add(name, "centre", *native_pixel(layers[0], 768, 512))
    image.delete()


def case_visible_reference(facts, name):
    """The visible image (a layer over the source) is the reference, not the source alone."""
    image = make_image(300, 200, RGB, RGB_IMAGE, (200, 40, 40))
    source = background_of(image)
    cover = Gimp.Layer.new(image, "left cover", 150, 200, RGB_IMAGE, 100, Gimp.LayerMode.NORMAL)
    image.insert_layer(cover, None, 0)
    fill_rectangle(image, cover, 0, 0, 150, 200, (40, 90, 200))
    layers, task_id = generate(image, source, "what is visible", size="1536x1024",
                               resolution="1536", reference="visible", placement="cover")
    record_result(facts, name, layers, task_id)
    facts.add(name, "layers-in-image", layer_count(image))
    record_layer(facts, name, "new", image, layers[0])
    record_pixel(facts, name, "left-half", layers[0], 75, 100)
    record_pixel(facts, name, "right-half", layers[0], 225, 100)
    image.delete()


def case_parasite_in_xcf(facts, name, work_dir):
    path = os.path.join(work_dir, "parasite.xcf")
    image = make_image(64, 64, RGB, RGB_IMAGE, (255, 255, 255))
    layers, _ = generate(image, background_of(image), "kept in the file", size="1024x1024",
                         resolution="1024", reference="none")
    facts.add(name, "before", parasite_text(layers[0]))
    save_xcf(image, path)
    image.delete()
    reloaded = load(path)
    top = reloaded.get_layers()[0]
    facts.add(name, "after", parasite_text(top))
    facts.add(name, "after.name", top.get_name())
    reloaded.delete()


def make_two_colour_image():
    """The offset source under an elliptic selection."""
    image, source = make_offset_source_image()
    image.select_ellipse(Gimp.ChannelOps.REPLACE, 130, 100, 140, 80)
    return image, source


def record_two_colour_result(facts, name, key, image, layer):
    record_layer(facts, name, key, image, layer)
    facts.add(name, key + ".layers-in-image", layer_count(image))
    record_pixel(facts, name, key + ".left", layer, 30, 40)
    record_pixel(facts, name, key + ".right", layer, 110, 40)
    record_pixel(facts, name, key + ".mask-corner", layer.get_mask(), 0, 0, COVERAGE)
    record_pixel(facts, name, key + ".mask-centre", layer.get_mask(), 70, 40, COVERAGE)


def submit(image, drawable, prompt, **arguments):
    """plug-in-genlayer-submit; returns the task id."""
    return call("plug-in-genlayer-submit", run_mode=NONINTERACTIVE, image=image,
                drawables=[drawable], prompt=prompt, **arguments).index(1)


def case_submit_collect(facts, name):
    """plug-in-genlayer on one copy; submit, then collect, on the other."""
    direct, direct_source = make_two_colour_image()
    split, split_source = make_two_colour_image()
    arguments = dict(resolution="1536", placement="cover")
    generated, _ = generate(direct, direct_source, "split in two halves", **arguments)
    task_id = submit(split, split_source, "split in two halves", **arguments)
    collected = call("plug-in-genlayer-collect", run_mode=NONINTERACTIVE, image=split,
                     task_id=task_id, timeout_s=60)
    facts.add(name, "submit.num-layers", 0)
    facts.add(name, "submit.layers", "")
    facts.add(name, "submit.task-id", task_id)
    facts.add(name, "direct.num-layers", len(generated))
    facts.add(name, "collect.num-layers", len(collected.get_core_object_array(1)))
    facts.add(name, "collect.task-id", collected.index(2))
    record_two_colour_result(facts, name, "direct", direct, generated[0])
    record_two_colour_result(facts, name, "collect", split, collected.get_core_object_array(1)[0])
    direct.delete()
    split.delete()


def recover(timeout_s):
    return list(call("plug-in-genlayer-recover", run_mode=NONINTERACTIVE,
                     timeout_s=timeout_s).get_core_object_array(1))


def case_recover_new_image(facts, name):
    """A submitted job whose image was closed comes back in a new image of
    the generated size, holding the generated layer alone."""
    image = make_image(120, 90, RGB, RGB_IMAGE, (255, 255, 255))
    image_id = image.get_id()
    task_id = submit(image, background_of(image), "lost its image", size="1024x1024",
                     resolution="1024", reference="none", placement="cover")
    image.delete()
    recovered = recover(60)
    layer = recovered[0]
    home = layer.get_image()
    facts.add(name, "task-id", task_id)
    facts.add(name, "num-layers", len(recovered))
    facts.add(name, "new-image", 0 if home.get_id() == image_id else 1)
    facts.add(name, "image-size", home.get_width(), home.get_height())
    facts.add(name, "layers-in-image", layer_count(home))
    record_layer(facts, name, "new", home, layer)
    facts.add(name, "recovered-again", len(recover(5)))
    home.delete()


def case_say_it_again(facts, name):
    """The last call of a session: what a repeat after a restart repeats."""
    image = make_image(64, 64, RGB, RGB_IMAGE, (255, 255, 255))
    generate(image, background_of(image), "say it again", size="1024x1024", resolution="1024",
             reference="none")
    image.delete()


def generation_cases(facts_path, work_dir):
    run_cases(facts_path, [
        ("text-only", case_text_only),
        ("offset-reference", case_offset_reference),
        ("selection-cover-mask", case_selection_cover_mask),
        ("variations", case_variations),
        ("grayscale", case_grayscale),
        ("indexed", case_indexed),
        ("visible-reference", case_visible_reference),
        ("parasite-in-xcf", lambda facts, name: case_parasite_in_xcf(facts, name, work_dir)),
        ("submit-collect", case_submit_collect),
        ("recover-new-image", case_recover_new_image),
        # Last: its values are what the next session repeats.
        ("say-it-again", case_say_it_again),
    ])


def case_last_values(facts, name):
    """RUN-WITH-LAST-VALS in a new GIMP session ignores its arguments and
    repeats the last call of the one before."""
    image = make_image(64, 64, RGB, RGB_IMAGE, (255, 255, 255))
    result = call("plug-in-genlayer", run_mode=Gimp.RunMode.WITH_LAST_VALS, image=image,
                  drawables=[background_of(image)], prompt="ignored")
    layers = list(result.get_core_object_array(1))
    record_result(facts, name, layers, result.index(2))
    record_layer(facts, name, "repeat", image, layers[0])
    image.delete()


def restart_cases(facts_path):
    run_cases(facts_path, [("last-values", case_last_values)])


# ---- calls that must fail with a one-sentence PDB error ----

def gateway_requests():
    """How many requests the emulator (TOAPIS_BASE_URL) has logged."""
    with urllib.request.urlopen(os.environ["TOAPIS_BASE_URL"] + "/_emulator/log",
                                timeout=10) as answer:
        return len(json.load(answer))


def record_refusal(facts, name, attempt):
    """Records the PDB error of attempt(image, source) and that the image
    gained no layer."""
    image = make_image(64, 64, RGB, RGB_IMAGE, (255, 255, 255))
    try:
        attempt(image, background_of(image))
        facts.add(name, "outcome", "ok")
    except ProcedureFailed as failure:
        facts.add(name, "outcome", "error")
        facts.add(name, "message", str(failure))
    facts.add(name, "layers-in-image", layer_count(image))
    image.delete()


def outside_selection(image, source):
    source.set_offsets(100, 100)
    image.select_rectangle(Gimp.ChannelOps.REPLACE, 0, 0, 20, 20)
    generate(image, source, "never sent")


def refusal_cases(facts_path):
    """Refused by the plug-in or the core before any request, then by the
    gateway, whose emulator accepts another key."""
    local = [
        ("bad-size", lambda image, source: generate(image, source, "never sent",
                                                    size="999x999")),
        ("bad-options", lambda image, source: generate(image, source, "never sent",
                                                       options='{"mask": 3}')),
        ("outside-selection", outside_selection),
        ("unknown-task", lambda image, source: call(
            "plug-in-genlayer-collect", run_mode=NONINTERACTIVE, image=image,
            task_id="task_never_submitted", timeout_s=5)),
    ]
    cases = [(name, lambda facts, name, attempt=attempt: record_refusal(facts, name, attempt))
             for name, attempt in local]
    cases.append(("local", lambda facts, name: facts.add(name, "gateway-requests",
                                                         gateway_requests())))
    cases.append(("auth-401", lambda facts, name: record_refusal(
        facts, name, lambda image, source: generate(image, source, "never sent",
                                                    reference="none"))))
    run_cases(facts_path, cases)
