;;; e2e.el --- End-to-end check of editors/emacs/outreach-lint.el with real Eglot  -*- lexical-binding: t; -*-

;; Run by tests/editors/test_emacs.py as
;;   emacs --batch -l e2e.el
;; with OL_EMACS_DIR (editors/emacs), OL_BIN (the outreach-lint binary), OL_DRAFT,
;; OL_EXPECTED (the draft after the personal-line action, {line} standing for the line),
;; OL_FACT (the front-matter fact that line must mention) and OL_TIMEOUT (seconds).
;; Exits non-zero with a message on any timeout or mismatch.

(require 'cl-lib)
(require 'subr-x)

(defvar ol-timeout (string-to-number (or (getenv "OL_TIMEOUT") "15")))
(defvar ol-personal-line nil "The line the personal-line action inserted.")

(defun ol-fail (fmt &rest args)
  (princ (concat "FAIL: " (apply #'format fmt args) "\n") #'external-debugging-output)
  (dolist (buf (buffer-list))
    (when (string-match-p "EGLOT.*\\(events\\|stderr\\)" (buffer-name buf))
      (with-current-buffer buf
        (princ (format "--- %s (tail) ---\n%s\n" (buffer-name buf)
                       (buffer-substring-no-properties (max (point-min) (- (point-max) 3000)) (point-max)))
               #'external-debugging-output))))
  (kill-emacs 1))

(defun ol-log (fmt &rest args)
  (princ (concat (apply #'format fmt args) "\n")))

(defmacro ol-wait-for (what &rest body)
  "Run BODY until it returns non-nil, processing events; fail naming WHAT on timeout."
  `(let ((deadline (+ (float-time) ol-timeout)) (value nil))
     (while (and (not (setq value (progn ,@body))) (< (float-time) deadline))
       (accept-process-output nil 0.05))
     (or value (ol-fail "timed out after %ss waiting for %s" ol-timeout ,what))))

(condition-case err
    (progn
      (load (expand-file-name "outreach-lint.el" (getenv "OL_EMACS_DIR")) nil t)
      (require 'markdown-mode)
      (setq outreach-lint-program (getenv "OL_BIN"))
      (setq outreach-lint-settings '(:rules (:vague_flattery "hint")))
      (setq eglot-sync-connect ol-timeout
            eglot-connect-timeout ol-timeout)
      (ol-log "emacs %s, eglot %s" emacs-version
              (if (boundp 'eglot--version) eglot--version
                (let ((lib (locate-library "eglot"))) (and lib (file-name-directory lib)))))

      (find-file (getenv "OL_DRAFT"))
      (switch-to-buffer (current-buffer))
      (ol-log "major mode %s" major-mode)
      (unless (derived-mode-p 'markdown-mode) (ol-fail "the draft opened in %s" major-mode))

      ;; What eglot-ensure does on the next command, done now: the contact comes from the
      ;; eglot-server-programs entry that outreach-lint.el added.
      (let ((guess (eglot--guess-contact)))
        (unless (equal (nth 3 guess) (list outreach-lint-program "lsp"))
          (ol-fail "eglot would start %S, not outreach-lint" (nth 3 guess)))
        (unless (equal (nth 4 guess) "markdown")
          (ol-fail "language id %S, expected \"markdown\"" (nth 4 guess)))
        (apply #'eglot guess))
      (ol-wait-for "Eglot to connect" (eglot-current-server))
      (ol-log "connected: %s" (plist-get (eglot--server-info (eglot-current-server)) :name))

      ;; 1. Diagnostics through Flymake, positioned right after multibyte characters.
      (let* ((phrase "I hope this finds you well")
             (start (save-excursion (goto-char (point-min)) (search-forward phrase) (match-beginning 0)))
             (diag (ol-wait-for
                    "the hope-finds-you-well diagnostic"
                    (progn
                      (flymake-start)
                      (cl-find-if (lambda (d) (string-match-p "well-wishing" (flymake-diagnostic-text d)))
                                  (flymake-diagnostics))))))
        (unless (= (flymake-diagnostic-beg diag) start)
          (ol-fail "the diagnostic starts at %d, the phrase at %d" (flymake-diagnostic-beg diag) start))
        (unless (= (flymake-diagnostic-end diag) (+ start (length phrase)))
          (ol-fail "the diagnostic ends at %d, the phrase at %d" (flymake-diagnostic-end diag) (+ start (length phrase))))
        (ol-log "PASS diagnostics: %d, %S at %d" (length (flymake-diagnostics)) (flymake-diagnostic-text diag) start)

        ;; 2. Hover, through the function Eglot gives ElDoc.
        (goto-char (+ start 3))
        (let ((hover nil))
          (eglot-hover-eldoc-function (lambda (info &rest _) (when info (setq hover info))))
          (ol-wait-for "the hover" hover)
          (unless (string-match-p "well-wishing\\|hope-finds-you-well" hover)
            (ol-fail "the hover does not explain the finding: %s" hover))
          (ol-log "PASS hover: %s" (car (split-string hover "\n")))))

      ;; 3. The personal-line code action on the missing-context finding.
      (let* ((missing (ol-wait-for
                       "the missing-context diagnostic"
                       (cl-find-if (lambda (d) (string-match-p "ties it to this recipient" (flymake-diagnostic-text d)))
                                   (flymake-diagnostics))))
             (actions (eglot-code-actions (flymake-diagnostic-beg missing) (flymake-diagnostic-end missing)))
             (personal (cl-remove-if-not (lambda (a) (string-prefix-p "Insert a personal line:" (plist-get a :title))) actions))
             (action (or (cl-find-if (lambda (a) (eq (plist-get a :isPreferred) t)) personal) (car personal))))
        (unless action
          (ol-fail "no personal-line action among: %S" (mapcar (lambda (a) (plist-get a :title)) actions)))
        (eglot--read-execute-code-action (list action) (eglot-current-server) "quickfix")
        ;; The wording is the server's: it must carry the front-matter fact, and land after
        ;; the greeting as its own paragraph.
        (let* ((title (plist-get action :title))
               (line (and (string-match "\\`Insert a personal line: \u201c\\(.*\\)\u201d\\'" title)
                          (match-string 1 title)))
               (expected (with-temp-buffer
                           (insert-file-contents (getenv "OL_EXPECTED"))
                           (goto-char (point-min))
                           (search-forward "{line}")
                           (replace-match (or line "") t t)
                           (buffer-string))))
          (unless line (ol-fail "unexpected action title %S" title))
          (unless (string-match-p (regexp-quote (getenv "OL_FACT")) line)
            (ol-fail "the personal line %S does not use the front matter" line))
          (setq ol-personal-line line)
          (unless (equal (buffer-string) expected)
            (ol-fail "the buffer after the action is not as expected.\n--- expected ---\n%s--- got ---\n%s" expected (buffer-string))))
        (ol-log "PASS code action: %s" (plist-get action :title)))

      ;; 4. outreach-lint-fix-all: every safe fix at once.
      (outreach-lint-fix-all)
      (when (string-match-p "I hope this finds you well" (buffer-string))
        (ol-fail "outreach-lint-fix-all left the stock opener:\n%s" (buffer-string)))
      (unless (string-match-p (regexp-quote ol-personal-line) (buffer-string))
        (ol-fail "outreach-lint-fix-all removed the personal line:\n%s" (buffer-string)))
      (ol-log "PASS fix-all command")

      ;; 5. The settings reached the server: vague_flattery is a hint, so a big-fan line
      ;; shows up with Flymake's note type.
      (goto-char (point-max))
      (insert "I'm a big fan of your work.\n")
      ;; Eglot sends changes from an idle timer; send them now, as it would after a pause.
      (eglot--signal-textDocument/didChange)
      (let ((fan (ol-wait-for
                  "the big-fan diagnostic"
                  (progn
                    (flymake-start)
                    (cl-find-if (lambda (d) (string-match-p "Big fan" (flymake-diagnostic-text d)))
                                (flymake-diagnostics))))))
        (unless (eq (flymake-diagnostic-type fan) 'eglot-note)
          (ol-fail "big-fan has type %s; the settings did not reach the server" (flymake-diagnostic-type fan))))
      (ol-log "PASS settings")

      (set-buffer-modified-p nil)
      (eglot-shutdown (eglot-current-server))
      (ol-log "E2E COMPLETE")
      (kill-emacs 0))
  (error (ol-fail "%S" err)))
