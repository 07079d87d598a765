; Calls that must fail with a one-sentence PDB error. Loaded after
; test_support.scm; the driver calls one entry per GIMP start, so that the
; emulator's request log can be read in between.

; Records the PDB error of one call and that the image gained no layer.
(define (record-refusal name size reference)
  (let* ((image (make-image 64 64 RGB RGB-IMAGE '(255 255 255)))
         (outcome (capture-error
                    (lambda () (generate image (background-of image) "never sent"
                                         size "auto" reference 1 0 "")))))
    (fact name "outcome" (symbol->string (car outcome)))
    (if (eq? (car outcome) 'error) (fact name "message" (cadr outcome)))
    (fact name "layers-in-image" (layer-count image))
    (gimp-image-delete image)))

; Refused by the plug-in or the core before any request.
(define (genlayer-local-refusal-cases facts-file)
  (run-cases facts-file
    (list (cons "bad-size" (lambda () (record-refusal "bad-size" "999x999" 0)))
          (cons "bad-reference" (lambda () (record-refusal "bad-reference" "auto" 7))))))

; Refused by the gateway: the emulator accepts another key.
(define (genlayer-gateway-refusal-cases facts-file)
  (run-cases facts-file
    (list (cons "auth-401" (lambda () (record-refusal "auth-401" "auto" 0))))))
