/*
 * Where the dialogs appear: over the GIMP window that started the plug-in,
 * so they never hide behind it. [main-thread] for everything.
 */
#ifndef GENLAYER_UI_DIALOG_PLACEMENT_H
#define GENLAYER_UI_DIALOG_PLACEMENT_H

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Called by the plug-in once gimp_ui_init has run. Until then dialogs are
 * placed by the window manager alone: finding GIMP's window is a PDB call,
 * which the dialog tests, run outside GIMP, cannot make. */
void genlayer_dialogs_follow_gimp (void);

/* Makes `dialog` transient to GIMP's window, once the plug-in asked for it. */
void genlayer_dialog_place (GtkWidget *dialog);

G_END_DECLS

#endif
