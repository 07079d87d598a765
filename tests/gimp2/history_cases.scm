; Putting a paid image back from the history. Loaded after test_support.scm.
; The first entry runs with the emulator up, the second with it stopped.

; Generates one layer, then deletes it: only the history still has it.
(define (genlayer-history-generate-cases facts-file prompt)
  (run-cases facts-file
    (list (cons "generate"
                (lambda ()
                  (let* ((image (make-image 64 64 RGB RGB-IMAGE '(200 40 40)))
                         (result (generate image (background-of image) prompt
                                           "auto" "auto" 0 1 0 "")))
                    (record-result "generate" result)
                    (gimp-image-remove-layer image (aref (cadr result) 0))
                    (fact "generate" "layers-in-image" (layer-count image))))))))

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
