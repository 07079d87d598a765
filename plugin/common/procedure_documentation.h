/* What the procedure browser says of each procedure, in both GIMPs. */
#ifndef GENLAYER_PLUGIN_PROCEDURE_DOCUMENTATION_H
#define GENLAYER_PLUGIN_PROCEDURE_DOCUMENTATION_H

#define GENLAYER_KEY_HELP                                                                          \
    " The API key comes from TOAPIS_API_KEY or $XDG_CONFIG_HOME/genlayer/config.json. "            \
    "A failure ends with a one-sentence reason as the error message."

#define GENLAYER_GENERATE_BLURB "Generate a new layer from a prompt with an image model"
#define GENLAYER_GENERATE_HELP                                                                     \
    "Sends the prompt, and optionally the pixels of the selection in the layer "                   \
    "(or in the visible image) as a reference, to the gpt-image-2 model behind "                   \
    "the ToAPIs gateway, and adds each result as a new layer directly above the "                  \
    "source layer, aligned to the selection." GENLAYER_KEY_HELP

#define GENLAYER_SUBMIT_BLURB "Submit a layer generation and return its task id at once"
#define GENLAYER_SUBMIT_HELP                                                                       \
    "Does what plug-in-genlayer does up to the submit: prepares and uploads the "                  \
    "reference, submits the task, records in the genlayer journal where its layers "               \
    "go, and returns the task id without waiting (and no layers). "                                \
    "plug-in-genlayer-collect inserts the layers later; until then the task is "                   \
    "safe in the journal." GENLAYER_KEY_HELP

#define GENLAYER_COLLECT_BLURB "Wait for a submitted generation and insert its layers"
#define GENLAYER_COLLECT_HELP                                                                      \
    "Waits for the task plug-in-genlayer-submit returned and inserts its layers into "             \
    "the image exactly as plug-in-genlayer does, at the region, placement and mask "               \
    "the submit recorded." GENLAYER_KEY_HELP

#define GENLAYER_RECOVER_BLURB "Import generations that never reached their image"
#define GENLAYER_RECOVER_HELP                                                                      \
    "Lists the generations from GIMP that the genlayer journal holds but no image "                \
    "received (GIMP was closed, killed or cancelled while waiting) and imports them: "             \
    "interactively the ones chosen, else every one that finishes within timeout-s. "               \
    "Each goes into its image if that is open (the same file), else into a new "                   \
    "image. Returns the imported layers." GENLAYER_KEY_HELP
#define GENLAYER_BATCH_BLURB "Generate a layer for every image of a folder or list"
#define GENLAYER_BATCH_HELP                                                                        \
    "Each image is the reference of one generation whose layer covers the whole image; "           \
    "up to `jobs` tasks run on the server at once. Saves <name>.xcf (the image plus the "          \
    "layer) and <name>.png (the layer alone) in the output folder. A file that fails is "          \
    "told in a message and the batch goes on; a task that was submitted but not collected "        \
    "stays in the journal for Recover Generations…." GENLAYER_KEY_HELP

#define GENLAYER_HISTORY_INSERT_BLURB "Put an image from the generation history back as a layer"
#define GENLAYER_HISTORY_INSERT_HELP                                                               \
    "Inserts the history entry's image (every image genlayer downloaded is kept in "               \
    "the history; `genlayer history` lists their ids) above the drawable exactly as "              \
    "plug-in-genlayer inserts a new result: at the selection's region, masked to the "             \
    "selection, with its genlayer-info parasite, in one undo step. Nothing is sent to "            \
    "the gateway and nothing is paid."
#define GENLAYER_HISTORY_BROWSE_BLURB "Browse every generated image and put one back as a layer"
#define GENLAYER_HISTORY_BROWSE_HELP                                                               \
    "Shows the generation history as thumbnails, newest first, with a search over the "            \
    "prompts. Insert puts the chosen image above the drawable as "                                 \
    "plug-in-genlayer-history-insert does; Use these settings opens Generate Layer… with "       \
    "its prompt and size. Nothing is sent to the gateway. A dialog: scripts use "                  \
    "plug-in-genlayer-history-insert."
#define GENLAYER_HISTORY_ENTRY_BLURB                                                               \
    "The entry's id, as `genlayer history` lists it, or its first 4 or more hex digits"

/* The arguments both GIMPs name alike. */
#define GENLAYER_PROMPT_BLURB "What to generate, 1 to 32000 characters"
#define GENLAYER_SIZE_BLURB "\"auto\" or a WxH of the size table, e.g. \"1536x1024\""
#define GENLAYER_RESOLUTION_BLURB "\"auto\", \"1024\", \"1536\" or \"2048\""
#define GENLAYER_EXTRA_REFERENCES_BLURB "';'-separated local files or http(s) URLs, may be empty"
#define GENLAYER_N_BLURB "Number of variations, 1 to 4"
#define GENLAYER_OPTIONS_BLURB "A JSON object or empty: model, response_format, timeout_s, mask"
#define GENLAYER_COLLECT_IMAGE_BLURB "The image that receives the layers"
#define GENLAYER_TASK_ID_BLURB "The task id plug-in-genlayer-submit returned"
#define GENLAYER_COLLECT_TIMEOUT_BLURB                                                             \
    "Seconds to wait for the task at most; 0 for the configured timeout (300 s unless set)"
#define GENLAYER_RECOVER_IMAGE_BLURB                                                               \
    "The image the menu was used from; each result goes to its own image"
#define GENLAYER_RECOVER_TIMEOUT_BLURB                                                             \
    "Seconds to wait for each task still running at most; 0 for the configured timeout "           \
    "(300 s unless set)"

/* What the Generate dialogs say of the key field. */
#define GENLAYER_API_KEY_TOOLTIP "No API key is configured. It is sent only to the gateway."
#define GENLAYER_REMEMBER_KEY_TOOLTIP                                                              \
    "Store the key in the genlayer config file, readable only by you."

/* Where the two menu entries go, and which images Generate Layer works on. */
#define GENLAYER_MENU_PATH "<Image>/Filters/Generative"
#define GENLAYER_IMAGE_TYPES "RGB*, GRAY*, INDEXED*"

#endif
