;;; outreach-lint.el --- Eglot setup for the outreach-lint language server  -*- lexical-binding: t; -*-

;; Load this file from your init file, or copy the forms you want:
;;
;;   (load "/path/to/outreach-lint/editors/emacs/outreach-lint.el")
;;   (add-hook 'markdown-mode-hook #'eglot-ensure)   ; or text-mode-hook, see README.md
;;
;; Works with the Eglot built into Emacs 29+ and with Eglot from ELPA on Emacs 26.3+.

;;; Code:

(require 'eglot)

(defgroup outreach-lint nil
  "Flag generic phrasing in outreach drafts with outreach-lint."
  :group 'tools
  :prefix "outreach-lint-")

(defcustom outreach-lint-program "outreach-lint"
  "The outreach-lint program: a command on `exec-path' or a full path."
  :type 'string)

(defcustom outreach-lint-settings nil
  "Settings sent to the server as its `outreachLint' section, as a plist.
The keys are the VS Code setting names without the prefix, for example
  (:rules (:vague_flattery \"hint\") :limits (:linkedin-note 200))"
  :type '(plist))

(defcustom outreach-lint-modes '(markdown-mode gfm-mode markdown-ts-mode text-mode)
  "Major modes whose buffers Eglot connects to outreach-lint.
Eglot runs one server per buffer, so outreach-lint replaces any other
server (such as marksman) in these modes."
  :type '(repeat symbol))

(defun outreach-lint--contact (&optional _interactive)
  "The command line that starts the server."
  (list outreach-lint-program "lsp"))

(defun outreach-lint--mode-entries ()
  "Eglot mode specs, with the language id the server expects for each mode."
  (mapcar (lambda (mode)
            (list mode :language-id
                  (if (memq mode '(text-mode)) "plaintext" "markdown")))
          outreach-lint-modes))

;; Put the entry first so it wins over Eglot's built-in markdown entry.
(setq eglot-server-programs
      (cons (cons (outreach-lint--mode-entries) #'outreach-lint--contact)
            (seq-remove (lambda (entry) (eq (cdr-safe entry) #'outreach-lint--contact))
                        eglot-server-programs)))

(defun outreach-lint--workspace-configuration (&optional _server)
  "The `outreachLint' settings section for Eglot."
  (list :outreachLint (or outreach-lint-settings '())))

;; Answer workspace/configuration and send didChangeConfiguration with these settings,
;; unless the user or a .dir-locals.el set `eglot-workspace-configuration' already.
(unless (default-value 'eglot-workspace-configuration)
  (setq-default eglot-workspace-configuration #'outreach-lint--workspace-configuration))

(defun outreach-lint-fix-all ()
  "Apply every safe outreach-lint fix in the current buffer."
  (interactive)
  (eglot-code-actions (point-min) (point-max) "source.fixAll.outreach-lint" t))

(provide 'outreach-lint)
;;; outreach-lint.el ends here
