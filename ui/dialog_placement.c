#include "dialog_placement.h"

#include <libgimp/gimp.h>
#include <libgimp/gimpui.h>

static gboolean follow_gimp = FALSE;

void
genlayer_dialogs_follow_gimp (void)
{
    follow_gimp = TRUE;
}

void
genlayer_dialog_place (GtkWidget *dialog)
{
    if (follow_gimp)
        gimp_window_set_transient (GTK_WINDOW (dialog));
}
