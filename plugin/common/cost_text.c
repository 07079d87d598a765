#include "cost_text.h"

/* The gateway's documented price of one image (spec/gateway-api.md). */
#define PRICE_PER_IMAGE_USD 0.015

gchar *
genlayer_cost_text (gint n)
{
    return g_strdup_printf ("Cost: %d × $%.3f = $%.3f", n, PRICE_PER_IMAGE_USD,
                            n * PRICE_PER_IMAGE_USD);
}
