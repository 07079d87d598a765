/* The plug-in's values model, the size menus and the progress texts, without
 * a display. */
#include "job_progress_text.h"
#include "plugin_values.h"
#include "size_choices.h"

#include <glib/gstdio.h>

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
static const struct {
    const gchar *json;
    const gchar *sentence;
} refused_options[] = {
    { "{\"foo\": 1}", "Option \"foo\" is not known; use model, response_format, timeout_s or mask." },
    { "{\"model\": 5}", "Option \"model\" must be a non-empty string such as \"gpt-image-2\"." },
    { "{\"model\": \"\"}", "Option \"model\" must be a non-empty string such as \"gpt-image-2\"." },
    { "{\"response_format\": \"png\"}", "Option \"response_format\" must be \"url\" or \"b64_json\"." },
    { "{\"timeout_s\": 0}", "Option \"timeout_s\" must be a number of seconds greater than 0." },
    { "{\"timeout_s\": -3}", "Option \"timeout_s\" must be a number of seconds greater than 0." },
    { "{\"timeout_s\": \"10\"}", "Option \"timeout_s\" must be a number of seconds greater than 0." },
    { "{\"mask\": \"no\"}", "Option \"mask\" must be true or false." },
    { "{\"mask\": null}", "Option \"mask\" must be true or false." },
    { "[1, 2]", "The options are not a JSON object; pass one such as {\"mask\": false} or an empty string." },
    { "{\"mask\": tru", "The options are not a JSON object; pass one such as {\"mask\": false} or an empty string." },
};

static void
test_options_refused (void)
{
    for (gsize i = 0; i < G_N_ELEMENTS (refused_options); i++) {
        GenlayerPluginValues values;
        genlayer_plugin_values_init (&values);
        gchar *error = NULL;
        g_assert_false (genlayer_plugin_values_apply_options (&values, refused_options[i].json, &error));
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
    gchar *dir = g_dir_make_tmp ("genlayer-ui-model-XXXXXX", &error);
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
    g_assert_cmpuint (g_strv_length (sizes), ==, 11);
    g_assert_cmpstr (sizes[0], ==, "auto");
    g_assert_cmpstr (sizes[1], ==, "1024x1024");
    g_assert_cmpstr (sizes[2], ==, "1536x1024");
    g_assert_cmpstr (sizes[10], ==, "1152x2048");
    const gchar *expected_resolutions[] = { "auto", "1024", "1536", "2048", NULL };
    g_assert_true (g_strv_equal ((const gchar *const *) resolutions, expected_resolutions));

    g_strfreev (sizes);
    g_strfreev (resolutions);
    g_free (table);
}

static void
test_size_choices_from_a_bad_table (void)
{
    const gchar *bad_tables[] = { NULL, "not json", "[]", "{\"tiers\": []}",
                                  "{\"tiers\": {\"1024\": \"1024x1024\"}}",
                                  "{\"tiers\": {\"1024\": [1024]}}" };
    for (gsize i = 0; i < G_N_ELEMENTS (bad_tables); i++) {
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
    static const struct {
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
    for (gsize i = 0; i < G_N_ELEMENTS (expected); i++) {
        genlayer_progress progress = { .struct_size = sizeof progress,
                                       .state = expected[i].state,
                                       .server_percent = expected[i].server_percent };
        gchar *text = genlayer_job_progress_text (&progress);
        g_assert_cmpstr (text, ==, expected[i].text);
        g_free (text);
    }
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
    g_test_add_func ("/values/load-missing-file-keeps-defaults", test_load_missing_file_keeps_defaults);
    g_test_add_func ("/values/load-ignores-out-of-range-values", test_load_ignores_out_of_range_values);
    g_test_add_func ("/size-choices/from-the-core-table", test_size_choices_from_the_core_table);
    g_test_add_func ("/size-choices/from-a-bad-table", test_size_choices_from_a_bad_table);
    g_test_add_func ("/job-progress-text/per-state", test_progress_text_per_state);
    return g_test_run ();
}
