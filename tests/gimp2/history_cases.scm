; Putting a paid image back from the history. Loaded after test_support.scm.
; The first entry runs with the emulator up, the second with it stopped.

; A case that generates one layer at size, then deletes it: only the
; history still has it.
(define (generating-case name prompt size)
  (cons name
        (lambda ()
          (let* ((image (make-image 64 64 RGB RGB-IMAGE '(200 40 40)))
                 (result (generate image (background-of image) prompt size "auto" 0 1 0 "")))
            (record-result name result)
            (gimp-image-remove-layer image (aref (cadr result) 0))
            (fact name "layers-in-image" (layer-count image))))))

(define (genlayer-history-generate-cases facts-file prompt)
  (run-cases facts-file (list (generating-case "generate" prompt "auto"))))

; The same at size, then a newer one, for the dialog's search.
(define (genlayer-history-generate-two-cases facts-file prompt newer-prompt size)
  (run-cases facts-file (list (generating-case "generate" prompt size)
                              (generating-case "generate-newer" newer-prompt size))))

(define (history-insert image entry-id)
  (plug-in-genlayer-history-insert RUN-NONINTERACTIVE image (background-of image) entry-id))

; With no gateway: the whole image back (saved as PNG to compare), one into
; a selection (masked, at its corner), and an id the history does not hold.
(define (genlayer-history-insert-cases facts-file entry-id unknown-id png-file)
  (run-cases facts-file
    (list (cons "insert"
                (lambda ()
                  (let* ((image (make-image 64 64 RGB RGB-IMAGE '(200 40 40)))
                         (result (history-insert image entry-id))
                         (layer (aref (cadr result) 0)))
                    (record-result "insert" result)
                    (record-layer "insert" "new" image layer)
                    (file-png-save2 RUN-NONINTERACTIVE image layer png-file png-file
                                    0 9 0 0 0 0 0 0 0))))
          (cons "insert-selection"
                (lambda ()
                  (let ((image (make-image 64 64 RGB RGB-IMAGE '(200 40 40))))
                    (gimp-image-select-rectangle image CHANNEL-OP-REPLACE 8 16 32 24)
                    (let ((result (history-insert image (substring entry-id 0 6))))
                      (record-result "insert-selection" result)
                      (record-layer "insert-selection" "new" image (aref (cadr result) 0))))))
          (cons "unknown-entry"
                (lambda ()
                  (let* ((image (make-image 64 64 RGB RGB-IMAGE '(200 40 40)))
                         (outcome (capture-error (lambda () (history-insert image unknown-id)))))
                    (fact "unknown-entry" "outcome" (symbol->string (car outcome)))
                    (if (eq? (car outcome) 'error) (fact "unknown-entry" "message" (cadr outcome)))
                    (fact "unknown-entry" "layers-in-image" (layer-count image))))))))

; Generation History… in interactive mode, worked by the driver's xdotool.
(define (browse-history image)
  (plug-in-genlayer-history RUN-INTERACTIVE image (background-of image)))

; Insert into a selection; the layer saved as PNG to compare.
(define (genlayer-history-dialog-insert-cases facts-file png-file)
  (run-cases facts-file
    (list (cons "dialog-insert"
                (lambda ()
                  (let ((image (make-image 64 64 RGB RGB-IMAGE '(200 40 40))))
                    (gimp-image-select-rectangle image CHANNEL-OP-REPLACE 8 16 32 24)
                    (let* ((result (browse-history image))
                           (layer (aref (cadr result) 0)))
                      (fact "dialog-insert" "num-layers" (car result))
                      (record-layer "dialog-insert" "new" image layer)
                      (file-png-save2 RUN-NONINTERACTIVE image layer png-file png-file
                                      0 9 0 0 0 0 0 0 0))))))))

; Use these settings: Generate Layer… generates, its layer goes on top.
(define (genlayer-history-dialog-settings-cases facts-file)
  (run-cases facts-file
    (list (cons "use-settings"
                (lambda ()
                  (let ((image (make-image 64 64 RGB RGB-IMAGE '(200 40 40))))
                    (browse-history image)
                    (let ((top (background-of image)))
                      (fact "use-settings" "layers-in-image" (layer-count image))
                      (fact "use-settings" "top.name" (car (gimp-item-get-name top)))
                      (fact "use-settings" "top.size"
                            (car (gimp-drawable-width top)) (car (gimp-drawable-height top))))))))))
