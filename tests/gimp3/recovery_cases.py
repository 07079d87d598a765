"""The GIMP 3 cases of recovery after kill -9, run inside gimp-console-3.0's
Python-Fu by gimp3_plugin_test.py: the session that is killed while it
collects, and the new session that recovers what it paid for."""
import os

from case_support import (Gimp, background_of, call, fill_rectangle, load, make_image,
                          record_layer, record_pixel, run_cases, save_xcf)

RGB, RGB_IMAGE = Gimp.ImageBaseType.RGB, Gimp.ImageType.RGB_IMAGE
NONINTERACTIVE = Gimp.RunMode.NONINTERACTIVE
# recovery_after_kill.KILLED_PROMPT, asked from the saved file.
KILLED_PROMPT = "paid for, then killed"
# generation_checks.check_recover_new_image's prompt, asked from an image never saved.
UNSAVED_PROMPT = "lost its image"


# The two cases' names: the job of the reopened file, the job of the image never saved.
INTO_FILE, INTO_NEW_IMAGE = "recover-after-kill", "recover-new-image-after-kill"


def killed_file(work_dir):
    return os.path.join(work_dir, "killed.xcf")


def submit(image, prompt, **arguments):
    return call("plug-in-genlayer-submit", run_mode=NONINTERACTIVE, image=image,
                drawables=[background_of(image)], prompt=prompt, size="1024x1024",
                resolution="1024", placement="cover", **arguments).index(1)


def collect_until_killed(facts_path, work_dir):
    """Saves a red-left, blue-right image as WORK_DIR/killed.xcf and reopens
    it (so the journal keeps its file name); submits from it and from an
    image that is never saved, writes both task ids to WORK_DIR/submitted
    and collects the first: the driver kills GIMP while it waits. It records
    no facts: the driver reads the journal and the emulator."""
    image = make_image(200, 150, RGB, RGB_IMAGE, (200, 40, 40))
    fill_rectangle(image, background_of(image), 100, 0, 100, 150, (40, 90, 200))
    save_xcf(image, killed_file(work_dir))
    image.delete()
    reopened = load(killed_file(work_dir))
    unsaved = make_image(120, 90, RGB, RGB_IMAGE, (255, 255, 255))
    task_ids = [submit(reopened, KILLED_PROMPT),
                submit(unsaved, UNSAVED_PROMPT, reference="none")]
    with open(os.path.join(work_dir, "submitted"), "w") as marker:
        marker.write(" ".join(task_ids))
    call("plug-in-genlayer-collect", run_mode=NONINTERACTIVE, image=reopened, task_id=task_ids[0],
         timeout_s=0)


def recover(timeout_s):
    return list(call("plug-in-genlayer-recover", run_mode=NONINTERACTIVE,
                     timeout_s=timeout_s).get_core_object_array(1))


def case_recover_after_kill(facts, work_dir):
    """A new session opens the file again and recovers: the file's job comes
    back into it, the other one into a new image."""
    image = load(killed_file(work_dir))
    recovered = recover(120)
    facts.add(INTO_FILE, "num-layers", len(recovered))
    new_images = []
    for layer in recovered:
        home = layer.get_image()
        if home.get_id() == image.get_id():
            record_into_file(facts, INTO_FILE, image, layer)
        else:
            record_into_new_image(facts, INTO_NEW_IMAGE, home, layer)
            new_images.append(home)
    again = len(recover(5))
    facts.add(INTO_FILE, "recovered-again", again)
    if new_images:
        facts.add(INTO_NEW_IMAGE, "recovered-again", again)
        facts.add(INTO_NEW_IMAGE, "finished", 1)
    for home in new_images:
        home.delete()
    image.delete()


def record_into_file(facts, name, image, layer):
    facts.add(name, "same-image", 1)
    facts.add(name, "layers-in-image", len(image.get_layers()))
    record_layer(facts, name, "new", image, layer)
    record_pixel(facts, name, "left-half", layer, 50, 75)
    record_pixel(facts, name, "right-half", layer, 150, 75)


def record_into_new_image(facts, name, home, layer):
    """The facts generation_checks.check_recover_new_image reads."""
    facts.add(name, "num-layers", 1)
    facts.add(name, "new-image", 1)
    facts.add(name, "image-size", home.get_width(), home.get_height())
    facts.add(name, "layers-in-image", len(home.get_layers()))
    record_layer(facts, name, "new", home, layer)


def recovery_cases(facts_path, work_dir):
    run_cases(facts_path, [(INTO_FILE, lambda facts, name: case_recover_after_kill(facts, work_dir))])
