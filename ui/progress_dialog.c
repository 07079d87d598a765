#include "progress_dialog.h"

#include "dialog_placement.h"
#include "gtk_compat.h"
#include "job_watch.h"

#include <libgimp/gimp.h>
#include <libgimp/gimpui.h>

/* The dialog's own response once the job is final (GTK's are negative). */
#define RESPONSE_JOB_FINAL 1

static void
show_progress (const gchar *text, gdouble fraction, gpointer data)
{
    GtkProgressBar *bar = GTK_PROGRESS_BAR (data);

    gtk_progress_bar_set_text (bar, text);
    gtk_progress_bar_set_fraction (bar, fraction);
}

static void
end_dialog (gpointer data)
{
    gtk_dialog_response (GTK_DIALOG (gtk_widget_get_toplevel (data)), RESPONSE_JOB_FINAL);
}

void
genlayer_progress_dialog_run (genlayer_job *job, const gchar *title)
{
    GtkWidget *dialog = gimp_dialog_new (title, "genlayer-progress", NULL, GTK_DIALOG_MODAL, NULL,
                                         NULL, "_Cancel", GTK_RESPONSE_CANCEL, NULL);
    gtk_widget_set_name (dialog, "genlayer-progress-dialog");
    genlayer_dialog_place (dialog);
    GtkWidget *cancel = gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog),
                                                            GTK_RESPONSE_CANCEL);
    gtk_widget_set_name (cancel, "genlayer-progress-cancel");

    GtkWidget *bar = gtk_progress_bar_new ();
    gtk_widget_set_name (bar, "genlayer-progress-bar");
    gtk_widget_set_size_request (bar, 360, -1);

    GtkWidget *note = gtk_label_new (NULL);
    gtk_widget_set_name (note, "genlayer-progress-note");
    gtk_label_set_line_wrap (GTK_LABEL (note), TRUE);
    gtk_widget_set_size_request (note, 360, -1);
    genlayer_label_align_start (note);

    GtkWidget *content = genlayer_box_new (GTK_ORIENTATION_VERTICAL, 12);
    gtk_container_set_border_width (GTK_CONTAINER (content), 12);
    gtk_box_pack_start (GTK_BOX (content), bar, FALSE, FALSE, 0);
    gtk_box_pack_start (GTK_BOX (content), note, FALSE, FALSE, 0);
    gtk_box_pack_start (GTK_BOX (gtk_dialog_get_content_area (GTK_DIALOG (dialog))), content, TRUE,
                        TRUE, 0);
    gtk_widget_show_all (content);
    gtk_widget_hide (note); /* shown once Cancel was pressed */

    GenlayerJobWatch watch = {
        .job = job, .show = show_progress, .ended = end_dialog, .data = bar
    };
    genlayer_job_watch_start (&watch);
    /* Cancel (or closing the window) only asks the job to stop; the dialog
     * stays until the job says it is final. */
    while (gimp_dialog_run (GIMP_DIALOG (dialog)) != RESPONSE_JOB_FINAL)
    {
        genlayer_job_cancel (job);
        gtk_label_set_text (GTK_LABEL (note), "Cancelling… the task keeps running on the server "
                                              "and can be collected later.");
        gtk_widget_show (note);
        gtk_widget_set_sensitive (cancel, FALSE);
    }
    gtk_widget_destroy (dialog);
}
