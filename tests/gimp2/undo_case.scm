; The undo case runs in GIMP with its GUI, driven through the Script-Fu
; server: the driver sets up, presses Ctrl+Z in the image window, and reads
; the state again. Loaded after test_support.scm.

; "layers r g b x1 y1 x2 y2": the layer count, the source's pixel at 0,0 and
; the selection's bounds, so that an undo of more or less than the insertion shows.
(define (genlayer-undo-state image)
  (values->string (list (layer-count image)
                        (cadr (gimp-drawable-get-pixel (bottom-layer image) 0 0))
                        (cdr (gimp-selection-bounds image)))))

(define (bottom-layer image)
  (let ((layers (cadr (gimp-image-get-layers image))))
    (vector-ref layers (- (vector-length layers) 1))))

; A displayed image with a selection and one generated layer; returns the image id.
(define (genlayer-undo-setup)
  (let ((image (make-image 64 48 RGB RGB-IMAGE '(255 255 255))))
    (gimp-display-new image)
    (gimp-image-select-ellipse image CHANNEL-OP-REPLACE 10 10 30 20)
    (generate image (background-of image) "undo me in one step" "1024x1024" "1024" 1 1 1 "")
    image))
