#include "batch_procedure.h"

#include "collect_journaled_task.h"
#include "generate_from_source.h"
#include "job_wait.h"
#include "plugin_values.h"
#include "procedure_documentation.h"

#include <string.h>

#define MAX_JOBS 16

void
genlayer_add_batch_arguments (GimpProcedure *procedure)
{
    gimp_procedure_add_enum_argument (procedure, "run-mode", "Run mode", "The run mode",
                                      GIMP_TYPE_RUN_MODE, GIMP_RUN_NONINTERACTIVE,
                                      G_PARAM_READWRITE);
    gimp_procedure_add_file_argument (procedure, "folder", "_Folder of images",
                                      "Every image file GIMP opens in this folder (may be none)",
                                      GIMP_FILE_CHOOSER_ACTION_SELECT_FOLDER, TRUE, NULL,
                                      G_PARAM_READWRITE);
    gimp_procedure_add_string_array_argument (
        procedure, "files", "Files", "More image files, by path (may be empty)", G_PARAM_READWRITE);
    gimp_procedure_add_string_argument (procedure, "prompt", "_Prompt", GENLAYER_PROMPT_BLURB, "",
                                        G_PARAM_READWRITE);
    gimp_procedure_add_string_argument (procedure, "size", "Size", GENLAYER_SIZE_BLURB, "auto",
                                        G_PARAM_READWRITE);
    gimp_procedure_add_int_argument (procedure, "jobs", "_Tasks at once",
                                     "Tasks on the server at once, 1 to 16", 1, MAX_JOBS, 4,
                                     G_PARAM_READWRITE);
    gimp_procedure_add_file_argument (procedure, "output-folder", "_Output folder",
                                      "Where <name>.xcf and <name>.png go; it must exist",
                                      GIMP_FILE_CHOOSER_ACTION_SELECT_FOLDER, TRUE, NULL,
                                      G_PARAM_READWRITE);
}

/* The extensions of the files a folder gives, as the GIMP 2.10 batch has them. */
static gboolean
is_image_name (const gchar *name)
{
    static const gchar *const extensions[] = { ".png",  ".jpg",  ".jpeg", ".tif",
                                               ".tiff", ".webp", ".bmp",  ".xcf" };
    gchar *lower = g_ascii_strdown (name, -1);
    gboolean image = FALSE;

    for (gsize i = 0; i < G_N_ELEMENTS (extensions) && ! image; i++)
        image = g_str_has_suffix (lower, extensions[i]);
    g_free (lower);
    return image;
}

static gint
by_path (gconstpointer a, gconstpointer b)
{
    return g_strcmp0 (*(const gchar *const *) a, *(const gchar *const *) b);
}

/* The image files of `folder` by name, then `files`: a NULL-terminated list (g_strfreev). */
static gchar **
batch_inputs (GFile *folder, gchar **files)
{
    GPtrArray *inputs = g_ptr_array_new ();
    gchar *folder_path = folder ? g_file_get_path (folder) : NULL;
    GDir *dir = folder_path ? g_dir_open (folder_path, 0, NULL) : NULL;
    const gchar *name;

    while (dir && (name = g_dir_read_name (dir)))
        if (is_image_name (name))
            g_ptr_array_add (inputs, g_build_filename (folder_path, name, NULL));
    g_ptr_array_sort (inputs, by_path);
    for (gint i = 0; files && files[i]; i++)
        g_ptr_array_add (inputs, g_strdup (files[i]));
    g_ptr_array_add (inputs, NULL);
    if (dir)
        g_dir_close (dir);
    g_free (folder_path);
    return (gchar **) g_ptr_array_free (inputs, FALSE);
}

/* "photo" for "/some/folder/photo.jpg". */
static gchar *
stem_of (const gchar *path)
{
    gchar *base = g_path_get_basename (path);
    gchar *dot = strrchr (base, '.');

    if (dot && dot != base)
        *dot = '\0';
    return base;
}

/* One file between its submit and its collection. */
typedef struct
{
    gchar *path;
    GimpImage *image;
    gchar *task_id;
} SubmittedFile;

static void
submitted_file_free (SubmittedFile *file)
{
    gimp_image_delete (file->image);
    g_free (file->path);
    g_free (file->task_id);
    g_free (file);
}

static gchar *
pdb_error (const gchar *what)
{
    const gchar *last = gimp_pdb_get_last_error (gimp_get_pdb ());

    return g_strdup_printf ("GIMP could not %s: %s", what,
                            last && *last ? last : "no reason given.");
}

/* Opens and submits `path`: the file in flight, or NULL with *error. */
static SubmittedFile *
submit_file (genlayer_client *client, const gchar *path, const GenlayerPluginValues *values,
             GenlayerWait wait, gchar **error)
{
    GFile *file = g_file_new_for_path (path);
    GimpImage *image = gimp_file_load (GIMP_RUN_NONINTERACTIVE, file);
    GimpDrawable **selected;
    GenlayerProcedureResults results = { 0 };
    genlayer_status status;
    SubmittedFile *submitted;

    g_object_unref (file);
    if (! image)
    {
        *error = pdb_error ("open it");
        return NULL;
    }
    selected = gimp_image_get_selected_drawables (image);
    status = genlayer_generate_from_source (client, image, selected[0], values,
                                            GENLAYER_SUBMIT_ONLY, wait, &results, error);
    g_free (selected);
    if (status != GENLAYER_OK)
    {
        gimp_image_delete (image);
        return NULL;
    }
    submitted = g_new0 (SubmittedFile, 1);
    submitted->path = g_strdup (path);
    submitted->image = image;
    submitted->task_id = g_steal_pointer (&results.task_id);
    genlayer_procedure_results_clear (&results);
    return submitted;
}

static gboolean
save_as (GimpImage *image, GFile *output_folder, const gchar *stem, const gchar *extension,
         gchar **error)
{
    gchar *name = g_strconcat (stem, extension, NULL);
    GFile *file = g_file_get_child (output_folder, name);
    gboolean saved = gimp_file_save (GIMP_RUN_NONINTERACTIVE, image, file, NULL);

    if (! saved)
        *error = pdb_error (extension[1] == 'x' ? "save the XCF" : "save the PNG");
    g_object_unref (file);
    g_free (name);
    return saved;
}

/* <stem>.xcf, then <stem>.png of `layer` alone: every other layer hidden. */
static gboolean
save_outputs (GimpImage *image, GimpLayer *layer, GFile *output_folder, const gchar *stem,
              gchar **error)
{
    GimpLayer **layers;

    if (! save_as (image, output_folder, stem, ".xcf", error))
        return FALSE;
    layers = gimp_image_get_layers (image);
    for (gint i = 0; layers[i]; i++)
        gimp_item_set_visible (GIMP_ITEM (layers[i]), layers[i] == layer);
    g_free (layers);
    return save_as (image, output_folder, stem, ".png", error);
}

static gboolean
collect_file (genlayer_client *client, const SubmittedFile *file, GFile *output_folder,
              GenlayerWait wait, gchar **error)
{
    GenlayerProcedureResults results = { 0 };
    gboolean saved = FALSE;

    if (genlayer_collect_task (client, file->image, file->task_id, 0, wait, &results, error)
        == GENLAYER_OK)
    {
        gchar *stem = stem_of (file->path);

        saved = save_outputs (file->image, gimp_layer_get_by_id (results.layers[0]), output_folder,
                              stem, error);
        g_free (stem);
    }
    genlayer_procedure_results_clear (&results);
    return saved;
}

/* Tells why `path` has no output; TRUE, for counting. */
static gboolean
tell_failure (const gchar *path, gchar *error)
{
    gchar *base = g_path_get_basename (path);
    gchar *message = g_strdup_printf ("%s: %s", base, error ? error : "cancelled.");

    gimp_message (message);
    g_free (message);
    g_free (base);
    g_free (error);
    return TRUE;
}

/* The sentence refusing the batch's output folder or inputs, or NULL. */
static gchar *
batch_refusal (const gchar *prompt, GFile *output_folder, gchar **inputs)
{
    gchar *path = output_folder ? g_file_get_path (output_folder) : NULL;
    gchar *refusal = NULL;

    if (! *prompt)
        refusal = g_strdup ("Type a prompt: it says what to generate from each image.");
    else if (! path)
        refusal = g_strdup ("Choose the output folder.");
    else if (! g_file_test (path, G_FILE_TEST_IS_DIR))
        refusal = g_strdup_printf ("The output folder %s does not exist.", path);
    else if (! inputs[0])
        refusal = g_strdup ("There is no image to generate from: choose a folder of images.");
    g_free (path);
    return refusal;
}

static genlayer_status
run_inputs (genlayer_client *client, gchar **inputs, const GenlayerPluginValues *values, gint jobs,
            GFile *output_folder, GenlayerWait wait, gchar **error)
{
    GQueue in_flight = G_QUEUE_INIT;
    gint failed = 0;
    gint total = (gint) g_strv_length (inputs);

    for (gchar **next = inputs; *next || ! g_queue_is_empty (&in_flight);)
    {
        gchar *failure = NULL;

        if (*next && (gint) in_flight.length < jobs)
        {
            SubmittedFile *submitted = submit_file (client, *next, values, wait, &failure);

            if (submitted)
                g_queue_push_tail (&in_flight, submitted);
            else
                failed += tell_failure (*next, failure);
            next++;
        }
        else
        {
            SubmittedFile *oldest = g_queue_pop_head (&in_flight);

            if (! collect_file (client, oldest, output_folder, wait, &failure))
                failed += tell_failure (oldest->path, failure);
            submitted_file_free (oldest);
        }
    }
    if (failed == 0)
        return GENLAYER_OK;
    *error = g_strdup_printf ("%d of %d files have no output; their reasons are in the messages.",
                              failed, total);
    return GENLAYER_TASK_FAILED;
}

genlayer_status
genlayer_batch_run (genlayer_client *client, GimpRunMode run_mode, GimpProcedureConfig *config,
                    gchar **error)
{
    GFile *folder = NULL, *output_folder = NULL;
    gchar **files = NULL, **inputs;
    gchar *prompt = NULL, *size = NULL;
    gint jobs;
    GenlayerPluginValues values;
    genlayer_status status = GENLAYER_INVALID_REQUEST;

    g_object_get (config, "folder", &folder, "files", &files, "prompt", &prompt, "size", &size,
                  "jobs", &jobs, "output-folder", &output_folder, NULL);
    inputs = batch_inputs (folder, files);
    genlayer_plugin_values_init (&values);
    g_free (values.prompt);
    values.prompt = prompt ? prompt : g_strdup ("");
    g_free (values.size);
    values.size = size ? size : g_strdup ("auto");
    values.reference = GENLAYER_REFERENCE_DRAWABLE;
    values.n = 1;
    values.placement = GENLAYER_PLACEMENT_COVER_REGION;
    *error = batch_refusal (values.prompt, output_folder, inputs);
    if (! *error)
        status = run_inputs (client, inputs, &values, jobs, output_folder,
                             genlayer_wait_for_run_mode (run_mode), error);
    genlayer_plugin_values_clear (&values);
    g_strfreev (inputs);
    g_strfreev (files);
    g_clear_object (&folder);
    g_clear_object (&output_folder);
    return status;
}
