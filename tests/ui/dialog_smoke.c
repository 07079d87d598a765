/*
 * The dialogs in a real X server (run under xvfb-run), outside GIMP: only
 * gtk_init, so nothing here needs the plug-in protocol. Widgets are found by
 * their names and driven from idle callbacks inside the dialogs' own loops.
 * GENLAYER_TEST_ARTIFACTS names the folder that receives the screenshots.
 */
#include "error_dialog.h"
#include "generate_dialog_internal.h"
#include "job_progress_text.h"
#include "progress_dialog.h"

#include <libgimp/gimp.h>
#include <libgimp/gimpui.h>
#include <string.h>

/* Nothing listens there: a job's requests fail at once and the job keeps
 * retrying until its deadline or a cancel. */
#define UNREACHABLE_GATEWAY "http://127.0.0.1:1"

static genlayer_client *
client_new (const gchar *api_key)
{
    genlayer_client_options options = { .struct_size = sizeof options,
                                        .api_key = api_key,
                                        .base_url = UNREACHABLE_GATEWAY };
    genlayer_client *client = NULL;
    g_assert_cmpint (genlayer_client_create (&options, &client), ==, GENLAYER_OK);
    return client;
}

/* A client (with the test's key, or none) and default values. */
typedef struct
{
    genlayer_client *client;
    GenlayerPluginValues values;
} DialogFixture;

static void
fixture_set_up (DialogFixture *fixture, gconstpointer api_key)
{
    fixture->client = client_new (api_key);
    genlayer_plugin_values_init (&fixture->values);
}

static void
fixture_tear_down (DialogFixture *fixture, gconstpointer api_key G_GNUC_UNUSED)
{
    genlayer_plugin_values_clear (&fixture->values);
    genlayer_client_destroy (fixture->client);
}

typedef struct
{
    const gchar *name;
    GtkWidget *found;
} WidgetSearch;

static void
search_widget (GtkWidget *widget, gpointer data)
{
    WidgetSearch *search = data;
    if (search->found != NULL)
        return;
    if (g_strcmp0 (gtk_widget_get_name (widget), search->name) == 0)
        search->found = widget;
    else if (GTK_IS_CONTAINER (widget))
        gtk_container_forall (GTK_CONTAINER (widget), search_widget, search);
}

/* The widget called `name` under `root` (internal children included), or NULL. */
static GtkWidget *
find_named (GtkWidget *root, const gchar *name)
{
    WidgetSearch search = { name, NULL };
    search_widget (root, &search);
    return search.found;
}

/* The open window called `name`; fails the test when there is none. */
static GtkWidget *
find_toplevel (const gchar *name)
{
    GList *toplevels = gtk_window_list_toplevels ();
    GtkWidget *found = NULL;
    for (GList *t = toplevels; t != NULL && found == NULL; t = t->next)
        if (gtk_widget_get_visible (t->data))
            found = find_named (t->data, name);
    g_list_free (toplevels);
    g_assert_nonnull (found);
    return found;
}

static GtkWidget *
child (GtkWidget *root, const gchar *name)
{
    GtkWidget *widget = find_named (root, name);
    g_assert_nonnull (widget);
    return widget;
}

static void
set_prompt (GtkWidget *dialog, const gchar *text)
{
    GtkWidget *view = child (dialog, "genlayer-prompt");
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
}

static gboolean
generate_is_sensitive (GtkWidget *dialog)
{
    return gtk_widget_is_sensitive (child (dialog, "genlayer-generate"));
}

/* Paints the window now and saves what the X server shows of it. */
static void
save_screenshot (GtkWidget *window, const gchar *file_name)
{
    const gchar *folder = g_getenv ("GENLAYER_TEST_ARTIFACTS");
    g_assert_nonnull (folder);
    g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
    gchar *path = g_build_filename (folder, file_name, NULL);

    /* The server has mapped the window once a round trip is done; painting
     * is then forced synchronously rather than awaiting expose events. */
    GdkWindow *gdk_window = gtk_widget_get_window (window);
    gdk_display_sync (gdk_window_get_display (gdk_window));
    gtk_widget_queue_draw (window);
    gdk_window_process_updates (gdk_window, TRUE);
    gdk_display_sync (gdk_window_get_display (gdk_window));

    GtkAllocation size;
    gtk_widget_get_allocation (window, &size);
    GdkPixbuf *shot = gdk_pixbuf_get_from_drawable (NULL, gdk_window, NULL, 0, 0, 0, 0, size.width,
                                                    size.height);
    g_assert_nonnull (shot);

    /* A painted dialog has text and frames: its first row differs from its
     * middle row somewhere. */
    const guchar *pixels = gdk_pixbuf_get_pixels (shot);
    gint stride = gdk_pixbuf_get_rowstride (shot);
    gint row_bytes = gdk_pixbuf_get_width (shot) * gdk_pixbuf_get_n_channels (shot);
    g_assert_true (memcmp (pixels, pixels + (size.height / 2) * stride, row_bytes) != 0
                   || memcmp (pixels, pixels + (size.height / 3) * stride, row_bytes) != 0);

    GError *error = NULL;
    g_assert_true (gdk_pixbuf_save (shot, path, "png", &error, NULL));
    g_assert_no_error (error);
    g_object_unref (shot);
    g_free (path);
}

static void
test_key_field_shown_without_key (DialogFixture *fixture, gconstpointer api_key G_GNUC_UNUSED)
{
    g_assert_cmpint (genlayer_client_has_api_key (fixture->client), ==, 0);

    GtkWidget *dialog = genlayer_generate_dialog_new (&fixture->values, fixture->client);
    gtk_widget_show (dialog);
    GtkWidget *key = child (dialog, "genlayer-api-key");
    g_assert_true (gtk_widget_is_drawable (key));
    g_assert_false (gtk_entry_get_visibility (GTK_ENTRY (key)));
    g_assert_true (gtk_widget_is_drawable (child (dialog, "genlayer-remember-key")));

    /* Generate waits for both a prompt and a key. */
    g_assert_false (generate_is_sensitive (dialog));
    set_prompt (dialog, "a lighthouse");
    g_assert_false (generate_is_sensitive (dialog));
    gtk_entry_set_text (GTK_ENTRY (key), "typed-key");
    g_assert_true (generate_is_sensitive (dialog));
    save_screenshot (dialog, "generate-dialog-key-field.png");

    gtk_widget_destroy (dialog);
}

/* Test runs the check off the main thread: the click returns at once with
 * the button off, and the answer arrives through the main loop. */
static void
test_key_test_button_shows_the_check (DialogFixture *fixture, gconstpointer api_key G_GNUC_UNUSED)
{
    GtkWidget *dialog = genlayer_generate_dialog_new (&fixture->values, fixture->client);
    gtk_widget_show (dialog);
    GtkWidget *test = child (dialog, "genlayer-key-test");
    GtkWidget *answer = child (dialog, "genlayer-key-check");
    gtk_entry_set_text (GTK_ENTRY (child (dialog, "genlayer-api-key")), "typed-key");

    gtk_button_clicked (GTK_BUTTON (test));
    g_assert_false (gtk_widget_is_sensitive (test));
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (answer)), ==,
                     "Checking the gateway and the key…");
    save_screenshot (dialog, "generate-dialog-key-test.png");
    while (! gtk_widget_is_sensitive (test))
        g_main_context_iteration (NULL, TRUE);
    const gchar *shown = gtk_label_get_text (GTK_LABEL (answer));
    g_assert_true (g_str_has_prefix (shown, "base URL: " UNREACHABLE_GATEWAY
                                            " does not answer (Could not connect"));
    g_assert_true (g_str_has_suffix (shown, "\nkey: not checked\nsize dialect: unknown"));
    g_assert_cmpint (genlayer_client_has_api_key (fixture->client), ==, 0);

    /* A check still running when the dialog closes is cancelled with it. */
    gtk_button_clicked (GTK_BUTTON (test));
    gtk_widget_destroy (dialog);
}

static void
test_key_field_absent_with_key (DialogFixture *fixture, gconstpointer api_key G_GNUC_UNUSED)
{
    GtkWidget *dialog = genlayer_generate_dialog_new (&fixture->values, fixture->client);
    gtk_widget_show (dialog);
    g_assert_null (find_named (dialog, "genlayer-api-key"));
    g_assert_null (find_named (dialog, "genlayer-remember-key"));

    /* With a key configured, Generate waits only for a prompt and a model. */
    g_assert_false (generate_is_sensitive (dialog));
    set_prompt (dialog, "a lighthouse");
    g_assert_true (generate_is_sensitive (dialog));
    set_prompt (dialog, "");
    g_assert_false (generate_is_sensitive (dialog));

    set_prompt (dialog, "a lighthouse");
    gtk_entry_set_text (GTK_ENTRY (child (dialog, "genlayer-model")), "");
    g_assert_false (generate_is_sensitive (dialog));

    gtk_widget_destroy (dialog);
}

static void
test_dialog_shows_values (DialogFixture *fixture, gconstpointer api_key G_GNUC_UNUSED)
{
    g_free (fixture->values.size);
    fixture->values.size = g_strdup ("2048x1152");
    fixture->values.n = 3;
    fixture->values.placement = GENLAYER_PLACEMENT_COVER_REGION;
    fixture->values.mask = FALSE;

    GtkWidget *dialog = genlayer_generate_dialog_new (&fixture->values, fixture->client);
    gchar *size = gtk_combo_box_text_get_active_text (
        GTK_COMBO_BOX_TEXT (child (dialog, "genlayer-size")));
    g_assert_cmpstr (size, ==, "2048x1152");
    g_free (size);
    g_assert_cmpint (
        gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (child (dialog, "genlayer-variations"))),
        ==, 3);
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (dialog, "genlayer-cost"))), ==,
                     "Cost: 3 × $0.015 = $0.045");
    gint placement = -1;
    gimp_int_combo_box_get_active (GIMP_INT_COMBO_BOX (child (dialog, "genlayer-placement")),
                                   &placement);
    g_assert_cmpint (placement, ==, GENLAYER_PLACEMENT_COVER_REGION);
    g_assert_false (
        gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (child (dialog, "genlayer-mask"))));

    gtk_widget_destroy (dialog);
}

/* What a person does in the Generate dialog, played from an idle callback. */
typedef struct
{
    const gchar *prompt;
    const gchar *api_key;    /* typed into the key field when not NULL */
    const gchar *screenshot; /* file name, or NULL */
    gint response;           /* the button pressed */
} GenerateDialogScript;

static gboolean
play_generate_dialog (gpointer data)
{
    const GenerateDialogScript *script = data;
    GtkWidget *dialog = find_toplevel ("genlayer-generate-dialog");
    set_prompt (dialog, script->prompt);
    if (script->api_key != NULL)
        gtk_entry_set_text (GTK_ENTRY (child (dialog, "genlayer-api-key")), script->api_key);
    gtk_combo_box_set_active (GTK_COMBO_BOX (child (dialog, "genlayer-size")), 2);
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (dialog, "genlayer-variations")), 2);
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (dialog, "genlayer-cost"))), ==,
                     "Cost: 2 × $0.015 = $0.030");
    if (script->screenshot != NULL)
        save_screenshot (dialog, script->screenshot);
    gtk_button_clicked (
        GTK_BUTTON (gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), script->response)));
    return G_SOURCE_REMOVE;
}

static void
test_generate_returns_the_typed_values (DialogFixture *fixture, gconstpointer api_key G_GNUC_UNUSED)
{
    GenerateDialogScript script = { "a red fox\nin the snow", NULL, "generate-dialog.png",
                                    GTK_RESPONSE_OK };
    g_idle_add (play_generate_dialog, &script);
    g_assert_true (genlayer_generate_dialog_run (&fixture->values, fixture->client));
    g_assert_cmpstr (fixture->values.prompt, ==, "a red fox\nin the snow");
    g_assert_cmpstr (fixture->values.size, ==, "1536x1024");
    g_assert_cmpint (fixture->values.n, ==, 2);
    g_assert_cmpint (fixture->values.reference, ==, GENLAYER_REFERENCE_DRAWABLE);
    g_assert_cmpstr (fixture->values.model, ==, "gpt-image-2");
    g_assert_true (fixture->values.mask);
}

static void
test_typed_key_reaches_the_client (DialogFixture *fixture, gconstpointer api_key G_GNUC_UNUSED)
{
    GenerateDialogScript script = { "a lighthouse", "typed-key", NULL, GTK_RESPONSE_OK };
    g_idle_add (play_generate_dialog, &script);
    g_assert_true (genlayer_generate_dialog_run (&fixture->values, fixture->client));
    g_assert_cmpint (genlayer_client_has_api_key (fixture->client), ==, 1);
    g_assert_cmpstr (fixture->values.prompt, ==, "a lighthouse");
}

static void
test_cancel_keeps_the_values (DialogFixture *fixture, gconstpointer api_key G_GNUC_UNUSED)
{
    GenerateDialogScript script = { "never mind", NULL, NULL, GTK_RESPONSE_CANCEL };
    g_idle_add (play_generate_dialog, &script);
    g_assert_false (genlayer_generate_dialog_run (&fixture->values, fixture->client));
    g_assert_cmpstr (fixture->values.prompt, ==, "");
    g_assert_cmpint (fixture->values.n, ==, 1);
}

static gboolean
read_and_close_error_dialog (gpointer data)
{
    gchar **shown = data;
    GtkWidget *dialog = find_toplevel ("genlayer-error");
    g_object_get (dialog, "text", shown, NULL);
    gtk_button_clicked (
        GTK_BUTTON (gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), GTK_RESPONSE_CLOSE)));
    return G_SOURCE_REMOVE;
}

static void
test_error_dialog_shows_the_sentence (void)
{
    const gchar *sentence
        = "The gateway refused the API key (401). Set TOAPIS_API_KEY or the key in the dialog.";
    gchar *shown = NULL;
    g_idle_add (read_and_close_error_dialog, &shown);
    genlayer_error_dialog_show (sentence);
    g_assert_cmpstr (shown, ==, sentence);
    g_free (shown);
}

/* A text-only job against the unreachable gateway with this deadline. */
static genlayer_job *
unreachable_job_new (genlayer_client *client, double timeout_s)
{
    genlayer_request request = {
        .struct_size = sizeof request, .prompt = "a lighthouse", .n = 1, .timeout_s = timeout_s
    };
    genlayer_job *job = NULL;
    g_assert_cmpint (genlayer_job_start (client, &request, &job), ==, GENLAYER_OK);
    return job;
}

static gboolean
job_is_final (genlayer_job *job)
{
    genlayer_progress progress = { .struct_size = sizeof progress };
    g_assert_cmpint (genlayer_job_poll (job, &progress), ==, GENLAYER_OK);
    return genlayer_job_state_is_final (progress.state);
}

static void
test_progress_dialog_closes_when_the_job_ends (DialogFixture *fixture,
                                               gconstpointer api_key G_GNUC_UNUSED)
{
    genlayer_job *job = unreachable_job_new (fixture->client, 1.0);
    genlayer_progress_dialog_run (job, "Generate Layer");
    g_assert_true (job_is_final (job));
    g_assert_cmpint (genlayer_job_status (job), !=, GENLAYER_OK);
    genlayer_job_destroy (job);
}

static gboolean
press_progress_cancel (gpointer data G_GNUC_UNUSED)
{
    GtkWidget *dialog = find_toplevel ("genlayer-progress-dialog");
    save_screenshot (dialog, "progress-dialog.png");
    gtk_button_clicked (GTK_BUTTON (child (dialog, "genlayer-progress-cancel")));
    return G_SOURCE_REMOVE;
}

static void
test_progress_dialog_cancel_stops_the_job (DialogFixture *fixture,
                                           gconstpointer api_key G_GNUC_UNUSED)
{
    genlayer_job *job = unreachable_job_new (fixture->client, 120.0);
    g_idle_add (press_progress_cancel, NULL);
    genlayer_progress_dialog_run (job, "Generate Layer");
    g_assert_true (job_is_final (job));
    g_assert_cmpint (genlayer_job_status (job), ==, GENLAYER_CANCELLED);
    genlayer_job_destroy (job);
}

/* Registers a test that runs with a fresh client holding `api_key` (or none). */
static void
add_dialog_test (const gchar *path, const gchar *api_key,
                 void (*test) (DialogFixture *, gconstpointer))
{
    g_test_add (path, DialogFixture, api_key, fixture_set_up, test, fixture_tear_down);
}

int
main (int argc, char **argv)
{
    g_test_init (&argc, &argv, NULL);
    gtk_init (&argc, &argv);
    add_dialog_test ("/generate-dialog/key-field-shown-without-key", NULL,
                     test_key_field_shown_without_key);
    add_dialog_test ("/generate-dialog/key-test-button-shows-the-check", NULL,
                     test_key_test_button_shows_the_check);
    add_dialog_test ("/generate-dialog/key-field-absent-with-key", "k",
                     test_key_field_absent_with_key);
    add_dialog_test ("/generate-dialog/shows-values", "k", test_dialog_shows_values);
    add_dialog_test ("/generate-dialog/generate-returns-the-typed-values", "k",
                     test_generate_returns_the_typed_values);
    add_dialog_test ("/generate-dialog/typed-key-reaches-the-client", NULL,
                     test_typed_key_reaches_the_client);
    add_dialog_test ("/generate-dialog/cancel-keeps-the-values", "k", test_cancel_keeps_the_values);
    g_test_add_func ("/error-dialog/shows-the-sentence", test_error_dialog_shows_the_sentence);
    add_dialog_test ("/progress-dialog/closes-when-the-job-ends", "k",
                     test_progress_dialog_closes_when_the_job_ends);
    add_dialog_test ("/progress-dialog/cancel-stops-the-job", "k",
                     test_progress_dialog_cancel_stops_the_job);
    return g_test_run ();
}
