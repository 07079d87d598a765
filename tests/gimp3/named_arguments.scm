; plug-in-genlayer from Script-Fu with named arguments, naming only the
; image, the drawables and the prompt: every other argument has its default.
; gimp3_plugin_test.py calls (genlayer-named-arguments-case FACTS-FILE).

(define (genlayer-named-arguments-case facts-file)
  (let* ((port (open-output-file facts-file))
         (fact (lambda (key value)
                 (display (string-append "named-arguments" (string #\tab) key (string #\tab)
                                         value (string #\newline))
                          port)))
         (image (car (gimp-image-new 64 48 RGB)))
         (layer (car (gimp-layer-new image "Background" 64 48 RGB-IMAGE 100 LAYER-MODE-NORMAL))))
    (gimp-image-insert-layer image layer 0 0)
    (gimp-drawable-fill layer FILL-WHITE)
    (let* ((result (plug-in-genlayer #:run-mode RUN-NONINTERACTIVE #:image image
                                     #:drawables (vector layer) #:prompt "named in Script-Fu"))
           (layers (car result))
           (top (vector-ref layers 0)))
      (fact "num-layers" (number->string (vector-length layers)))
      (fact "task-id" (cadr result))
      (fact "new.name" (car (gimp-item-get-name top)))
      (fact "new.position" (number->string (car (gimp-image-get-item-position image top))))
      (fact "layers-in-image" (number->string (vector-length (car (gimp-image-get-layers image)))))
      (fact "finished" "1"))
    (close-output-port port)))
