-- Verbatim for Neovim: checks the quotations of a Markdown or text draft against a corpus of
-- source articles, through the `verbatim lsp` language server.
--
--   require('verbatim').setup({ corpus = { 'sources' } })
--
-- Neovim 0.11+: registered with vim.lsp.config / vim.lsp.enable.
-- Neovim 0.8-0.10: started with vim.lsp.start from a FileType autocmd.
local M = {}

M.name = 'verbatim'

-- Options of setup() that are the plugin's own; everything else is a server setting.
local defaults = {
  cmd = nil, -- default: { 'verbatim', 'lsp' }
  filetypes = { 'markdown', 'text' },
  root_markers = { 'verbatim.toml', '.git' },
  on_attach = nil,
  capabilities = nil,
  commands = true, -- define :VerbatimReindex and :VerbatimReport
  legacy = false, -- use the 0.8-0.10 path (vim.lsp.start) even on 0.11+ (tests use it)
}

-- Server setting keys (see docs/language-server.md), as the server reads them.
M.setting_keys = { 'corpus', 'severity', 'minSpeechWords', 'cacheDir', 'maxDraftBytes', 'inlayHints' }

-- snake_case aliases accepted in setup() for convenience.
local aliases = {
  min_speech_words = 'minSpeechWords',
  cache_dir = 'cacheDir',
  max_draft_bytes = 'maxDraftBytes',
  inlay_hints = 'inlayHints',
}

M.config = nil

--- Splits setup() options into the plugin's options and the server's settings.
---@param opts table|nil
---@return table plugin, table settings
function M.split_options(opts)
  opts = opts or {}
  local plugin = vim.deepcopy(defaults)
  local settings = {}
  for k, v in pairs(opts) do
    if defaults[k] ~= nil or k == 'cmd' or k == 'on_attach' or k == 'capabilities' then
      plugin[k] = v
    elseif k == 'settings' and type(v) == 'table' then
      -- Accept settings = { verbatim = {...} } or settings = {...}.
      for sk, sv in pairs(v.verbatim or v) do
        settings[aliases[sk] or sk] = sv
      end
    else
      settings[aliases[k] or k] = v
    end
  end
  -- severity = 'warning' means every verdict at that level is not a server setting: the
  -- server wants a table of verdict -> level. Accept a table only.
  if settings.severity ~= nil and type(settings.severity) ~= 'table' then
    error("verbatim: severity must be a table, e.g. { notFound = 'error', verified = 'hint' }")
  end
  if type(settings.corpus) == 'string' then
    settings.corpus = { settings.corpus }
  end
  plugin.cmd = plugin.cmd or { 'verbatim', 'lsp' }
  if type(plugin.cmd) == 'string' then
    plugin.cmd = { plugin.cmd, 'lsp' }
  end
  return plugin, settings
end

--- The root folder of a buffer: the nearest folder holding a root marker, else the file's folder.
---@param bufnr integer
---@param markers string[]|nil
---@return string|nil
function M.root_dir(bufnr, markers)
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == '' then
    return (vim.uv or vim.loop).cwd()
  end
  local path = vim.fs.dirname(name)
  local found = vim.fs.find(markers or defaults.root_markers, { path = path, upward = true })[1]
  if found then
    return vim.fs.dirname(found)
  end
  return path
end

--- The LSP client configuration (the shape vim.lsp.config and vim.lsp.start take).
function M.client_config(plugin, settings)
  -- An empty Lua table is encoded as `[]`; the server wants an object (`{}`).
  if next(settings) == nil then
    settings = vim.empty_dict()
  end
  local cfg = {
    name = M.name,
    cmd = plugin.cmd,
    filetypes = plugin.filetypes,
    root_markers = plugin.root_markers,
    init_options = settings,
    settings = { verbatim = settings },
    on_attach = plugin.on_attach,
    capabilities = plugin.capabilities,
  }
  return cfg
end

local function has_lsp_config()
  return vim.fn.has('nvim-0.11') == 1 and vim.lsp.config ~= nil and vim.lsp.enable ~= nil
end

--- The running verbatim clients (of a buffer, or all).
function M.clients(bufnr)
  local filter = { name = M.name, bufnr = bufnr }
  if vim.lsp.get_clients then
    return vim.lsp.get_clients(filter)
  end
  return vim.lsp.get_active_clients(filter) -- 0.8-0.9
end

local function notify(msg, level)
  vim.notify('verbatim: ' .. msg, level or vim.log.levels.INFO)
end

--- Asks the server to re-open the corpus (workspace/executeCommand verbatim.reindex).
function M.reindex()
  local clients = M.clients()
  if #clients == 0 then
    notify('no verbatim server is running', vim.log.levels.WARN)
    return
  end
  for _, client in ipairs(clients) do
    local params = { command = 'verbatim.reindex', arguments = {} }
    local handler = function(err)
      if err then
        notify('reindex failed: ' .. (err.message or vim.inspect(err)), vim.log.levels.ERROR)
      else
        notify('corpus re-indexed')
      end
    end
    if vim.fn.has('nvim-0.11') == 1 then
      client:request('workspace/executeCommand', params, handler)
    else
      client.request('workspace/executeCommand', params, handler)
    end
  end
end

--- The verbatim diagnostics of a buffer as quickfix items.
function M.report_items(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local items = {}
  for _, client in ipairs(M.clients(bufnr)) do
    local ns = vim.lsp.diagnostic.get_namespace(client.id)
    for _, d in ipairs(vim.diagnostic.get(bufnr, { namespace = ns })) do
      table.insert(items, d)
    end
  end
  table.sort(items, function(a, b)
    if a.lnum ~= b.lnum then return a.lnum < b.lnum end
    return a.col < b.col
  end)
  return vim.diagnostic.toqflist(items)
end

--- Opens the location list of the buffer's verbatim findings.
function M.report(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  if #M.clients(bufnr) == 0 then
    notify('no verbatim server is attached to this buffer', vim.log.levels.WARN)
    return
  end
  local items = M.report_items(bufnr)
  vim.fn.setloclist(0, {}, ' ', { title = 'Verbatim: ' .. vim.fn.bufname(bufnr), items = items })
  if #items == 0 then
    notify('no findings in this draft')
  else
    vim.cmd('lopen')
  end
end

local function define_commands()
  vim.api.nvim_create_user_command('VerbatimReindex', function() M.reindex() end,
    { desc = 'Verbatim: re-open the corpus' })
  vim.api.nvim_create_user_command('VerbatimReport', function() M.report() end,
    { desc = "Verbatim: the draft's findings in the location list" })
end

--- Sets Verbatim up. Options: cmd, filetypes, root_markers, on_attach, capabilities, commands,
--- and the server settings (corpus, severity, minSpeechWords, cacheDir, maxDraftBytes,
--- inlayHints).
function M.setup(opts)
  if vim.fn.has('nvim-0.8') ~= 1 then
    vim.notify('verbatim: needs Neovim 0.8 or newer (this is ' .. tostring(vim.version()) .. ')', vim.log.levels.ERROR)
    return
  end
  local plugin, settings = M.split_options(opts)
  M.config = { plugin = plugin, settings = settings }
  local cfg = M.client_config(plugin, settings)
  if plugin.commands then
    define_commands()
  end
  if has_lsp_config() and not plugin.legacy then
    cfg.root_dir = function(bufnr, on_dir)
      on_dir(M.root_dir(bufnr, plugin.root_markers))
    end
    vim.lsp.config(M.name, cfg)
    vim.lsp.enable(M.name)
    return
  end
  -- Neovim 0.8-0.10
  local group = vim.api.nvim_create_augroup('verbatim', { clear = true })
  local function start(bufnr)
    if vim.bo[bufnr].buftype ~= '' then return end
    local c = vim.deepcopy(cfg)
    c.filetypes, c.root_markers = nil, nil
    c.on_attach = plugin.on_attach
    c.root_dir = M.root_dir(bufnr, plugin.root_markers)
    vim.lsp.start(c, { bufnr = bufnr })
  end
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = plugin.filetypes,
    callback = function(ev) start(ev.buf) end,
  })
  -- Buffers already open when setup() runs.
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and vim.tbl_contains(plugin.filetypes, vim.bo[bufnr].filetype) then
      start(bufnr)
    end
  end
end

return M
