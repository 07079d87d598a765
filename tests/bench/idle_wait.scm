; One generation whose task stays pending, loaded after tests/gimp2/test_support.scm
; by idle_cpu.py, which meanwhile reads the plug-in process's CPU time.

(define (bench-idle-wait facts-file)
  (run-cases facts-file
             (list (cons "idle"
                         (lambda ()
                           (let* ((image (make-image 64 64 RGB RGB-IMAGE '(128 128 128)))
                                  (result (generate image (background-of image) "a long wait"
                                                    "1024x1024" "1024" 0 1 0 "")))
                             (fact "idle" "genlayer-layers" (car result))
                             (gimp-image-delete image)))))))
