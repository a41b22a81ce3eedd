-- outreach-lint language server for Neovim 0.11+.
--
-- Put the folder that holds this `lsp/` directory on 'runtimepath' (or copy this file to
-- ~/.config/nvim/lsp/outreach_lint.lua), then:
--
--   vim.lsp.enable('outreach_lint')
--
-- Override any field with vim.lsp.config('outreach_lint', { ... }) before enabling, e.g. a
-- different `cmd` or `settings`. See editors/nvim/README.md.

---@type vim.lsp.Config
return {
  cmd = { 'outreach-lint', 'lsp' },
  -- Drafts are markdown or plain text (Neovim's filetype for .txt is `text`).
  filetypes = { 'markdown', 'text' },
  -- The project's config file marks the root; a git checkout will do. Without either the
  -- server still starts, for the single file.
  root_markers = { '.outreach-lint.toml', '.git' },
  -- Settings go in `settings.outreachLint` (same keys as the VS Code settings); Neovim
  -- sends them when the server starts and answers its workspace/configuration requests:
  --   vim.lsp.config('outreach_lint', { settings = { outreachLint = {
  --     rules = { vague_flattery = 'hint' }, limits = { ['linkedin-note'] = 200 } } } })
}
