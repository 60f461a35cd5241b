-- End-to-end test of the Neovim plugin (editors/nvim) with a real Neovim (0.11+) and the real
-- `verbatim lsp` server, on the repository's example draft and corpus.
--
--   XDG_STATE_HOME=$TMP/state XDG_CACHE_HOME=$TMP/cache \
--     nvim --headless --clean -l tests/editors/nvim_e2e.lua REPO BIN TMP
--
-- REPO: the repository (for editors/nvim and examples/); BIN: the verbatim binary; TMP: an
-- empty scratch folder. Exits 0 when every check passes, 1 otherwise, naming each failure.
local repo, bin, tmp = _G.arg[1], _G.arg[2], _G.arg[3]
local TIMEOUT = tonumber(os.getenv('VERBATIM_E2E_TIMEOUT_MS') or '') or 20000

local failures, checks = {}, 0
local function say(s) io.stdout:write(s .. '\n') io.stdout:flush() end
local function check(ok, what, detail)
  checks = checks + 1
  if ok then
    say('ok   ' .. what)
  else
    say('FAIL ' .. what .. (detail and ('\n       ' .. detail) or ''))
    table.insert(failures, what)
  end
  return ok
end
local function finish()
  for _, c in ipairs(vim.lsp.get_clients({ name = 'verbatim' })) do c:stop() end
  vim.wait(3000, function() return #vim.lsp.get_clients({ name = 'verbatim' }) == 0 end, 20)
  if #failures > 0 then
    say(string.format('\nnvim e2e: %d of %d checks FAILED: %s', #failures, checks, table.concat(failures, '; ')))
    local log = (os.getenv('XDG_STATE_HOME') or '') .. '/nvim/lsp.log'
    if vim.fn.filereadable(log) == 1 then
      say('--- tail of ' .. log)
      local lines = vim.fn.readfile(log)
      for i = math.max(1, #lines - 30), #lines do say(lines[i]) end
    end
    os.exit(1)
  end
  say(string.format('\nnvim e2e: all %d checks passed', checks))
  os.exit(0)
end
local function must(ok, what, detail)
  if not check(ok, what, detail) then finish() end
end

if not (repo and bin and tmp) then
  say('usage: nvim --headless --clean -l nvim_e2e.lua REPO BIN TMP')
  os.exit(2)
end
must(vim.fn.has('nvim-0.11') == 1, 'Neovim is 0.11 or newer', vim.inspect(vim.version()))
must(vim.fn.executable(bin) == 1, 'the server binary is executable: ' .. bin)

-- The workspace: TMP/ws with verbatim.toml (the root marker), corpus/, and drafts/draft.md, so
-- the relative corpus path only resolves if the plugin found the root above the draft's folder.
local ws = tmp .. '/ws'
vim.fn.mkdir(ws .. '/corpus', 'p')
vim.fn.mkdir(ws .. '/drafts', 'p')
local function copy(from, to)
  local data = vim.fn.readfile(from, 'b')
  must(vim.fn.writefile(data, to, 'b') == 0, 'copy ' .. from)
end
copy(repo .. '/examples/draft.md', ws .. '/drafts/draft.md')
for _, f in ipairs(vim.fn.readdir(repo .. '/examples/corpus')) do
  copy(repo .. '/examples/corpus/' .. f, ws .. '/corpus/' .. f)
end
-- VERBATIM_E2E_TOML=1: the corpus in verbatim.toml (a string, not a list) and setup() given no
-- server settings, a documented setup: the empty settings must read as no settings.
local toml = os.getenv('VERBATIM_E2E_TOML') == '1'
if toml then
  vim.fn.writefile({ 'corpus = "corpus"', 'cache_dir = "' .. tmp .. '/index-cache"' }, ws .. '/verbatim.toml')
else
  vim.fn.writefile({ '# Verbatim settings (the editor passes the corpus)' }, ws .. '/verbatim.toml')
end

vim.opt.runtimepath:prepend(repo .. '/editors/nvim')
vim.cmd('filetype on')
local notes = {}
vim.notify = function(msg) table.insert(notes, msg) end

-- VERBATIM_E2E_LEGACY=1: the Neovim 0.8-0.10 path (FileType autocmd + vim.lsp.start).
local legacy = os.getenv('VERBATIM_E2E_LEGACY') == '1'
say('mode: ' .. (legacy and 'legacy (vim.lsp.start from a FileType autocmd)' or 'vim.lsp.config + vim.lsp.enable')
  .. (toml and ', corpus in verbatim.toml' or ', corpus in setup()'))
local opts = { legacy = legacy, cmd = { bin, 'lsp' } }
if not toml then
  opts.corpus = { 'corpus' }
  opts.cacheDir = tmp .. '/index-cache'
end
require('verbatim').setup(opts)
must(vim.fn.exists(':VerbatimReindex') == 2 and vim.fn.exists(':VerbatimReport') == 2,
  'setup() defines :VerbatimReindex and :VerbatimReport')

local draft = ws .. '/drafts/draft.md'
vim.cmd('edit ' .. vim.fn.fnameescape(draft))
local buf = vim.api.nvim_get_current_buf()
must(vim.bo[buf].filetype == 'markdown', 'the draft is a markdown buffer', vim.bo[buf].filetype)

local client
must(vim.wait(TIMEOUT, function()
  client = vim.lsp.get_clients({ name = 'verbatim', bufnr = buf })[1]
  return client ~= nil and client.initialized
end, 20), 'the verbatim server attaches to the draft')
check(client.root_dir == ws, 'the root is the folder holding verbatim.toml', tostring(client.root_dir))

-- Diagnostics: one per finding of `verbatim check` on the example.
local expected_codes = { 'altered', 'unattributed', 'conflicts', 'not-found', 'fragment-not-found', 'tidied' }
local function diags() return vim.diagnostic.get(buf) end
local function by_code(code)
  for _, d in ipairs(diags()) do if d.code == code then return d end end
end
local got_all = vim.wait(TIMEOUT, function()
  for _, c in ipairs(expected_codes) do if not by_code(c) then return false end end
  return true
end, 20)
local summary = {}
for _, d in ipairs(diags()) do
  table.insert(summary, string.format('%d:%d-%d:%d %s %s', d.lnum, d.col, d.end_lnum, d.end_col, tostring(d.code), d.message))
end
must(got_all, 'diagnostics with codes ' .. table.concat(expected_codes, ', ') .. ' arrive within ' .. TIMEOUT .. ' ms',
  'got: ' .. table.concat(summary, ' | '))
say('     ' .. table.concat(summary, '\n     '))
local complaints = vim.tbl_filter(function(n) return tostring(n):find('settings', 1, true) ~= nil end, notes)
check(#complaints == 0, 'no message about the settings', table.concat(complaints, ' | '))

-- Where a quotation is, from the file's text: the 0-based line holding `needle`, and the byte
-- columns of the opening mark before it and just past the closing mark after it.
local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
local function quote_at(needle, open, close)
  for i, l in ipairs(lines) do
    local s = l:find(needle, 1, true)
    if s then
      local o = s - #open
      must(l:sub(o, s - 1) == open, 'opening mark before ' .. needle)
      local c = l:find(close, s, true)
      return i - 1, o - 1, c - 1 + #close
    end
  end
  must(false, 'the draft holds ' .. needle)
end

local S = vim.diagnostic.severity
local function check_diag(code, needle, open, close, severity, message_has)
  local d = by_code(code)
  local lnum, col, end_col = quote_at(needle, open, close)
  check(d.lnum == lnum and d.col == col and d.end_lnum == lnum and d.end_col == end_col,
    string.format('%s: range %d:%d-%d:%d (the quotation with its marks)', code, lnum, col, lnum, end_col),
    string.format('got %d:%d-%d:%d', d.lnum, d.col, d.end_lnum, d.end_col))
  check(d.severity == severity, code .. ': severity ' .. S[severity], 'got ' .. tostring(S[d.severity]))
  check(d.message:find(message_has, 1, true) ~= nil, code .. ': message has ' .. message_has, d.message)
  return d
end
local altered = check_diag('altered', 'Not providing Ukraine', '"', 'exploited,"', S.WARN, '"historic" → "strategic"')
check_diag('conflicts', 'They are not thinking', '“', 'force,”', S.WARN, 'Sergey Lavrov')
check_diag('unattributed', 'We will not accept any alternatives', '“', 'NATO.”', S.INFO, 'Andrii Sybiha')
check_diag('not-found', 'Europe has to be ready', '“', 'Americans,”', S.WARN, 'not found')
check(by_code('fragment-not-found').severity == S.HINT, 'fragment-not-found: severity HINT')
check(#diags() == #expected_codes, 'exactly ' .. #expected_codes .. ' diagnostics (verified quotes are off)',
  'got ' .. #diags())
-- The quotation from the interview transcript: verified, the interviewee's fillers left out.
local tidied = by_code('tidied')
check(tidied and tidied.severity == vim.diagnostic.severity.HINT
  and tidied.message:find('Taras Melnyk', 1, true) ~= nil,
  'tidied: a hint that names the transcript\'s speaker', tidied and tidied.message or 'none')
local related = altered.user_data and altered.user_data.lsp and altered.user_data.lsp.relatedInformation
check(related and related[1] and related[1].location.uri:find('001_7023c601a84f21c2.txt', 1, true) ~= nil,
  'altered: related information points at the source file', vim.inspect(related))

-- Hover on the altered quotation names its source (title from the corpus file's first line).
local source_path = ws .. '/corpus/001_7023c601a84f21c2.txt'
local source_title = vim.fn.readfile(source_path, '', 1)[1]
local uri = vim.uri_from_bufnr(buf)
local pos = { line = altered.lnum, character = altered.col + 10 } -- ASCII line: bytes = UTF-16
local res = vim.lsp.buf_request_sync(buf, 'textDocument/hover', { textDocument = { uri = uri }, position = pos }, TIMEOUT)
local hover = ''
for _, r in pairs(res or {}) do
  if r.result and r.result.contents then hover = hover .. (r.result.contents.value or vim.inspect(r.result.contents)) end
end
check(hover:find(source_title, 1, true) ~= nil, 'hover names the source title "' .. source_title .. '"', hover:sub(1, 400))
check(hover:find('001_7023c601a84f21c2.txt', 1, true) ~= nil, 'hover names the source path', hover:sub(1, 400))
check(hover:find('~~historic~~', 1, true) ~= nil and hover:find('**strategic**', 1, true) ~= nil,
  'hover shows the change ~~historic~~ **strategic**', hover:sub(1, 400))

-- :VerbatimReport: the location list holds the buffer's findings.
vim.cmd('VerbatimReport')
local ll = vim.fn.getloclist(0)
check(#ll == #expected_codes, ':VerbatimReport lists every finding in the location list', 'got ' .. #ll)
check(ll[1] and ll[1].lnum == altered.lnum + 1 and ll[1].text:find('strategic', 1, true) ~= nil,
  ':VerbatimReport: first item is the altered quote at line ' .. (altered.lnum + 1), vim.inspect(ll[1]))
vim.cmd('lclose')
vim.api.nvim_set_current_buf(buf)

-- The code action "Use the source's wording" replaces historic with strategic.
local ctx = { diagnostics = { altered.user_data.lsp } }
local ca = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', {
  textDocument = { uri = uri },
  range = { start = pos, ['end'] = pos },
  context = ctx,
}, TIMEOUT)
local action, titles = nil, {}
for _, r in pairs(ca or {}) do
  for _, a in ipairs(r.result or {}) do
    table.insert(titles, a.title)
    if a.title == "Use the source's wording" then action = a end
  end
end
must(action and action.edit, "a code action \"Use the source's wording\" with an edit", table.concat(titles, ' | '))
check(action.kind == 'quickfix', 'the action is a quickfix', tostring(action.kind))
vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
local line = vim.api.nvim_buf_get_lines(buf, altered.lnum, altered.lnum + 1, false)[1]
check(line:find('was a strategic mistake that Moscow exploited,"', 1, true) ~= nil and not line:find('historic', 1, true),
  'after the action the line holds the source wording, marks and comma kept', line)
check(vim.wait(TIMEOUT, function() return by_code('altered') == nil end, 20),
  'the altered diagnostic goes away once the wording matches')
check(#diags() == #expected_codes - 1, 'the other diagnostics stay', 'got ' .. #diags())

-- :VerbatimReindex: workspace/executeCommand verbatim.reindex succeeds.
notes = {}
vim.cmd('VerbatimReindex')
check(vim.wait(TIMEOUT, function() return #notes > 0 end, 20) and notes[1]:find('re-indexed', 1, true) ~= nil,
  ':VerbatimReindex runs verbatim.reindex', vim.inspect(notes))
check(vim.wait(TIMEOUT, function() return #diags() == #expected_codes - 1 end, 20),
  'diagnostics are back after the reindex', 'got ' .. #diags())

finish()
