/*
 * The Generate dialogs' "Recent prompts" menu: the last prompts of the
 * history, each once, newest first; choosing one puts it into the prompt
 * field. [main-thread]
 */
#ifndef GENLAYER_UI_RECENT_PROMPTS_H
#define GENLAYER_UI_RECENT_PROMPTS_H

#include <genlayer/genlayer.h>
#include <gtk/gtk.h>

G_BEGIN_DECLS

/* How many prompts the menu offers. */
#define GENLAYER_RECENT_PROMPTS 20

/* "Recent prompts:" and its menu, which writes into `prompt`; insensitive
 * while the history holds no prompt. */
GtkWidget *genlayer_recent_prompts_new (genlayer_client *client, GtkTextBuffer *prompt);

G_END_DECLS

#endif
