-- Minimal headless Neovim LSP client harness (works on Neovim 0.7+, Debian bookworm ships 0.7.2).
--
-- Run (0.7 has no `-l`; `-l` there is Vim's lisp mode and just hangs):
--   LSP_CMD='node dist/server.js --stdio' LSP_FILE=examples/x.yaml LSP_OUT=/tmp/out.json \
--   LSP_COMPLETION_POS=3:4 LSP_HOVER_POS=1:2 \
--   nvim --headless -u NONE -i NONE -n -c 'luafile test/e2e/nvim/lspClient.lua'
--
-- Environment:
--   LSP_CMD             server command: whitespace-separated words, or a JSON array of strings
--   LSP_FILE            file to open (relative to cwd or absolute)
--   LSP_OUT             where to write the JSON report (default: stdout as last line)
--   LSP_ROOT            workspace root (default: cwd)
--   LSP_FILETYPE        languageId/filetype (default from extension: yaml, json, ...)
--   LSP_COMPLETION_POS  "line:character", 0-based LSP position (optional)
--   LSP_HOVER_POS       "line:character", 0-based LSP position (optional)
--   LSP_MIN_DIAGNOSTICS wait for a publishDiagnostics with at least this many items (default 0:
--                       the first publish for the file counts)
--   LSP_TIMEOUT_MS      bound for each wait (init, diagnostics, each request); default 20000
--   LSP_SETTINGS        JSON: client settings (workspace/configuration + didChangeConfiguration)
--   LSP_INIT_OPTIONS    JSON: initializationOptions
--   LSP_LOG_LEVEL       vim.lsp log level (default WARN); log path is in the report
--
-- Exit status: 0 when the server initialised, diagnostics arrived and every requested
-- request answered without error; 1 otherwise (the report says why, in "errors").

local uv = vim.loop
local started = uv.hrtime()

local function ms_since(t)
  return math.floor((uv.hrtime() - t) / 1e6)
end

local function log(msg)
  io.stderr:write(string.format('[lspClient %6d ms] %s\n', ms_since(started), msg))
end

local function env(name, default)
  local v = os.getenv(name)
  if v == nil or v == '' then
    return default
  end
  return v
end

local function parse_pos(s)
  if not s then
    return nil
  end
  local line, character = s:match('^(%d+):(%d+)$')
  assert(line, 'bad position "' .. s .. '", expected line:character (0-based)')
  return { line = tonumber(line), character = tonumber(character) }
end

local function parse_cmd(s)
  assert(s, 'LSP_CMD is required')
  if s:sub(1, 1) == '[' then
    return vim.fn.json_decode(s)
  end
  local words = {}
  for w in s:gmatch('%S+') do
    table.insert(words, w)
  end
  return words
end

local FILETYPES = { yaml = 'yaml', yml = 'yaml', json = 'json', jsonc = 'jsonc', ts = 'typescript', js = 'javascript' }

local report = {
  ok = false,
  errors = {},
  nvim = tostring(vim.version().major) .. '.' .. vim.version().minor .. '.' .. vim.version().patch,
  timings = {},
}
local out_file = env('LSP_OUT')

local function write_report()
  local text = vim.fn.json_encode(report)
  if out_file then
    local f = assert(io.open(out_file, 'w'))
    f:write(text)
    f:close()
  else
    io.stdout:write(text .. '\n')
  end
end

local client_id

local function finish(code)
  if client_id then
    local client = vim.lsp.get_client_by_id(client_id)
    if client then
      client.stop()
      -- bounded wait for the server process to exit (shutdown + exit), then force
      if not vim.wait(5000, function()
        return client.is_stopped()
      end, 20) then
        client.stop(true)
      end
    end
  end
  report.timings.totalMs = ms_since(started)
  local ok, err = pcall(write_report)
  if not ok then
    io.stderr:write('cannot write report: ' .. tostring(err) .. '\n')
    code = 2
  end
  if code == 0 then
    vim.cmd('qall!')
  else
    vim.cmd('cquit ' .. code)
  end
end

local function main()
  local timeout = tonumber(env('LSP_TIMEOUT_MS', '20000'))
  local cmd = parse_cmd(env('LSP_CMD'))
  local file = vim.fn.fnamemodify(assert(env('LSP_FILE'), 'LSP_FILE is required'), ':p')
  assert(vim.fn.filereadable(file) == 1, 'LSP_FILE not readable: ' .. file)
  local root = vim.fn.fnamemodify(env('LSP_ROOT', vim.fn.getcwd()), ':p'):gsub('/$', '')
  local ft = env('LSP_FILETYPE', FILETYPES[file:match('%.([%w]+)$') or ''] or 'text')
  local settings = vim.fn.json_decode(env('LSP_SETTINGS', '{}'))
  local init_options = env('LSP_INIT_OPTIONS') and vim.fn.json_decode(env('LSP_INIT_OPTIONS')) or nil
  local min_diags = tonumber(env('LSP_MIN_DIAGNOSTICS', '0'))
  vim.lsp.set_log_level(env('LSP_LOG_LEVEL', 'WARN'))
  report.cmd = cmd
  report.file = file
  report.filetype = ft
  report.lspLog = vim.lsp.get_log_path()

  local file_uri = vim.uri_from_fname(file)
  local publishes = {}
  local initialized = false
  local exited

  log('starting ' .. table.concat(cmd, ' '))
  local t = uv.hrtime()
  client_id = vim.lsp.start_client({
    name = 'e2e-lsp-client',
    cmd = cmd,
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = vim.fn.fnamemodify(root, ':t') } },
    settings = settings,
    init_options = init_options,
    handlers = {
      ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
        if result then
          table.insert(publishes, result)
        end
        return vim.lsp.handlers['textDocument/publishDiagnostics'](err, result, ctx, config)
      end,
      -- Servers may ask the client to show things; answer without UI.
      ['window/showMessageRequest'] = function()
        return vim.NIL
      end,
      ['window/workDoneProgress/create'] = function()
        return vim.NIL
      end,
    },
    on_init = function(client, initialize_result)
      initialized = true
      report.serverInfo = initialize_result and initialize_result.serverInfo or vim.NIL
      if next(settings) ~= nil then
        client.notify('workspace/didChangeConfiguration', { settings = settings })
      end
    end,
    on_exit = function(code, signal)
      exited = { code = code, signal = signal }
    end,
  })
  assert(client_id, 'vim.lsp.start_client failed for ' .. table.concat(cmd, ' '))

  local ok_init = vim.wait(timeout, function()
    return initialized or exited ~= nil
  end, 20)
  if not initialized then
    error(exited and ('server exited during initialize: ' .. vim.inspect(exited))
      or ('initialize timed out after ' .. timeout .. ' ms'))
  end
  assert(ok_init)
  report.timings.initializeMs = ms_since(t)
  local caps = vim.lsp.get_client_by_id(client_id).server_capabilities or {}
  report.capabilities = {
    completion = caps.completionProvider ~= nil,
    hover = caps.hoverProvider ~= nil and caps.hoverProvider ~= false,
  }
  log('initialized in ' .. report.timings.initializeMs .. ' ms')

  -- open the file and attach (didOpen is sent on attach)
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = ft
  t = uv.hrtime()
  assert(vim.lsp.buf_attach_client(bufnr, client_id), 'buf_attach_client failed')

  local function matching()
    for i = #publishes, 1, -1 do
      local p = publishes[i]
      if p.uri == file_uri and #p.diagnostics >= min_diags then
        return p
      end
    end
    return nil
  end
  vim.wait(timeout, function()
    return matching() ~= nil or exited ~= nil
  end, 20)
  local got = matching()
  report.publishCount = #publishes
  if got then
    report.timings.diagnosticsMs = ms_since(t)
    report.diagnostics = got.diagnostics
    log(#got.diagnostics .. ' diagnostics after ' .. report.timings.diagnosticsMs .. ' ms')
  else
    table.insert(report.errors, 'no publishDiagnostics for ' .. file_uri .. ' (min ' .. min_diags
      .. ') within ' .. timeout .. ' ms' .. (exited and (', server exited ' .. vim.inspect(exited)) or ''))
  end

  local function request(method, pos, key)
    local params = { textDocument = { uri = file_uri }, position = pos }
    local t0 = uv.hrtime()
    local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, timeout)
    report.timings[key .. 'Ms'] = ms_since(t0)
    local resp = responses and responses[client_id]
    if not resp then
      table.insert(report.errors, method .. ': no response (' .. tostring(err) .. ')')
      return nil
    end
    if resp.err then
      table.insert(report.errors, method .. ': ' .. vim.inspect(resp.err))
      return nil
    end
    return resp.result
  end

  local cpos = parse_pos(env('LSP_COMPLETION_POS'))
  if cpos then
    local result = request('textDocument/completion', cpos, 'completion')
    if result ~= nil then
      local items = (result ~= vim.NIL and (result.items or result)) or {}
      report.completion = {
        position = cpos,
        isIncomplete = type(result) == 'table' and result.isIncomplete or false,
        labels = vim.tbl_map(function(it)
          return it.label
        end, items),
        items = items,
      }
      log(#items .. ' completion items')
    end
  end

  local hpos = parse_pos(env('LSP_HOVER_POS'))
  if hpos then
    local result = request('textDocument/hover', hpos, 'hover')
    if result ~= nil then
      local text
      if result ~= vim.NIL and result.contents then
        local lines = vim.lsp.util.convert_input_to_markdown_lines(result.contents)
        text = table.concat(lines, '\n')
      end
      report.hover = { position = hpos, result = result, text = text }
      log('hover: ' .. tostring(text and #text or 'null') .. ' chars')
    end
  end

  report.ok = #report.errors == 0
end

local ok, err = xpcall(main, debug.traceback)
if not ok then
  table.insert(report.errors, tostring(err))
  log('error: ' .. tostring(err))
end
finish(report.ok and 0 or 1)
