/* A failure told to a person: a modal message dialog with its one sentence. [main-thread] */
#ifndef GENLAYER_UI_ERROR_DIALOG_H
#define GENLAYER_UI_ERROR_DIALOG_H

#include <glib.h>

G_BEGIN_DECLS

void genlayer_error_dialog_show (const gchar *sentence);

G_END_DECLS

#endif
