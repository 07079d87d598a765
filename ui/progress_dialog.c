#include "dialog_placement.h"
#include "generate_dialog.h"
#include "job_progress_text.h"

#include <libgimp/gimp.h>
#include <libgimp/gimpui.h>

/* How often the job's state is read: smooth enough for the bar, cheap since
 * genlayer_job_poll never waits. */
#define POLL_INTERVAL_MS 50

/* The dialog's own response once the job is final (GTK's are negative). */
#define RESPONSE_JOB_FINAL 1

typedef struct {
    genlayer_job *job;
    GtkWidget *dialog;
    GtkWidget *bar;
} ProgressWatch;

static gboolean
poll_job (gpointer data)
{
    ProgressWatch *watch = data;
    genlayer_progress progress = { .struct_size = sizeof progress };
    genlayer_job_poll (watch->job, &progress);

    GtkProgressBar *bar = GTK_PROGRESS_BAR (watch->bar);
    gchar *text = genlayer_job_progress_text (&progress);
    gtk_progress_bar_set_text (bar, text);
    g_free (text);
    /* Before the task exists there is no percent to show, only activity. */
    if (progress.server_percent >= 0)
        gtk_progress_bar_set_fraction (bar, CLAMP (progress.server_percent, 0, 100) / 100.0);
    else
        gtk_progress_bar_pulse (bar);

    if (genlayer_job_state_is_final (progress.state))
        gtk_dialog_response (GTK_DIALOG (watch->dialog), RESPONSE_JOB_FINAL);
    return G_SOURCE_CONTINUE;
}

void
genlayer_progress_dialog_run (genlayer_job *job, const gchar *title)
{
    GtkWidget *dialog = gimp_dialog_new (title, "genlayer-progress", NULL, GTK_DIALOG_MODAL,
                                         NULL, NULL, "_Cancel", GTK_RESPONSE_CANCEL, NULL);
    gtk_widget_set_name (dialog, "genlayer-progress-dialog");
    genlayer_dialog_place (dialog);
    GtkWidget *cancel = gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
    gtk_widget_set_name (cancel, "genlayer-progress-cancel");

    ProgressWatch watch = { job, dialog, gtk_progress_bar_new () };
    gtk_widget_set_name (watch.bar, "genlayer-progress-bar");
    gtk_progress_bar_set_pulse_step (GTK_PROGRESS_BAR (watch.bar), 0.05);
    gtk_widget_set_size_request (watch.bar, 360, -1);

    GtkWidget *note = gtk_label_new (NULL);
    gtk_widget_set_name (note, "genlayer-progress-note");
    gtk_label_set_line_wrap (GTK_LABEL (note), TRUE);
    gtk_widget_set_size_request (note, 360, -1);
    gtk_misc_set_alignment (GTK_MISC (note), 0.0, 0.5);

    GtkWidget *content = gtk_vbox_new (FALSE, 12);
    gtk_container_set_border_width (GTK_CONTAINER (content), 12);
    gtk_box_pack_start (GTK_BOX (content), watch.bar, FALSE, FALSE, 0);
    gtk_box_pack_start (GTK_BOX (content), note, FALSE, FALSE, 0);
    gtk_box_pack_start (GTK_BOX (gtk_dialog_get_content_area (GTK_DIALOG (dialog))), content,
                        TRUE, TRUE, 0);
    gtk_widget_show_all (content);
    gtk_widget_hide (note); /* shown once Cancel was pressed */

    poll_job (&watch); /* the bar shows the state from the first frame */
    guint poll_source = g_timeout_add (POLL_INTERVAL_MS, poll_job, &watch);
    /* Cancel (or closing the window) only asks the job to stop; the dialog
     * stays until the job says it is final, so the caller never frees a job
     * whose worker still runs. */
    while (gimp_dialog_run (GIMP_DIALOG (dialog)) != RESPONSE_JOB_FINAL) {
        genlayer_job_cancel (job);
        gtk_label_set_text (GTK_LABEL (note), "Cancelling… the task keeps running on the server "
                                              "and can be collected later.");
        gtk_widget_show (note);
        gtk_widget_set_sensitive (cancel, FALSE);
    }
    g_source_remove (poll_source);
    gtk_widget_destroy (dialog);
}
