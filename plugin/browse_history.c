#include "browse_history.h"

#include "insert_history_entry.h"
#include "run_values.h"

#include "history_dialog.h"

genlayer_status
genlayer_browse_history (GimpRunMode run_mode, genlayer_client *client, GenlayerGimpImage image,
                         GenlayerGimpDrawable drawable, GenlayerProcedureResults *out,
                         gchar **error)
{
    GenlayerHistoryItem *chosen = NULL;
    genlayer_status status = GENLAYER_CANCELLED;

    if (run_mode != GIMP_RUN_INTERACTIVE)
    {
        *error = g_strdup ("Generation History is a dialog; a script puts an entry back with "
                           "plug-in-genlayer-history-insert.");
        return GENLAYER_INVALID_REQUEST;
    }
    switch (genlayer_history_dialog_run (client, &chosen))
    {
    case GENLAYER_HISTORY_INSERT:
        status = genlayer_insert_history_entry (client, image, drawable, chosen->id, out, error);
        break;
    case GENLAYER_HISTORY_USE_SETTINGS:
        genlayer_run_values_preset (chosen->prompt, chosen->size, chosen->resolution);
        genlayer_gimp_open_generate_dialog (image, drawable);
        status = GENLAYER_OK;
        break;
    case GENLAYER_HISTORY_CLOSED:
        break;
    }
    g_clear_pointer (&chosen, genlayer_history_item_free);
    return status;
}
