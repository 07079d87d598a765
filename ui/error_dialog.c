#include "error_dialog.h"
#include "dialog_placement.h"

#include <gtk/gtk.h>

void
genlayer_error_dialog_show (const gchar *sentence)
{
    GtkWidget *dialog = gtk_message_dialog_new (NULL, GTK_DIALOG_MODAL, GTK_MESSAGE_ERROR,
                                                GTK_BUTTONS_CLOSE, "%s", sentence);
    gtk_widget_set_name (dialog, "genlayer-error");
    gtk_window_set_title (GTK_WINDOW (dialog), "Generate Layer");
    genlayer_dialog_place (dialog);
    gtk_dialog_run (GTK_DIALOG (dialog));
    gtk_widget_destroy (dialog);
}
