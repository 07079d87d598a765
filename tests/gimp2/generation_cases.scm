; Generations that succeed against the emulator. Loaded after test_support.scm;
; the driver calls (genlayer-generation-cases FACTS-FILE WORK-DIR).

(define (band-width layer)
  (max 8 (quotient (max (car (gimp-drawable-width layer)) (car (gimp-drawable-height layer)))
                   16)))

(define (case-text-only name)
  (let* ((image (make-image 320 240 RGB RGB-IMAGE '(255 255 255)))
         (result (generate image (background-of image) "a lighthouse at dusk"
                           "auto" "auto" 0 1 0 ""))
         (layer (vector-ref (cadr result) 0)))
    (record-result name result)
    (fact name "layers-in-image" (layer-count image))
    (record-layer name "new" image layer)
    (record-pixel name "first-band" layer 0 0)
    (record-pixel name "second-band" layer (band-width layer) 0)
    (gimp-image-delete image)))

;; A 400x300 image whose active layer, "offset source", lies at 120,90:
;; 160x100, red on the left, blue on the right.
(define (make-offset-source-image)
  (let* ((image (make-image 400 300 RGB RGB-IMAGE '(30 30 30)))
         (source (car (gimp-layer-new image 160 100 RGB-IMAGE "offset source" 100
                                      LAYER-MODE-NORMAL))))
    (gimp-image-insert-layer image source 0 0)
    (gimp-layer-set-offsets source 120 90)
    (fill-rectangle image source 120 90 80 100 '(200 40 40))
    (fill-rectangle image source 200 90 80 100 '(40 90 200))
    image))

(define (case-offset-reference name)
  (let* ((image (make-offset-source-image))
         (source (car (gimp-image-get-active-drawable image))))
    (let* ((result (generate image source "recolour the offset layer"
                             "1536x1024" "1536" 1 1 0 ""))
           (layer (vector-ref (cadr result) 0)))
      (record-result name result)
      (record-layer name "new" image layer)
      (record-pixel name "left-half" layer 384 512)
      (record-pixel name "right-half" layer 1152 512))
    (gimp-image-delete image)))

; Three layers; the source is the middle one, the selection an ellipse whose
; bounds (100,60 300x200) hold four flat quadrants of the source.
(define (case-selection-cover-mask name)
  (let* ((image (make-image 500 400 RGB RGB-IMAGE '(128 128 128)))
         (source (car (gimp-layer-new image 500 400 RGB-IMAGE "quadrants" 100
                                      LAYER-MODE-NORMAL)))
         (top (car (gimp-layer-new image 50 50 RGB-IMAGE "top" 100 LAYER-MODE-NORMAL))))
    (gimp-image-insert-layer image source 0 0)
    (gimp-image-insert-layer image top 0 0)
    (fill-rectangle image source 0 0 500 400 '(10 10 10))
    (fill-quadrants image source 100 60 300 200
                    '((220 30 30) (30 200 60) (40 60 210) (230 210 40)))
    (gimp-image-select-ellipse image CHANNEL-OP-REPLACE 100 60 300 200)
    (let* ((result (generate image source "quadrants, reimagined"
                             "auto" "1536" 1 1 1 ""))
           (layer (vector-ref (cadr result) 0))
           (mask (car (gimp-layer-get-mask layer))))
      (record-result name result)
      (fact name "layers-in-image" (layer-count image))
      (fact name "source-position" (car (gimp-image-get-item-position image source)))
      (record-layer name "new" image layer)
      (record-pixel name "top-left" layer 75 50)
      (record-pixel name "top-right" layer 225 50)
      (record-pixel name "bottom-left" layer 75 150)
      (record-pixel name "bottom-right" layer 225 150)
      (record-pixel name "mask-corner" mask 0 0)
      (record-pixel name "mask-centre" mask 150 100)
      (let ((comparison (mask-vs-gimp-selection-mask image layer 3)))
        (fact name "mask-mismatches" (car comparison))
        (fact name "mask-partial-points" (cadr comparison)))
      (fact name "selection-bounds" (cdr (gimp-selection-bounds image))))
    (gimp-image-delete image)))

(define (case-variations name)
  (let* ((image (make-image 200 200 RGB RGB-IMAGE '(255 255 255)))
         (source (background-of image))
         (result (generate image source "two takes" "1024x1024" "1024" 0 2 0 ""))
         (layers (cadr result)))
    (record-result name result)
    (fact name "layers-in-image" (layer-count image))
    (fact name "source-position" (car (gimp-image-get-item-position image source)))
    (record-layer name "first" image (vector-ref layers 0))
    (record-layer name "second" image (vector-ref layers 1))
    (record-pixel name "first.pixel" (vector-ref layers 0) 0 0)
    (record-pixel name "second.pixel" (vector-ref layers 1) 0 0)
    (gimp-image-delete image)))

(define (case-grayscale name)
  (let* ((image (make-image 200 150 GRAY GRAY-IMAGE '(90 90 90)))
         (result (generate image (background-of image) "a grey study"
                           "1536x1024" "1536" 1 1 0 ""))
         (layer (vector-ref (cadr result) 0)))
    (record-result name result)
    (fact name "base-type" (car (gimp-image-base-type image)))
    (record-layer name "new" image layer)
    (record-pixel name "centre" layer 768 512)
    (gimp-image-delete image)))

(define (case-indexed name)
  (let* ((image (make-image 200 150 RGB RGB-IMAGE '(200 40 40))))
    (fill-rectangle image (background-of image) 100 0 100 150 '(40 90 200))
    (gimp-image-convert-indexed image CONVERT-DITHER-NONE CONVERT-PALETTE-GENERATE 16
                                FALSE FALSE "")
    (let* ((result (generate image (background-of image) "a poster in few colours"
                             "1536x1024" "1536" 1 1 0 ""))
           (layer (vector-ref (cadr result) 0)))
      (record-result name result)
      (fact name "base-type" (car (gimp-image-base-type image)))
      (record-layer name "new" image layer)
      (record-pixel name "centre" layer 768 512))
    (gimp-image-delete image)))

; The visible image (a layer over the source) is the reference, not the source alone.
(define (case-visible-reference name)
  (let* ((image (make-image 300 200 RGB RGB-IMAGE '(200 40 40)))
         (source (background-of image))
         (cover (car (gimp-layer-new image 150 200 RGB-IMAGE "left cover" 100
                                     LAYER-MODE-NORMAL))))
    (gimp-image-insert-layer image cover 0 0)
    (fill-rectangle image cover 0 0 150 200 '(40 90 200))
    (let* ((result (generate image source "what is visible" "1536x1024" "1536" 2 1 1 ""))
           (layer (vector-ref (cadr result) 0)))
      (record-result name result)
      (fact name "layers-in-image" (layer-count image))
      (record-layer name "new" image layer)
      (record-pixel name "left-half" layer 75 100)
      (record-pixel name "right-half" layer 225 100))
    (gimp-image-delete image)))

(define (case-parasite-in-xcf name work-dir)
  (let* ((file (string-append work-dir "/parasite.xcf"))
         (image (make-image 64 64 RGB RGB-IMAGE '(255 255 255)))
         (result (generate image (background-of image) "kept in the file"
                           "1024x1024" "1024" 0 1 0 ""))
         (layer (vector-ref (cadr result) 0)))
    (fact name "before" (parasite-text layer))
    (gimp-xcf-save 0 image layer file file)
    (gimp-image-delete image)
    (let* ((reloaded (car (gimp-xcf-load 0 file file)))
           (top (vector-ref (cadr (gimp-image-get-layers reloaded)) 0)))
      (fact name "after" (parasite-text top))
      (fact name "after.name" (car (gimp-item-get-name top)))
      (gimp-image-delete reloaded))))

; RUN-WITH-LAST-VALS ignores its arguments and repeats the previous call
; (on a second image: GIMP would number a second layer of the same name).
(define (case-last-values name)
  (let* ((first (make-image 64 64 RGB RGB-IMAGE '(255 255 255)))
         (second (make-image 64 64 RGB RGB-IMAGE '(255 255 255)))
         (source (background-of second)))
    (generate first (background-of first) "say it again" "1024x1024" "1024" 0 1 0 "")
    (let* ((result (plug-in-genlayer RUN-WITH-LAST-VALS second source "ignored" "auto" "auto"
                                     0 "" 1 0 ""))
           (layer (vector-ref (cadr result) 0)))
      (record-result name result)
      (record-layer name "repeat" second layer))
    (gimp-image-delete first)
    (gimp-image-delete second)))

; plugin/gimp2/script-fu/genlayer-batch.scm, installed with the plug-in and loaded by GIMP.
(define (case-batch-helper name work-dir)
  (let ((input (string-append work-dir "/batch-in.png"))
        (xcf (string-append work-dir "/batch-out.xcf"))
        (png (string-append work-dir "/batch-out.png"))
        (image (make-image 240 160 RGB RGB-IMAGE '(200 40 40))))
    (file-png-save-defaults RUN-NONINTERACTIVE image (background-of image) input input)
    (gimp-image-delete image)
    (fact name "task-id" (genlayer-generate-file input 40 30 120 80 "from a batch" xcf png))
    (let* ((saved (car (gimp-xcf-load 0 xcf xcf)))
           (layer (vector-ref (cadr (gimp-image-get-layers saved)) 0)))
      (fact name "layers-in-xcf" (layer-count saved))
      (record-layer name "new" saved layer)
      (gimp-image-delete saved))
    (let ((flat (car (gimp-file-load RUN-NONINTERACTIVE png png))))
      (fact name "layers-in-png" (layer-count flat))
      (gimp-image-delete flat))))

;; ---- the same generation in two halves ----

; The offset source under an elliptic selection.
(define (make-two-colour-image)
  (let ((image (make-offset-source-image)))
    (gimp-image-select-ellipse image CHANNEL-OP-REPLACE 130 100 140 80)
    image))

; What a way of generating made of the image: its layer and a few pixels.
(define (record-two-colour-result name key image layer)
  (record-layer name key image layer)
  (fact name (string-append key ".layers-in-image") (layer-count image))
  (record-pixel name (string-append key ".left") layer 30 40)
  (record-pixel name (string-append key ".right") layer 110 40)
  (record-pixel name (string-append key ".mask-corner") (car (gimp-layer-get-mask layer)) 0 0)
  (record-pixel name (string-append key ".mask-centre") (car (gimp-layer-get-mask layer)) 70 40))

; plug-in-genlayer on one copy; submit, then collect, on the other.
(define (case-submit-collect name)
  (let* ((direct (make-two-colour-image))
         (split (make-two-colour-image))
         (generated (plug-in-genlayer RUN-NONINTERACTIVE direct
                                      (car (gimp-image-get-active-drawable direct))
                                      "split in two halves" "auto" "1536" 1 "" 1 1 ""))
         (submitted (plug-in-genlayer-submit RUN-NONINTERACTIVE split
                                             (car (gimp-image-get-active-drawable split))
                                             "split in two halves" "auto" "1536" 1 "" 1 1 ""))
         (collected (plug-in-genlayer-collect RUN-NONINTERACTIVE split (caddr submitted) 60)))
    (fact name "submit.num-layers" (car submitted))
    (fact name "submit.layers" (cadr submitted))
    (fact name "submit.task-id" (caddr submitted))
    (fact name "direct.num-layers" (car generated))
    (fact name "collect.num-layers" (car collected))
    (fact name "collect.task-id" (caddr collected))
    (record-two-colour-result name "direct" direct (vector-ref (cadr generated) 0))
    (record-two-colour-result name "collect" split (vector-ref (cadr collected) 0))
    (gimp-image-delete direct)
    (gimp-image-delete split)))

; A submitted job whose image was closed comes back in a new image of the
; generated size, holding the generated layer alone.
(define (case-recover-new-image name)
  (let* ((image (make-image 120 90 RGB RGB-IMAGE '(255 255 255)))
         (submitted (plug-in-genlayer-submit RUN-NONINTERACTIVE image (background-of image)
                                             "lost its image" "1024x1024" "1024" 0 "" 1 1 "")))
    (gimp-image-delete image)
    (let* ((recovered (plug-in-genlayer-recover RUN-NONINTERACTIVE -1 60))
           (layer (vector-ref (cadr recovered) 0))
           (home (car (gimp-item-get-image layer))))
      (fact name "task-id" (caddr submitted))
      (fact name "num-layers" (car recovered))
      (fact name "new-image" (if (= home image) 0 1))
      (fact name "image-size" (car (gimp-image-width home)) (car (gimp-image-height home)))
      (fact name "layers-in-image" (layer-count home))
      (record-layer name "new" home layer)
      (fact name "recovered-again" (car (plug-in-genlayer-recover RUN-NONINTERACTIVE -1 5)))
      (gimp-image-delete home))))

(define (genlayer-generation-cases facts-file work-dir)
  (run-cases facts-file
    (list (cons "text-only" (lambda () (case-text-only "text-only")))
          (cons "offset-reference" (lambda () (case-offset-reference "offset-reference")))
          (cons "selection-cover-mask"
                (lambda () (case-selection-cover-mask "selection-cover-mask")))
          (cons "variations" (lambda () (case-variations "variations")))
          (cons "grayscale" (lambda () (case-grayscale "grayscale")))
          (cons "indexed" (lambda () (case-indexed "indexed")))
          (cons "visible-reference" (lambda () (case-visible-reference "visible-reference")))
          (cons "parasite-in-xcf"
                (lambda () (case-parasite-in-xcf "parasite-in-xcf" work-dir)))
          (cons "batch-helper" (lambda () (case-batch-helper "batch-helper" work-dir)))
          (cons "submit-collect" (lambda () (case-submit-collect "submit-collect")))
          (cons "recover-new-image" (lambda () (case-recover-new-image "recover-new-image")))
          ; Last: it checks the values file the final call left.
          (cons "last-values" (lambda () (case-last-values "last-values"))))))
