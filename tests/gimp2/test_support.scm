; Helpers for the headless GIMP tests. A case records facts as lines
; "case<TAB>key<TAB>value ..." in a file; the driver (gimp_plugin_test.py)
; asserts on them, so every failure names its case.

(define facts-port #f)

(define (fact->string value)
  (cond ((string? value) value)
        ((number? value) (number->string value))
        ((vector? value) (values->string (vector->list value)))
        ((list? value) (values->string value))
        (else "?")))

(define (values->string items)
  (if (null? items)
      ""
      (string-append (fact->string (car items))
                     (if (null? (cdr items)) "" " ")
                     (values->string (cdr items)))))

(define (fact case-name key . items)
  (display (string-append case-name "\t" key "\t" (values->string items) "\n") facts-port))

; Runs thunk; returns (ok result) or (error message), restoring the error hook.
(define (capture-error thunk)
  (call/cc
    (lambda (return)
      (let ((saved *error-hook*))
        (set! *error-hook*
              (lambda (message . objects)
                (set! *error-hook* saved)
                (return (list 'error message))))
        (let ((result (thunk)))
          (set! *error-hook* saved)
          (list 'ok result))))))

; Runs every (name . thunk) case, records an unexpected error as a fact and
; goes on with the next case.
(define (run-cases facts-file cases)
  (set! facts-port (open-output-file facts-file))
  (for-each
    (lambda (named-case)
      (let ((outcome (capture-error (cdr named-case))))
        (if (eq? (car outcome) 'error)
            (fact (car named-case) "error" (cadr outcome)))
        (fact (car named-case) "finished" 1)))
    cases)
  (close-output-port facts-port))

; ---- building test images ----

; A new image with one layer "Background" of the image's size, filled with colour.
(define (make-image width height base-type layer-type colour)
  (let* ((image (car (gimp-image-new width height base-type)))
         (layer (car (gimp-layer-new image width height layer-type "Background"
                                     100 LAYER-MODE-NORMAL))))
    (gimp-image-insert-layer image layer 0 0)
    (fill-rectangle image layer 0 0 width height colour)
    image))

(define (background-of image)
  (vector-ref (cadr (gimp-image-get-layers image)) 0))

; Fills a rectangle given in image coordinates, leaving no selection.
(define (fill-rectangle image drawable x y width height colour)
  (gimp-image-select-rectangle image CHANNEL-OP-REPLACE x y width height)
  (gimp-context-set-foreground colour)
  (gimp-drawable-edit-fill drawable FILL-FOREGROUND)
  (gimp-selection-none image))

; Four flat quadrants over the rectangle, top-left, top-right, bottom-left, bottom-right.
(define (fill-quadrants image drawable x y width height colours)
  (let ((half-width (quotient width 2))
        (half-height (quotient height 2)))
    (fill-rectangle image drawable x y half-width half-height (list-ref colours 0))
    (fill-rectangle image drawable (+ x half-width) y (- width half-width) half-height
                    (list-ref colours 1))
    (fill-rectangle image drawable x (+ y half-height) half-width (- height half-height)
                    (list-ref colours 2))
    (fill-rectangle image drawable (+ x half-width) (+ y half-height)
                    (- width half-width) (- height half-height) (list-ref colours 3))))

; ---- calling the plug-in and recording what it made ----

; plug-in-genlayer without extra references; returns (num-layers layers task-id).
(define (generate image drawable prompt size resolution reference n placement options)
  (plug-in-genlayer RUN-NONINTERACTIVE image drawable prompt size resolution
                    reference "" n placement options))

(define (layer-count image)
  (car (gimp-image-get-layers image)))

(define (parasite-text item)
  (let ((parasite (capture-error (lambda () (gimp-item-get-parasite item "genlayer-info")))))
    (if (eq? (car parasite) 'ok)
        (caddr (car (cadr parasite)))
        "none")))

(define (record-pixel case-name key drawable x y)
  (fact case-name key (cadr (gimp-drawable-get-pixel drawable x y))))

(define (record-result case-name result)
  (fact case-name "num-layers" (car result))
  (fact case-name "task-id" (caddr result)))

(define (record-layer case-name key image layer)
  (let ((offsets (gimp-drawable-offsets layer)))
    (fact case-name (string-append key ".name") (car (gimp-item-get-name layer)))
    (fact case-name (string-append key ".offsets") (car offsets) (cadr offsets))
    (fact case-name (string-append key ".size")
          (car (gimp-drawable-width layer)) (car (gimp-drawable-height layer)))
    (fact case-name (string-append key ".position")
          (car (gimp-image-get-item-position image layer)))
    (fact case-name (string-append key ".type") (car (gimp-drawable-type layer)))
    (fact case-name (string-append key ".mask") (car (gimp-layer-get-mask layer)))
    (fact case-name (string-append key ".parasite") (parasite-text layer))))

; Compares `layer`'s mask, on a grid of `step` pixels, with the mask GIMP's
; own "add mask from selection" gives a layer of the same size and place:
; (points-that-differ points-of-partial-coverage).
(define (mask-vs-gimp-selection-mask image layer step)
  (let* ((offsets (gimp-drawable-offsets layer))
         (width (car (gimp-drawable-width layer)))
         (height (car (gimp-drawable-height layer)))
         (reference (car (gimp-layer-new image width height RGBA-IMAGE "reference" 100
                                         LAYER-MODE-NORMAL)))
         (mask (car (gimp-layer-get-mask layer))))
    (gimp-image-insert-layer image reference 0 0)
    (gimp-layer-set-offsets reference (car offsets) (cadr offsets))
    (gimp-layer-add-mask reference (car (gimp-layer-create-mask reference ADD-MASK-SELECTION)))
    (let ((expected (car (gimp-layer-get-mask reference))))
      (let loop ((x 0) (y 0) (mismatches 0) (partial 0))
        (cond ((>= y height)
               (gimp-image-remove-layer image reference)
               (list mismatches partial))
              ((>= x width) (loop 0 (+ y step) mismatches partial))
              (else
               (let ((actual-value (vector-ref (cadr (gimp-drawable-get-pixel mask x y)) 0))
                     (expected-value (vector-ref (cadr (gimp-drawable-get-pixel expected x y)) 0)))
                 (loop (+ x step) y
                       (if (= actual-value expected-value) mismatches (+ mismatches 1))
                       (if (and (> expected-value 0) (< expected-value 255)) (+ partial 1) partial)))))))))
