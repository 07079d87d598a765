/*
 * The few calls the shared dialogs make that GTK 2 (GIMP 2.10) and GTK 3
 * (GIMP 3) spell differently, so that one source builds for both without
 * deprecated calls.
 */
#ifndef GENLAYER_UI_GTK_COMPAT_H
#define GENLAYER_UI_GTK_COMPAT_H

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A box that lays its children out along `orientation`. */
static inline GtkWidget *
genlayer_box_new (GtkOrientation orientation, gint spacing)
{
#if GTK_CHECK_VERSION(3, 0, 0)
    return gtk_box_new (orientation, spacing);
#else
    return orientation == GTK_ORIENTATION_VERTICAL ? gtk_vbox_new (FALSE, spacing)
                                                   : gtk_hbox_new (FALSE, spacing);
#endif
}

/* Text that starts at the label's left edge. */
static inline void
genlayer_label_align_start (GtkWidget *label)
{
#if GTK_CHECK_VERSION(3, 16, 0)
    gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
#else
    gtk_misc_set_alignment (GTK_MISC (label), 0.0f, 0.5f);
#endif
}

G_END_DECLS

#endif
