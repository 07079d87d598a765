"""The GIMP 3 history cases, run inside gimp-console-3.0's Python-Fu by
gimp3_plugin_test.py: the GIMP 2.10 suite's history_cases.scm through named
arguments. The first entry runs with the emulator up, the second with it
stopped."""
from case_support import (Gimp, background_of, call, generate, make_image, read, record_layer,
                          run_cases, ProcedureFailed, RGBA_U8)

RGB, RGB_IMAGE = Gimp.ImageBaseType.RGB, Gimp.ImageType.RGB_IMAGE


def record_result(facts, name, result):
    facts.add(name, "num-layers", len(result.get_core_object_array(1)))
    facts.add(name, "task-id", result.index(2))


def history_insert(image, entry_id):
    return call("plug-in-genlayer-history-insert", run_mode=Gimp.RunMode.NONINTERACTIVE,
                image=image, drawables=[background_of(image)], entry_id=entry_id)


def generate_cases(facts_path, prompt, newer_prompt=None, size="auto"):
    """Generates one layer at `size`, then deletes it: only the history
    still has it; then, given newer_prompt, a newer one the same way."""
    def generating(text):
        def case_generate(facts, name):
            image = make_image(64, 64, RGB, RGB_IMAGE, (200, 40, 40))
            layers, task_id = generate(image, background_of(image), text, reference="none",
                                       size=size)
            facts.add(name, "num-layers", len(layers))
            facts.add(name, "task-id", task_id)
            image.remove_layer(layers[0])
            facts.add(name, "layers-in-image", len(image.get_layers()))
        return case_generate
    cases = [("generate", generating(prompt))]
    if newer_prompt:
        cases.append(("generate-newer", generating(newer_prompt)))
    run_cases(facts_path, cases)


def insert_cases(facts_path, entry_id, unknown_id, rgba_path):
    """With no gateway: the whole image back (its RGBA bytes written to
    rgba_path), one into a selection, and an id the history does not hold."""
    def case_insert(facts, name):
        image = make_image(64, 64, RGB, RGB_IMAGE, (200, 40, 40))
        result = history_insert(image, entry_id)
        layer = result.get_core_object_array(1)[0]
        record_result(facts, name, result)
        record_layer(facts, name, "new", image, layer)
        with open(rgba_path, "wb") as rgba:
            rgba.write(bytes(read(layer, 0, 0, layer.get_width(), layer.get_height(), RGBA_U8)))

    def case_insert_selection(facts, name):
        image = make_image(64, 64, RGB, RGB_IMAGE, (200, 40, 40))
        image.select_rectangle(Gimp.ChannelOps.REPLACE, 8, 16, 32, 24)
        result = history_insert(image, entry_id[:6])
        record_result(facts, name, result)
        record_layer(facts, name, "new", image, result.get_core_object_array(1)[0])

    def case_unknown_entry(facts, name):
        image = make_image(64, 64, RGB, RGB_IMAGE, (200, 40, 40))
        try:
            history_insert(image, unknown_id)
            facts.add(name, "outcome", "ok")
        except ProcedureFailed as error:
            facts.add(name, "outcome", "error")
            facts.add(name, "message", str(error))
        facts.add(name, "layers-in-image", len(image.get_layers()))

    run_cases(facts_path, [("insert", case_insert), ("insert-selection", case_insert_selection),
                           ("unknown-entry", case_unknown_entry)])
