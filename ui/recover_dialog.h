/*
 * The "Recover Generations" dialog: the generations a crash, a kill or a
 * cancel left on the server, each with a tick box, to import the chosen
 * ones. [main-thread] for everything.
 */
#ifndef GENLAYER_UI_RECOVER_DIALOG_H
#define GENLAYER_UI_RECOVER_DIALOG_H

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
    const gchar *prompt;
    const gchar *stage;   /* the journal's stage, e.g. "submitted" */
    gint64 created_at;    /* unix seconds */
    gint64 expires_at;    /* unix seconds, 0 if unknown */
} GenlayerRecoverRow;

/* Shows the rows, every one ticked. On Import sets chosen[i] for each
 * ticked row and returns TRUE; FALSE on Cancel or close. */
gboolean genlayer_recover_dialog_run (const GenlayerRecoverRow *rows, guint count,
                                      gboolean *chosen);

G_END_DECLS

#endif
