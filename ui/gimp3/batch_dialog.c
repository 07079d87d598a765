#include "batch_dialog.h"

#include "dialog_placement.h"

#include <libgimp/gimpui.h>

gboolean
genlayer_batch_dialog_run (GimpProcedure *procedure, GimpProcedureConfig *config)
{
    GtkWidget *dialog = gimp_procedure_dialog_new (procedure, config, "Batch Generate");
    GtkWidget *prompt = gimp_procedure_dialog_get_widget (GIMP_PROCEDURE_DIALOG (dialog), "prompt",
                                                          GTK_TYPE_TEXT_VIEW);
    gboolean generate;

    gtk_widget_set_name (dialog, "genlayer-batch-dialog");
    gimp_procedure_dialog_set_ok_label (GIMP_PROCEDURE_DIALOG (dialog), "_Generate");
    gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (prompt), GTK_WRAP_WORD_CHAR);
    gtk_widget_set_size_request (prompt, 440, 80);
    genlayer_dialog_place (dialog);
    gimp_procedure_dialog_fill (GIMP_PROCEDURE_DIALOG (dialog), "folder", "prompt", "jobs",
                                "output-folder", NULL);
    generate = gimp_procedure_dialog_run (GIMP_PROCEDURE_DIALOG (dialog));
    gtk_widget_destroy (dialog);
    return generate;
}
