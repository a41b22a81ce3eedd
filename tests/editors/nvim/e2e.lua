-- End-to-end check of outreach-lint in a real headless Neovim. Run by test_nvim.py as
--   nvim --headless --clean -l e2e.lua
-- with these environment variables:
--   OL_NVIM_RTP     editors/nvim (put on 'runtimepath')
--   OL_MODE         "enable": lsp/outreach_lint.lua + vim.lsp.enable (0.11+)
--                   "legacy": the README's vim.lsp.start FileType autocmd (OL_SNIPPET)
--   OL_DRAFT        the draft to open
--   OL_EXPECTED     (enable) the draft's text after the personal-line code action, with
--                   {line} where the inserted line goes
--   OL_FACT         (enable) the front-matter fact the personal line must mention
--   OL_TIMEOUT_MS   how long to wait for each step
-- `outreach-lint` must be on PATH. Any failure exits non-zero with a message on stderr.

local TIMEOUT = tonumber(vim.env.OL_TIMEOUT_MS or '') or 15000

local function log(msg)
  io.stdout:write(msg .. '\n')
  io.stdout:flush()
end

local function fail(msg)
  io.stderr:write('FAIL: ' .. msg .. '\n')
  local lsp_log = vim.lsp.get_log_path and vim.lsp.get_log_path()
  if lsp_log and vim.fn.filereadable(lsp_log) == 1 then
    local lines = vim.fn.readfile(lsp_log)
    io.stderr:write('--- tail of ' .. lsp_log .. ' ---\n')
    for i = math.max(1, #lines - 30), #lines do
      io.stderr:write(lines[i] .. '\n')
    end
  end
  io.stderr:flush()
  os.exit(1)
end

local function check(cond, msg)
  if not cond then
    fail(msg)
  end
end

--- Waits for fn() to return a truthy value, or fails naming `what`.
local function wait_for(what, fn)
  local value
  local ok = vim.wait(TIMEOUT, function()
    local good, result = pcall(fn)
    if good and result then
      value = result
      return true
    end
    return false
  end, 50)
  if not ok then
    fail(('timed out after %d ms waiting for %s'):format(TIMEOUT, what))
  end
  return value
end

local function read_file(path)
  local f = assert(io.open(path, 'rb'))
  local text = f:read('*a')
  f:close()
  return text
end

local function buffer_text(bufnr)
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  local text = table.concat(lines, '\n')
  if vim.bo[bufnr].eol then
    text = text .. '\n'
  end
  return text
end

local function by_code(bufnr, code)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.code == code then
      table.insert(out, d)
    end
  end
  return out
end

--- 0-based line and byte column of the first occurrence of `needle` in the buffer.
local function find(bufnr, needle)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local col = line:find(needle, 1, true)
    if col then
      return i - 1, col - 1
    end
  end
  fail(('"%s" is not in the buffer'):format(needle))
end

local function floating_windows()
  local wins = {}
  for _, win in ipairs(vim.api.nvim_list_wins()) do
    if vim.api.nvim_win_get_config(win).relative ~= '' then
      table.insert(wins, win)
    end
  end
  return wins
end

-- Headless, a selection menu would wait on standard input: make one a failure instead.
vim.ui.select = function(items, _, _)
  local titles = {}
  for _, item in ipairs(items) do
    table.insert(titles, type(item) == 'table' and (item.action and item.action.title or item.title) or tostring(item))
  end
  fail('a menu opened where one action was expected: ' .. table.concat(titles, ' | '))
end

vim.opt.runtimepath:prepend(assert(vim.env.OL_NVIM_RTP, 'OL_NVIM_RTP is not set'))
vim.opt.swapfile = false
vim.lsp.set_log_level('warn')
check(vim.fn.executable('outreach-lint') == 1, 'outreach-lint is not on PATH')
log('nvim ' .. tostring(vim.version()))

local mode = vim.env.OL_MODE or 'enable'
if mode == 'enable' then
  check(vim.fn.has('nvim-0.11') == 1, 'this mode needs Neovim 0.11+')
  vim.lsp.enable('outreach_lint')
  check(vim.lsp.is_enabled == nil or vim.lsp.is_enabled('outreach_lint'), 'vim.lsp.enable did not find lsp/outreach_lint.lua on the runtimepath')
elseif mode == 'legacy' then
  dofile(assert(vim.env.OL_SNIPPET, 'OL_SNIPPET is not set'))
else
  fail('unknown OL_MODE ' .. mode)
end

vim.cmd.edit(vim.fn.fnameescape((assert(vim.env.OL_DRAFT, 'OL_DRAFT is not set'))))
local buf = vim.api.nvim_get_current_buf()
log('filetype ' .. vim.bo[buf].filetype)

local client = wait_for('outreach_lint to attach', function()
  return vim.lsp.get_clients({ bufnr = buf, name = 'outreach_lint' })[1]
end)
wait_for('the server to initialize', function()
  return client.initialized
end)
log(('attached: %s, position encoding %s'):format(client.name, client.offset_encoding))
-- Neovim offers utf-8, utf-16 and utf-32; the server prefers utf-8.
check(client.offset_encoding == 'utf-8', 'expected the utf-8 position encoding, got ' .. tostring(client.offset_encoding))

if mode == 'legacy' then
  -- The README's snippet sets vague_flattery to hint, and the draft has one.
  local fan = wait_for('a big-fan finding', function()
    return by_code(buf, 'big-fan')[1]
  end)
  check(fan.source == 'outreach-lint', 'diagnostic source is ' .. tostring(fan.source))
  check(fan.severity == vim.diagnostic.severity.HINT, 'the settings from the snippet did not reach the server: big-fan has severity ' .. tostring(fan.severity))
  local lnum, col = find(buf, 'big fan of your work')
  check(fan.lnum == lnum and fan.col >= col - 10 and fan.col <= col, ('big-fan is at %d:%d, the phrase at %d:%d'):format(fan.lnum, fan.col, lnum, col))
  local invite = wait_for('a linkedin-default-invite finding', function()
    return by_code(buf, 'linkedin-default-invite')[1]
  end)
  check(invite.severity == vim.diagnostic.severity.WARN, 'linkedin-default-invite should stay a warning')
  log('PASS legacy vim.lsp.start snippet: attached, settings applied, diagnostics in a text buffer')
  log('E2E COMPLETE')
vim.cmd('qall!')
  return
end

-- 1. Diagnostics, with byte columns right after multibyte characters.
local opener = wait_for('the hope-finds-you-well finding', function()
  return by_code(buf, 'hope-finds-you-well')[1]
end)
local missing = wait_for('the missing-context finding', function()
  return by_code(buf, 'missing-context')[1]
end)
check(opener.source == 'outreach-lint', 'diagnostic source is ' .. tostring(opener.source))
local lnum, col = find(buf, 'I hope this finds you well')
check(opener.lnum == lnum and opener.col == col, ('hope-finds-you-well is at %d:%d, the phrase at %d:%d'):format(opener.lnum, opener.col, lnum, col))
check(opener.end_col == col + #'I hope this finds you well', 'hope-finds-you-well ends at byte ' .. tostring(opener.end_col))
log(('PASS diagnostics: %d findings, hope-finds-you-well at %d:%d'):format(#vim.diagnostic.get(buf), lnum + 1, col + 1))

-- 2. Hover, through the same function `K` calls, read from the floating window.
vim.api.nvim_win_set_cursor(0, { lnum + 1, col + 3 })
vim.lsp.buf.hover()
local hover_win = wait_for('the hover window', function()
  return floating_windows()[1]
end)
local hover_text = table.concat(vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(hover_win), 0, -1, false), '\n')
check(hover_text:find('well-wishing', 1, true) or hover_text:find('hope-finds-you-well', 1, true), 'the hover does not explain the finding:\n' .. hover_text)
vim.api.nvim_win_close(hover_win, true)
log('PASS hover: ' .. vim.split(hover_text, '\n')[1])

-- 3. The personal-line code action, chosen and applied through vim.lsp.buf.code_action.
vim.api.nvim_win_set_cursor(0, { missing.lnum + 1, missing.col })
local before = buffer_text(buf)
local offered, chosen = {}, nil
vim.lsp.buf.code_action({
  -- The first preferred personal line, so exactly one action is left and `apply` runs it
  -- without a menu. (When two findings on the line offer the same fix, Neovim lists it
  -- twice; the first is enough.)
  filter = function(action)
    table.insert(offered, action.title)
    local pick = chosen == nil and vim.startswith(action.title, 'Insert a personal line:') and action.isPreferred == true
    if pick then
      chosen = action.title
    end
    return pick
  end,
  apply = true,
})
wait_for('the code action to change the buffer (offered: ' .. table.concat(offered, ' | ') .. ')', function()
  return buffer_text(buf) ~= before
end)
-- The wording is the server's; the line must carry the front-matter fact and land after
-- the greeting, as its own paragraph.
local line = chosen:match('^Insert a personal line: \u{201c}(.*)\u{201d}$')
check(line ~= nil, 'unexpected action title: ' .. tostring(chosen))
check(line:find(vim.env.OL_FACT, 1, true), ('the personal line "%s" does not use the front matter (%s)'):format(line, vim.env.OL_FACT))
local template = read_file(assert(vim.env.OL_EXPECTED, 'OL_EXPECTED is not set'))
local expected = template:gsub('{line}', function()
  return line
end)
local got = buffer_text(buf)
if got ~= expected then
  fail('the buffer after the personal-line action is not as expected.\n--- expected ---\n' .. expected .. '--- got ---\n' .. got)
end
wait_for('missing-context to clear after the edit', function()
  return #by_code(buf, 'missing-context') == 0 and #by_code(buf, 'hope-finds-you-well') > 0
end)
log('PASS code action: inserted the personal line after the greeting')

-- 4. The fix-all helper from lua/outreach_lint (for a key or BufWritePre).
local applied = require('outreach_lint').fix_all({ bufnr = buf, timeout_ms = TIMEOUT })
check(applied, 'fix_all applied nothing')
local fixed = buffer_text(buf)
check(not fixed:find('I hope this finds you well', 1, true), 'fix_all left the stock opener:\n' .. fixed)
check(fixed:find(line, 1, true), 'fix_all removed the personal line:\n' .. fixed)
wait_for('hope-finds-you-well to clear after fix-all', function()
  return #by_code(buf, 'hope-finds-you-well') == 0
end)
log('PASS fix-all helper')

log('E2E COMPLETE')
vim.cmd('qall!')
