-- Helpers for outreach-lint in Neovim (0.8+): apply every safe fix in a buffer, at once
-- (for a key or a BufWritePre autocmd). The language server itself is configured by
-- lsp/outreach_lint.lua (0.11+) or vim.lsp.start (0.8 to 0.10); see README.md.

local M = {}

--- The code action kind that fixes everything safe in a file.
M.FIX_ALL_KIND = 'source.fixAll.outreach-lint'

-- Neovim 0.11 made client methods take `self` (client:request_sync); older ones use a dot.
local function request_sync(client, method, params, timeout_ms, bufnr)
  if vim.fn.has('nvim-0.11') == 1 then
    return client:request_sync(method, params, timeout_ms, bufnr)
  end
  return client.request_sync(method, params, timeout_ms, bufnr)
end

local function clients(bufnr)
  local get = vim.lsp.get_clients or vim.lsp.get_active_clients
  return get({ bufnr = bufnr, name = 'outreach_lint' })
end

--- Applies the server's fix-all action to a buffer and waits for it, so it can run before a
--- write. Returns true when an edit was applied.
---@param opts? { bufnr?: integer, timeout_ms?: integer }
function M.fix_all(opts)
  opts = opts or {}
  local bufnr = opts.bufnr or vim.api.nvim_get_current_buf()
  if bufnr == 0 then
    bufnr = vim.api.nvim_get_current_buf()
  end
  local client = clients(bufnr)[1]
  if not client then
    return false
  end
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = { start = { line = 0, character = 0 }, ['end'] = { line = vim.api.nvim_buf_line_count(bufnr), character = 0 } },
    context = { only = { M.FIX_ALL_KIND }, diagnostics = {}, triggerKind = 2 },
  }
  local response = request_sync(client, 'textDocument/codeAction', params, opts.timeout_ms or 2000, bufnr)
  if not response or response.err or not response.result then
    return false
  end
  local applied = false
  for _, action in ipairs(response.result) do
    if action.kind == M.FIX_ALL_KIND then
      if not action.edit and (client.server_capabilities.codeActionProvider or {}).resolveProvider then
        local resolved = request_sync(client, 'codeAction/resolve', action, opts.timeout_ms or 2000, bufnr)
        action = resolved and resolved.result or action
      end
      if action.edit then
        vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
        applied = true
      end
    end
  end
  return applied
end

return M
