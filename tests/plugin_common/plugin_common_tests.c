/* The plug-ins' host-neutral code (plugin/common/): the values model, the
 * size menus, the progress texts and the job watch, the journal's target,
 * layer names and the placement and selection geometry. */
#include "cost_text.h"
#include "cover_placement.h"
#include "job_progress_text.h"
#include "job_target.h"
#include "job_watch.h"
#include "layer_name.h"
#include "plugin_values.h"
#include "rgb_to_rgba.h"
#include "selection_coverage.h"
#include "size_choices.h"

#include <glib/gstdio.h>
#include <string.h>

static void
test_defaults (void)
{
    GenlayerPluginValues values;
    genlayer_plugin_values_init (&values);
    g_assert_cmpstr (values.prompt, ==, "");
    g_assert_cmpstr (values.size, ==, "auto");
    g_assert_cmpstr (values.resolution, ==, "auto");
    g_assert_cmpint (values.reference, ==, GENLAYER_REFERENCE_DRAWABLE);
    g_assert_cmpstr (values.extra_references, ==, "");
    g_assert_cmpint (values.n, ==, 1);
    g_assert_cmpint (values.placement, ==, GENLAYER_PLACEMENT_GENERATED_SIZE);
    g_assert_cmpstr (values.model, ==, "gpt-image-2");
    g_assert_cmpstr (values.response_format, ==, "url");
    g_assert_cmpfloat (values.timeout_s, ==, 0.0);
    g_assert_true (values.mask);
    genlayer_plugin_values_clear (&values);
    g_assert_null (values.prompt);
}

static void
test_copy_is_deep (void)
{
    GenlayerPluginValues original, copy;
    genlayer_plugin_values_init (&original);
    genlayer_plugin_values_init (&copy);
    g_free (original.prompt);
    original.prompt = g_strdup ("a red fox");
    original.n = 3;

    genlayer_plugin_values_copy (&copy, &original);
    g_assert_cmpstr (copy.prompt, ==, "a red fox");
    g_assert_cmpint (copy.n, ==, 3);
    g_assert_true (copy.prompt != original.prompt);
    g_assert_true (copy.model != original.model);

    genlayer_plugin_values_clear (&original);
    g_assert_cmpstr (copy.prompt, ==, "a red fox");
    genlayer_plugin_values_clear (&copy);
}

static void
test_options_empty_change_nothing (void)
{
    GenlayerPluginValues values;
    genlayer_plugin_values_init (&values);
    gchar *error = NULL;
    g_assert_true (genlayer_plugin_values_apply_options (&values, NULL, &error));
    g_assert_true (genlayer_plugin_values_apply_options (&values, "", &error));
    g_assert_true (genlayer_plugin_values_apply_options (&values, "{}", &error));
    g_assert_null (error);
    g_assert_cmpstr (values.model, ==, "gpt-image-2");
    g_assert_true (values.mask);
    genlayer_plugin_values_clear (&values);
}

static void
test_options_all_keys (void)
{
    GenlayerPluginValues values;
    genlayer_plugin_values_init (&values);
    gchar *error = NULL;
    g_assert_true (genlayer_plugin_values_apply_options (
        &values,
        "{\"model\": \"gpt-image-2-vip\", \"response_format\": \"b64_json\","
        " \"timeout_s\": 42.5, \"mask\": false}",
        &error));
    g_assert_null (error);
    g_assert_cmpstr (values.model, ==, "gpt-image-2-vip");
    g_assert_cmpstr (values.response_format, ==, "b64_json");
    g_assert_cmpfloat (values.timeout_s, ==, 42.5);
    g_assert_false (values.mask);

    /* An integer is a number too. */
    g_assert_true (genlayer_plugin_values_apply_options (&values, "{\"timeout_s\": 7}", &error));
    g_assert_cmpfloat (values.timeout_s, ==, 7.0);
    genlayer_plugin_values_clear (&values);
}

/* Each refused options string and the sentence that refuses it. */
static const struct
{
    const gchar *json;
    const gchar *sentence;
} refused_options[] = {
    { "{\"foo\": 1}",
      "Option \"foo\" is not known; use model, response_format, timeout_s or mask." },
    { "{\"model\": 5}", "Option \"model\" must be a non-empty string such as \"gpt-image-2\"." },
    { "{\"model\": \"\"}", "Option \"model\" must be a non-empty string such as \"gpt-image-2\"." },
    { "{\"response_format\": \"png\"}",
      "Option \"response_format\" must be \"url\" or \"b64_json\"." },
    { "{\"timeout_s\": 0}", "Option \"timeout_s\" must be a number of seconds greater than 0." },
    { "{\"timeout_s\": -3}", "Option \"timeout_s\" must be a number of seconds greater than 0." },
    { "{\"timeout_s\": \"10\"}",
      "Option \"timeout_s\" must be a number of seconds greater than 0." },
    { "{\"mask\": \"no\"}", "Option \"mask\" must be true or false." },
    { "{\"mask\": null}", "Option \"mask\" must be true or false." },
    { "[1, 2]",
      "The options are not a JSON object; pass one such as {\"mask\": false} or an empty string." },
    { "{\"mask\": tru",
      "The options are not a JSON object; pass one such as {\"mask\": false} or an empty string." },
};

static void
test_options_refused (void)
{
    for (gsize i = 0; i < G_N_ELEMENTS (refused_options); i++)
    {
        GenlayerPluginValues values;
        genlayer_plugin_values_init (&values);
        gchar *error = NULL;
        g_assert_false (
            genlayer_plugin_values_apply_options (&values, refused_options[i].json, &error));
        g_assert_cmpstr (error, ==, refused_options[i].sentence);
        g_free (error);
        genlayer_plugin_values_clear (&values);
    }
}

static void
test_options_refused_change_nothing (void)
{
    GenlayerPluginValues values;
    genlayer_plugin_values_init (&values);
    gchar *error = NULL;
    g_assert_false (genlayer_plugin_values_apply_options (
        &values, "{\"model\": \"other\", \"mask\": false, \"timeout_s\": -1}", &error));
    g_free (error);
    g_assert_cmpstr (values.model, ==, "gpt-image-2");
    g_assert_true (values.mask);
    g_assert_cmpfloat (values.timeout_s, ==, 0.0);
    genlayer_plugin_values_clear (&values);
}

/* A path named genlayer-values in a new, empty temporary folder. */
static gchar *
temporary_values_path (void)
{
    GError *error = NULL;
    gchar *dir = g_dir_make_tmp ("genlayer-values-XXXXXX", &error);
    g_assert_no_error (error);
    gchar *path = g_build_filename (dir, "genlayer-values", NULL);
    g_free (dir);
    return path;
}

/* Removes the file and its folder, and frees the path. */
static void
remove_temporary_values (gchar *path)
{
    gchar *dir = g_path_get_dirname (path);
    g_unlink (path);
    g_assert_cmpint (g_rmdir (dir), ==, 0);
    g_free (dir);
    g_free (path);
}

static void
test_save_load_round_trip (void)
{
    gchar *path = temporary_values_path ();

    GenlayerPluginValues saved;
    genlayer_plugin_values_init (&saved);
    g_free (saved.prompt);
    saved.prompt = g_strdup ("two lines:\na café; with [brackets] = and # hash");
    g_free (saved.size);
    saved.size = g_strdup ("1536x1024");
    g_free (saved.resolution);
    saved.resolution = g_strdup ("1536");
    saved.reference = GENLAYER_REFERENCE_VISIBLE;
    g_free (saved.extra_references);
    saved.extra_references = g_strdup ("/tmp/a.png;https://example.com/b.jpg");
    saved.n = 4;
    saved.placement = GENLAYER_PLACEMENT_COVER_REGION;
    g_free (saved.model);
    saved.model = g_strdup ("gpt-image-2-vip");
    g_free (saved.response_format);
    saved.response_format = g_strdup ("b64_json");
    saved.timeout_s = 90.5;
    saved.mask = FALSE;
    g_assert_true (genlayer_plugin_values_save (&saved, path));

    GenlayerPluginValues loaded;
    genlayer_plugin_values_init (&loaded);
    genlayer_plugin_values_load (&loaded, path);
    g_assert_cmpstr (loaded.prompt, ==, saved.prompt);
    g_assert_cmpstr (loaded.size, ==, saved.size);
    g_assert_cmpstr (loaded.resolution, ==, saved.resolution);
    g_assert_cmpint (loaded.reference, ==, saved.reference);
    g_assert_cmpstr (loaded.extra_references, ==, saved.extra_references);
    g_assert_cmpint (loaded.n, ==, saved.n);
    g_assert_cmpint (loaded.placement, ==, saved.placement);
    g_assert_cmpstr (loaded.model, ==, saved.model);
    g_assert_cmpstr (loaded.response_format, ==, saved.response_format);
    g_assert_cmpfloat (loaded.timeout_s, ==, saved.timeout_s);
    g_assert_false (loaded.mask);

    /* Saving again replaces the file whole and leaves no temporary behind. */
    g_assert_true (genlayer_plugin_values_save (&loaded, path));
    gchar *dir = g_path_get_dirname (path);
    GDir *listing = g_dir_open (dir, 0, NULL);
    g_assert_cmpstr (g_dir_read_name (listing), ==, "genlayer-values");
    g_assert_null (g_dir_read_name (listing));
    g_dir_close (listing);
    g_free (dir);

    genlayer_plugin_values_clear (&saved);
    genlayer_plugin_values_clear (&loaded);
    remove_temporary_values (path);
}

static void
test_load_missing_file_keeps_defaults (void)
{
    GenlayerPluginValues values;
    genlayer_plugin_values_init (&values);
    genlayer_plugin_values_load (&values, "/nonexistent/genlayer-values");
    g_assert_cmpstr (values.size, ==, "auto");
    g_assert_cmpint (values.n, ==, 1);
    genlayer_plugin_values_clear (&values);
}

static void
test_load_ignores_out_of_range_values (void)
{
    gchar *path = temporary_values_path ();
    g_assert_true (g_file_set_contents (path,
                                        "[genlayer]\nprompt=kept\nn=9\nreference=7\nplacement=-1\n"
                                        "response_format=png\ntimeout_s=-5\nmask=maybe\n",
                                        -1, NULL));

    GenlayerPluginValues values;
    genlayer_plugin_values_init (&values);
    genlayer_plugin_values_load (&values, path);
    g_assert_cmpstr (values.prompt, ==, "kept");
    g_assert_cmpint (values.n, ==, 1);
    g_assert_cmpint (values.reference, ==, GENLAYER_REFERENCE_DRAWABLE);
    g_assert_cmpint (values.placement, ==, GENLAYER_PLACEMENT_GENERATED_SIZE);
    g_assert_cmpstr (values.response_format, ==, "url");
    g_assert_cmpfloat (values.timeout_s, ==, 0.0);
    g_assert_true (values.mask);

    genlayer_plugin_values_clear (&values);
    remove_temporary_values (path);
}

static void
test_size_choices_from_the_core_table (void)
{
    gchar *table = NULL;
    g_assert_true (g_file_get_contents (GENLAYER_SIZES_JSON_PATH, &table, NULL, NULL));

    gchar **sizes = NULL;
    gchar **resolutions = NULL;
    g_assert_true (genlayer_size_choices_parse (table, &sizes, &resolutions));
    /* auto, the 10 pixel sizes, then the 13 ratios, 1:1 once though two tiers offer it. */
    g_assert_cmpuint (g_strv_length (sizes), ==, 24);
    g_assert_cmpstr (sizes[0], ==, "auto");
    g_assert_cmpstr (sizes[1], ==, "1024x1024");
    g_assert_cmpstr (sizes[2], ==, "1536x1024");
    g_assert_cmpstr (sizes[10], ==, "1152x2048");
    g_assert_cmpstr (sizes[11], ==, "1:1");
    g_assert_cmpstr (sizes[14], ==, "4:3");
    g_assert_cmpstr (sizes[23], ==, "9:21");
    const gchar *expected_resolutions[] = {
        "auto", "1024", "1536", "2048", "1K", "2K", "4K", NULL
    };
    g_assert_true (g_strv_equal ((const gchar *const *) resolutions, expected_resolutions));

    g_strfreev (sizes);
    g_strfreev (resolutions);
    g_free (table);
}

static void
test_size_choices_from_a_bad_table (void)
{
    const gchar *bad_tables[] = { NULL,
                                  "not json",
                                  "[]",
                                  "{\"tiers\": []}",
                                  "{\"tiers\": {\"1024\": \"1024x1024\"}}",
                                  "{\"tiers\": {\"1024\": [1024]}}",
                                  "{\"tiers\": {}, \"ratio_tiers\": [\"1:1\"]}",
                                  "{\"tiers\": {}, \"ratio_tiers\": {\"1K\": [1]}}" };
    for (gsize i = 0; i < G_N_ELEMENTS (bad_tables); i++)
    {
        gchar **sizes = NULL;
        gchar **resolutions = NULL;
        g_assert_false (genlayer_size_choices_parse (bad_tables[i], &sizes, &resolutions));
        const gchar *only_auto[] = { "auto", NULL };
        g_assert_true (g_strv_equal ((const gchar *const *) sizes, only_auto));
        g_assert_true (g_strv_equal ((const gchar *const *) resolutions, only_auto));
        g_strfreev (sizes);
        g_strfreev (resolutions);
    }
}

static void
test_progress_text_per_state (void)
{
    static const struct
    {
        genlayer_job_state state;
        gint server_percent;
        const gchar *text;
    } expected[] = {
        { GENLAYER_JOB_PREPARING, -1, "Preparing…" },
        { GENLAYER_JOB_UPLOADING, -1, "Uploading reference…" },
        { GENLAYER_JOB_SUBMITTING, -1, "Submitting…" },
        { GENLAYER_JOB_QUEUED, 0, "Queued…" },
        { GENLAYER_JOB_RUNNING, 45, "Generating… 45 %" },
        { GENLAYER_JOB_RUNNING, 130, "Generating… 100 %" },
        { GENLAYER_JOB_DOWNLOADING, 100, "Downloading result…" },
        { GENLAYER_JOB_DONE, 100, "Done" },
        { GENLAYER_JOB_FAILED, 10, "Failed" },
        { GENLAYER_JOB_CANCELLED, 10, "Cancelled" },
    };
    for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    {
        genlayer_progress progress = { .struct_size = sizeof progress,
                                       .state = expected[i].state,
                                       .server_percent = expected[i].server_percent };
        gchar *text = genlayer_job_progress_text (&progress);
        g_assert_cmpstr (text, ==, expected[i].text);
        g_free (text);
    }
}

static void
test_values_refusal (void)
{
    GenlayerPluginValues values;
    genlayer_plugin_values_init (&values);
    g_assert_null (genlayer_plugin_values_refusal (&values));

    static const struct
    {
        gint reference, n, placement;
        const gchar *sentence;
    } refused[] = {
        { 3, 1, 0, "The reference must be 0 (none), 1 (the layer) or 2 (the visible image)." },
        { -1, 1, 0, "The reference must be 0 (none), 1 (the layer) or 2 (the visible image)." },
        { 1, 0, 0, "The number of variations must be between 1 and 4." },
        { 1, 5, 0, "The number of variations must be between 1 and 4." },
        { 1, 4, 2, "The placement must be 0 (generated size) or 1 (cover the region)." },
    };
    for (gsize i = 0; i < G_N_ELEMENTS (refused); i++)
    {
        values.reference = refused[i].reference;
        values.n = refused[i].n;
        values.placement = refused[i].placement;
        gchar *sentence = genlayer_plugin_values_refusal (&values);
        g_assert_cmpstr (sentence, ==, refused[i].sentence);
        g_free (sentence);
    }
    genlayer_plugin_values_clear (&values);
}

static void
test_layer_names (void)
{
    const struct
    {
        const gchar *prompt;
        guint index, count;
        const gchar *name;
    } expected[] = {
        { "a lighthouse at dusk", 0, 1, "a lighthouse at dusk (genlayer)" },
        { "two takes", 1, 2, "two takes (genlayer) 2/2" },
        { "a red fox\nin the snow\t", 0, 1, "a red fox in the snow (genlayer)" },
        /* 40 characters, not bytes: "é" is two bytes. */
        { "ééééééééééééééééééééééééééééééééééééééééééé", 0, 1,
          "éééééééééééééééééééééééééééééééééééééééé (genlayer)" },
    };
    for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    {
        gchar *name = genlayer_layer_name (expected[i].prompt, expected[i].index,
                                           expected[i].count);
        g_assert_cmpstr (name, ==, expected[i].name);
        g_free (name);
    }
}

static void
test_cover_region (void)
{
    /* A 3:2 image over a 1:1 region: scaled to the region's height, cropped at the sides. */
    GenlayerCover wide = genlayer_cover_region (300, 300, 1536, 1024);
    g_assert_cmpint (wide.scaled_width, ==, 450);
    g_assert_cmpint (wide.scaled_height, ==, 300);
    g_assert_cmpint (wide.crop_x, ==, 75);
    g_assert_cmpint (wide.crop_y, ==, 0);

    /* A square image over a wide region: scaled to its width, cropped top and bottom. */
    GenlayerCover tall = genlayer_cover_region (300, 200, 1024, 1024);
    g_assert_cmpint (tall.scaled_width, ==, 300);
    g_assert_cmpint (tall.scaled_height, ==, 300);
    g_assert_cmpint (tall.crop_x, ==, 0);
    g_assert_cmpint (tall.crop_y, ==, 50);

    /* A ceiling, never a floor: 1024 * 301 / 1536 = 200.67 becomes 201. */
    GenlayerCover rounded = genlayer_cover_region (301, 200, 1536, 1024);
    g_assert_cmpint (rounded.scaled_width, ==, 301);
    g_assert_cmpint (rounded.scaled_height, ==, 201);
}

static void
test_selection_on_layer (void)
{
    /* A 4x3 selection at 10,20 whose bytes count up from 0. */
    guchar bytes[12];
    for (gsize i = 0; i < sizeof bytes; i++)
        bytes[i] = (guchar) i;
    GenlayerSelectionCoverage selection = { 10, 20, 4, 3, g_memdup2 (bytes, sizeof bytes) };
    gint x, y, width, height;
    const guchar *first = NULL;

    /* A layer at 12,21 of 10x10 holds columns 2..3 and rows 1..2 of the selection. */
    g_assert_true (genlayer_selection_coverage_on_layer (&selection, 12, 21, 10, 10, &x, &y, &width,
                                                         &height, &first));
    g_assert_cmpint (x, ==, 0);
    g_assert_cmpint (y, ==, 0);
    g_assert_cmpint (width, ==, 2);
    g_assert_cmpint (height, ==, 2);
    g_assert_cmpint (*first, ==, 1 * 4 + 2);

    /* A layer at 0,0 of 11x30 holds column 0 only, at x 10 of the layer. */
    g_assert_true (genlayer_selection_coverage_on_layer (&selection, 0, 0, 11, 30, &x, &y, &width,
                                                         &height, &first));
    g_assert_cmpint (x, ==, 10);
    g_assert_cmpint (y, ==, 20);
    g_assert_cmpint (width, ==, 1);
    g_assert_cmpint (height, ==, 3);
    g_assert_cmpint (*first, ==, 0);

    /* A layer beside the selection, and no selection at all. */
    g_assert_false (genlayer_selection_coverage_on_layer (&selection, 14, 20, 5, 5, &x, &y, &width,
                                                          &height, &first));
    genlayer_selection_coverage_clear (&selection);
    g_assert_null (selection.coverage);
    g_assert_false (genlayer_selection_coverage_on_layer (&selection, 0, 0, 100, 100, &x, &y,
                                                          &width, &height, &first));
}

static void
test_cost_text (void)
{
    gchar *one = genlayer_cost_text (1);
    gchar *four = genlayer_cost_text (4);
    g_assert_cmpstr (one, ==, "Cost: 1 × $0.015 = $0.015");
    g_assert_cmpstr (four, ==, "Cost: 4 × $0.015 = $0.060");
    g_free (one);
    g_free (four);
}

static void
test_rgb_to_rgba (void)
{
    guchar pixels[12] = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
    const guchar expected[12] = { 1, 2, 3, 255, 4, 5, 6, 255, 7, 8, 9, 255 };
    genlayer_rgb_to_rgba_in_place (pixels, 3);
    g_assert_cmpmem (pixels, sizeof pixels, expected, sizeof expected);
}

/* `json` parsed and read back as a target by `host`. */
static gboolean
read_target (const gchar *json, const gchar *host, GenlayerJobTarget *target)
{
    JsonNode *root = json_from_string (json, NULL);
    g_assert_nonnull (root);
    gboolean read = genlayer_job_target_read (json_node_get_object (root), host, target);
    json_node_unref (root);
    return read;
}

static void
test_job_target_round_trip (void)
{
    const GenlayerJobTarget written = { .image = 3,
                                        .image_file = "/tmp/a b.xcf",
                                        .drawable = 7,
                                        .drawable_name = "Background",
                                        .x = 10,
                                        .y = 20,
                                        .width = 300,
                                        .height = 200,
                                        .placement = GENLAYER_PLACEMENT_COVER_REGION,
                                        .mask = TRUE };
    gchar *json = genlayer_job_target_json (&written, GENLAYER_HOST_GIMP3);
    GenlayerJobTarget read;

    g_assert_true (read_target (json, GENLAYER_HOST_GIMP3, &read));
    g_assert_true (read.same_session);
    g_assert_cmpint (read.image, ==, 3);
    g_assert_cmpstr (read.image_file, ==, "/tmp/a b.xcf");
    g_assert_cmpint (read.drawable, ==, 7);
    g_assert_cmpstr (read.drawable_name, ==, "Background");
    g_assert_cmpint (read.x, ==, 10);
    g_assert_cmpint (read.y, ==, 20);
    g_assert_cmpint (read.width, ==, 300);
    g_assert_cmpint (read.height, ==, 200);
    g_assert_cmpint (read.placement, ==, GENLAYER_PLACEMENT_COVER_REGION);
    g_assert_true (read.mask);
    genlayer_job_target_clear (&read);

    /* The other GIMP reads it too (by file and layer name), but its ids mean nothing there. */
    g_assert_true (read_target (json, GENLAYER_HOST_GIMP2, &read));
    g_assert_false (read.same_session);
    g_assert_cmpstr (read.drawable_name, ==, "Background");
    genlayer_job_target_clear (&read);
    g_free (json);

    /* Another program's target, and a GIMP target of another session. */
    g_assert_false (read_target ("{\"host\": \"cli\", \"image\": 3}", GENLAYER_HOST_GIMP2, &read));
    g_assert_true (read_target ("{\"host\": \"gimp-2.10\", \"gimp_pid\": -5, \"image_file\": null}",
                                GENLAYER_HOST_GIMP2, &read));
    g_assert_false (read.same_session);
    g_assert_null (read.image_file);
    g_assert_cmpint (read.placement, ==, GENLAYER_PLACEMENT_GENERATED_SIZE);
    genlayer_job_target_clear (&read);
}

/* Removes a folder and everything in it. */
static void
remove_tree (const gchar *path)
{
    GDir *dir = g_dir_open (path, 0, NULL);
    const gchar *name;
    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
        gchar *child = g_build_filename (path, name, NULL);
        if (g_file_test (child, G_FILE_TEST_IS_DIR))
            remove_tree (child);
        else
            g_assert_cmpint (g_unlink (child), ==, 0);
        g_free (child);
    }
    if (dir != NULL)
        g_dir_close (dir);
    g_assert_cmpint (g_rmdir (path), ==, 0);
}

/* What the job watch reported. */
typedef struct
{
    genlayer_job *job;
    gboolean cancel_at_first_show;
    guint shown;
    gboolean fractions_in_range;
    gchar *last_text;
    gdouble last_fraction;
    guint repeats; /* shows identical to the one before */
    guint ended;
    GMainLoop *loop;
} WatchRecord;

/* With cancel_at_first_show, the first report cancels the job: the watch
 * must then end by itself. */
static void
record_show (const gchar *text, gdouble fraction, gpointer data)
{
    WatchRecord *record = data;
    g_assert_true (text != NULL && *text != '\0');
    record->fractions_in_range = record->fractions_in_range && fraction >= 0.0 && fraction <= 1.0;
    if (record->last_text && strcmp (text, record->last_text) == 0
        && fraction == record->last_fraction)
        record->repeats++;
    g_free (record->last_text);
    record->last_text = g_strdup (text);
    record->last_fraction = fraction;
    if (record->shown++ == 0 && record->cancel_at_first_show)
        genlayer_job_cancel (record->job);
}

static void
record_end (gpointer data)
{
    WatchRecord *record = data;
    record->ended++;
    g_main_loop_quit (record->loop);
}

/* A job against a port where nothing listens: it retries until its
 * deadline or a cancel. unreachable_job_finish ends it. */
static genlayer_client *
unreachable_job_start (gchar **journal, genlayer_job **job)
{
    *journal = g_dir_make_tmp ("genlayer-watch-XXXXXX", NULL);
    const genlayer_client_options options = { .struct_size = sizeof options,
                                              .api_key = "k",
                                              .base_url = "http://127.0.0.1:1",
                                              .journal_dir = *journal };
    genlayer_client *client = NULL;
    g_assert_cmpint (genlayer_client_create (&options, &client), ==, GENLAYER_OK);
    const genlayer_request request = {
        .struct_size = sizeof request, .prompt = "a lighthouse", .n = 1, .timeout_s = 120.0
    };
    g_assert_cmpint (genlayer_job_start (client, &request, job), ==, GENLAYER_OK);
    return client;
}

static void
unreachable_job_finish (WatchRecord *record, genlayer_client *client, gchar *journal)
{
    genlayer_job_destroy (record->job);
    genlayer_client_destroy (client);
    g_main_loop_unref (record->loop);
    g_free (record->last_text);
    remove_tree (journal);
    g_free (journal);
}

static void
test_job_watch_ends_with_the_job (void)
{
    gchar *journal = NULL;
    WatchRecord record = { .cancel_at_first_show = TRUE,
                           .fractions_in_range = TRUE,
                           .loop = g_main_loop_new (NULL, FALSE) };
    genlayer_client *client = unreachable_job_start (&journal, &record.job);

    GenlayerJobWatch watch = {
        .job = record.job, .show = record_show, .ended = record_end, .data = &record
    };
    genlayer_job_watch_start (&watch);
    /* Nothing is reported before the loop runs. */
    g_assert_cmpuint (record.shown, ==, 0);
    g_main_loop_run (record.loop);

    g_assert_cmpuint (record.shown, >=, 1);
    g_assert_true (record.fractions_in_range);
    g_assert_cmpuint (record.ended, ==, 1);
    g_assert_cmpint (genlayer_job_status (record.job), ==, GENLAYER_CANCELLED);
    /* The watch has stopped: more turns of the loop report nothing. */
    const guint shown = record.shown;
    while (g_main_context_iteration (NULL, FALSE))
        ;
    g_assert_cmpuint (record.shown, ==, shown);
    g_assert_cmpuint (record.ended, ==, 1);

    unreachable_job_finish (&record, client, journal);
}

/* Counts the loop's own turns of POLL_TICK_MS; cancels the job at the
 * tenth, while the unreachable job keeps retrying in one state. */
#define POLL_TICK_MS 50
static gboolean
cancel_at_tenth_tick (gpointer data)
{
    static guint ticks;
    WatchRecord *record = data;

    if (++ticks < 10)
        return G_SOURCE_CONTINUE;
    genlayer_job_cancel (record->job);
    return G_SOURCE_REMOVE;
}

/* A job that stays in one state through many retries is shown once per
 * change, not at every wakeup: in GIMP each show is a call into its process. */
static void
test_job_watch_shows_only_changes (void)
{
    gchar *journal = NULL;
    WatchRecord record = { .fractions_in_range = TRUE, .loop = g_main_loop_new (NULL, FALSE) };
    genlayer_client *client = unreachable_job_start (&journal, &record.job);
    GenlayerJobWatch watch = {
        .job = record.job, .show = record_show, .ended = record_end, .data = &record
    };

    genlayer_job_watch_start (&watch);
    g_timeout_add (POLL_TICK_MS, cancel_at_tenth_tick, &record);
    g_main_loop_run (record.loop);

    g_assert_cmpuint (record.shown, >=, 1);
    g_assert_cmpuint (record.repeats, ==, 0);
    g_assert_cmpuint (record.ended, ==, 1);
    unreachable_job_finish (&record, client, journal);
}

int
main (int argc, char **argv)
{
    g_test_init (&argc, &argv, NULL);
    g_test_add_func ("/values/defaults", test_defaults);
    g_test_add_func ("/values/copy-is-deep", test_copy_is_deep);
    g_test_add_func ("/values/options/empty-change-nothing", test_options_empty_change_nothing);
    g_test_add_func ("/values/options/all-keys", test_options_all_keys);
    g_test_add_func ("/values/options/refused", test_options_refused);
    g_test_add_func ("/values/options/refused-change-nothing", test_options_refused_change_nothing);
    g_test_add_func ("/values/save-load-round-trip", test_save_load_round_trip);
    g_test_add_func ("/values/load-missing-file-keeps-defaults",
                     test_load_missing_file_keeps_defaults);
    g_test_add_func ("/values/load-ignores-out-of-range-values",
                     test_load_ignores_out_of_range_values);
    g_test_add_func ("/size-choices/from-the-core-table", test_size_choices_from_the_core_table);
    g_test_add_func ("/size-choices/from-a-bad-table", test_size_choices_from_a_bad_table);
    g_test_add_func ("/job-progress-text/per-state", test_progress_text_per_state);
    g_test_add_func ("/values/refusal", test_values_refusal);
    g_test_add_func ("/layer-name/from-the-prompt", test_layer_names);
    g_test_add_func ("/cover-placement/scale-and-crop", test_cover_region);
    g_test_add_func ("/selection-coverage/on-a-layer", test_selection_on_layer);
    g_test_add_func ("/rgb-to-rgba/in-place", test_rgb_to_rgba);
    g_test_add_func ("/cost-text/per-image", test_cost_text);
    g_test_add_func ("/job-target/round-trip", test_job_target_round_trip);
    g_test_add_func ("/job-watch/ends-with-the-job", test_job_watch_ends_with_the_job);
    g_test_add_func ("/job-watch/shows-only-changes", test_job_watch_shows_only_changes);
    return g_test_run ();
}
