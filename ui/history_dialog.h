/*
 * The "Generation History" dialog: every image the history keeps, as a grid
 * of thumbnails, newest first, with a search over the prompts. It reads the
 * history on disk only; nothing is sent to the gateway. [main-thread]
 */
#ifndef GENLAYER_UI_HISTORY_DIALOG_H
#define GENLAYER_UI_HISTORY_DIALOG_H

#include "history_items.h"

G_BEGIN_DECLS

typedef enum {
    GENLAYER_HISTORY_CLOSED,       /* Close, or the window closed */
    GENLAYER_HISTORY_INSERT,       /* put the chosen image into the image */
    GENLAYER_HISTORY_USE_SETTINGS, /* generate anew with its prompt and size */
} GenlayerHistoryChoice;

/* Shows the dialog until the person chooses. For INSERT and USE_SETTINGS,
 * *chosen is the chosen entry (free with genlayer_history_item_free). */
GenlayerHistoryChoice genlayer_history_dialog_run (genlayer_client *client,
                                                   GenlayerHistoryItem **chosen);

G_END_DECLS

#endif
