/*
 * The GIMP calls of the shim code in plugin/ (written once for both GIMPs)
 * over libgimp-2.0, where images and items are numbers and -1 is none.
 * plugin/gimp3/gimp_api.h gives the same names over libgimp-3.0. Only what
 * the two spell differently is here; the rest is called directly.
 */
#ifndef GENLAYER_GIMP2_GIMP_API_H
#define GENLAYER_GIMP2_GIMP_API_H

#include "job_target.h"

#include <libgimp/gimp.h>

G_BEGIN_DECLS

/* The journal's "host" of this shim. */
#define GENLAYER_GIMP_HOST GENLAYER_HOST_GIMP2

typedef gint32 GenlayerGimpImage;
typedef gint32 GenlayerGimpDrawable; /* a layer, layer mask or channel */
typedef gint32 GenlayerGimpLayer;
typedef gint32 GenlayerGimpLayerMask;

#define GENLAYER_GIMP_NONE (-1)

/* An item as the calls for items, drawables and layers take it. */
#define GENLAYER_GIMP_ITEM(item) (item)
#define GENLAYER_GIMP_DRAWABLE(item) (item)
#define GENLAYER_GIMP_LAYER(item) (item)
#define GENLAYER_GIMP_LAYER_MASK(item) (item)

static inline gint32
genlayer_gimp_image_id (GenlayerGimpImage image)
{
    return image;
}

static inline gint32
genlayer_gimp_item_id (gint32 item)
{
    return item;
}

/* The image of this id, if it still exists in this session. */
static inline GenlayerGimpImage
genlayer_gimp_image_by_id (gint32 id)
{
    return gimp_image_is_valid (id) ? id : GENLAYER_GIMP_NONE;
}

/* The drawable of this id, if it still exists in this session. */
static inline GenlayerGimpDrawable
genlayer_gimp_drawable_by_id (gint32 id)
{
    return gimp_item_is_valid (id) && gimp_item_is_drawable (id) ? id : GENLAYER_GIMP_NONE;
}

/* The layer of this id (one the plug-in made in this session). */
static inline GenlayerGimpLayer
genlayer_gimp_layer_by_id (gint32 id)
{
    return id;
}

static inline void
genlayer_gimp_drawable_offsets (GenlayerGimpDrawable drawable, gint *x, gint *y)
{
    gimp_drawable_offsets (drawable, x, y);
}

static inline gint
genlayer_gimp_drawable_width (GenlayerGimpDrawable drawable)
{
    return gimp_drawable_width (drawable);
}

static inline gint
genlayer_gimp_drawable_height (GenlayerGimpDrawable drawable)
{
    return gimp_drawable_height (drawable);
}

static inline GimpImageBaseType
genlayer_gimp_image_base_type (GenlayerGimpImage image)
{
    return gimp_image_base_type (image);
}

/* The local file the image was opened from or saved to, or NULL. Free with g_free. */
static inline gchar *
genlayer_gimp_image_file (GenlayerGimpImage image)
{
    return gimp_image_get_filename (image);
}

/* The drawable an action on the image applies to, or none. */
static inline GenlayerGimpDrawable
genlayer_gimp_image_active_drawable (GenlayerGimpImage image)
{
    return gimp_image_get_active_drawable (image);
}

/* Every open image: a NULL-free array of *count. Free with g_free. */
static inline GenlayerGimpImage *
genlayer_gimp_open_images (gint *count)
{
    return gimp_image_list (count);
}

/* Opens Generate Layer… on the drawable as its menu item does: the dialog
 * starts from the last values. Returns once that run ended. */
static inline void
genlayer_gimp_open_generate_dialog (GenlayerGimpImage image, GenlayerGimpDrawable drawable)
{
    gint n_values = 0;
    /* An interactive run reads the dialog, not these, but GIMP wants them all. */
    GimpParam *values = gimp_run_procedure (
        "plug-in-genlayer", &n_values, GIMP_PDB_INT32, GIMP_RUN_INTERACTIVE, GIMP_PDB_IMAGE, image,
        GIMP_PDB_DRAWABLE, drawable, GIMP_PDB_STRING, "", GIMP_PDB_STRING, "auto", GIMP_PDB_STRING,
        "auto", GIMP_PDB_INT32, 1, GIMP_PDB_STRING, "", GIMP_PDB_INT32, 1, GIMP_PDB_INT32, 0,
        GIMP_PDB_STRING, "", GIMP_PDB_END);

    gimp_destroy_params (values, n_values);
}

G_END_DECLS

#endif
