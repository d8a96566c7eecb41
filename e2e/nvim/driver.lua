-- Drives a real headless Neovim (0.7+) as an LSP client of mirage-lsp.
--
--   nvim --headless --clean -u driver.lua
--   env: MIRAGE_NVIM_SETUP  Lua file to run first (the README's setup snippet)
--        MIRAGE_NVIM_STEPS  JSON list of steps, run in order
--
-- Each step prints one line `RESULT <json>` on stdout; the node test (e2e/nvim.test.ts)
-- makes the assertions. The first failure prints `FAIL <message>` and exits 1.
local function out(kind, value)
  io.stdout:write(kind .. ' ' .. vim.fn.json_encode(value) .. '\n')
  io.stdout:flush()
end

local function fail(message)
  out('FAIL', tostring(message))
  os.exit(1)
end

local published = {} -- uri -> number of publishDiagnostics received
local published_version = {} -- uri -> document version of the last publication
local console = {} -- dir -> text received through mirage/console
local exited = {} -- dir -> mirage/runExited params

local default_publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  published[result.uri] = (published[result.uri] or 0) + 1
  published_version[result.uri] = result.version
  return default_publish(err, result, ctx, config)
end
vim.lsp.handlers['mirage/console'] = function(_, result)
  console[result.dir] = (console[result.dir] or '') .. result.text
end
vim.lsp.handlers['mirage/runExited'] = function(_, result)
  exited[result.dir] = result
end

local function client_of(bufnr)
  local found
  vim.wait(10000, function()
    for _, c in pairs(vim.lsp.buf_get_clients(bufnr)) do
      if c.name == 'mirage' and c.initialized then
        found = c
        return true
      end
    end
    return false
  end, 20)
  if not found then
    fail('no initialized mirage client on buffer ' .. bufnr)
  end
  return found
end

local function request(client, bufnr, method, params, timeout)
  local resp, err = client.request_sync(method, params, timeout or 10000, bufnr)
  if not resp then
    fail(method .. ': ' .. tostring(err))
  end
  return resp
end

local function diagnostics(bufnr)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(list, {
      line = d.lnum,
      col = d.col,
      end_col = d.end_col,
      severity = d.severity,
      source = d.source,
      code = lsp.code,
      message = d.message,
    })
  end
  return list
end

local steps = {}
function steps.open(step)
  vim.cmd('edit ' .. vim.fn.fnameescape(step.file))
  local bufnr = vim.api.nvim_get_current_buf()
  local client = client_of(bufnr)
  local uri = vim.uri_from_bufnr(bufnr)
  if not vim.wait(15000, function()
    return (published[uri] or 0) > 0
  end, 20) then
    fail('no diagnostics published for ' .. uri)
  end
  return {
    filetype = vim.bo[bufnr].filetype,
    root_dir = client.config.root_dir,
    commands = (client.server_capabilities.executeCommandProvider or {}).commands or {},
    capabilities = vim.tbl_keys(client.server_capabilities),
    diagnostics = diagnostics(bufnr),
  }
end

function steps.completion(step)
  local bufnr = vim.api.nvim_get_current_buf()
  local client = client_of(bufnr)
  vim.api.nvim_win_set_cursor(0, { step.line + 1, step.character })
  local params = vim.lsp.util.make_position_params()
  local resp = request(client, bufnr, 'textDocument/completion', params)
  if resp.err then
    fail('completion: ' .. vim.inspect(resp.err))
  end
  local items = resp.result and (resp.result.items or resp.result) or {}
  local list = {}
  for _, it in ipairs(items) do
    table.insert(list, { label = it.label, detail = it.detail })
  end
  return { items = list }
end

function steps.codeAction(step)
  local bufnr = vim.api.nvim_get_current_buf()
  local client = client_of(bufnr)
  local line
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.user_data and d.user_data.lsp and d.user_data.lsp.code == step.code then
      line = d.lnum
    end
  end
  if not line then
    fail('no diagnostic with code ' .. step.code)
  end
  -- What vim.lsp.buf.code_action() sends in 0.7: the line's diagnostics converted back to
  -- LSP by Neovim itself, and the cursor position as the range.
  vim.api.nvim_win_set_cursor(0, { line + 1, 0 })
  local params = vim.lsp.util.make_range_params()
  params.context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr, line) }
  local resp = request(client, bufnr, 'textDocument/codeAction', params)
  if resp.err then
    fail('codeAction: ' .. vim.inspect(resp.err))
  end
  local titles, chosen = {}, nil
  for _, a in ipairs(resp.result or {}) do
    table.insert(titles, a.title)
    if a.title == step.apply then
      chosen = a
    end
  end
  local result = { titles = titles }
  if step.apply then
    if not chosen then
      fail('no code action titled ' .. step.apply .. '; got: ' .. vim.fn.json_encode(titles))
    end
    if not chosen.edit and chosen.data then
      chosen = request(client, bufnr, 'codeAction/resolve', chosen).result
    end
    local uri = vim.uri_from_bufnr(bufnr)
    vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding)
    -- The edit reaches the server as didChange; wait for the diagnostics of that version
    -- (an earlier publication may still be on its way).
    if not vim.wait(10000, function()
      return published_version[uri] == vim.lsp.util.buf_versions[bufnr]
    end, 20) then
      fail('no diagnostics for version ' .. tostring(vim.lsp.util.buf_versions[bufnr]))
    end
    result.text = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
    result.diagnostics = diagnostics(bufnr)
  end
  return result
end

function steps.command(step)
  local bufnr = vim.api.nvim_get_current_buf()
  local client = client_of(bufnr)
  local resp = request(client, bufnr, 'workspace/executeCommand', {
    command = step.command,
    arguments = step.arguments,
  }, step.timeout)
  return { result = resp.result, error = resp.err }
end

function steps.waitConsole(step)
  local ok = vim.wait(step.timeout or 20000, function()
    return exited[step.dir] ~= nil and (console[step.dir] or ''):find(step.text, 1, true) ~= nil
  end, 20)
  return { ok = ok, console = console[step.dir] or '', exited = exited[step.dir] or vim.NIL }
end

local function main()
  local ok, err = pcall(function()
    local setup = os.getenv('MIRAGE_NVIM_SETUP')
    if setup and setup ~= '' then
      dofile(setup)
    end
    for _, step in ipairs(vim.fn.json_decode(os.getenv('MIRAGE_NVIM_STEPS') or '[]')) do
      local run = steps[step.step]
      if not run then
        fail('unknown step ' .. tostring(step.step))
      end
      out('RESULT', { step = step.step, value = run(step) })
    end
  end)
  if not ok then
    fail(err)
  end
  for _, c in pairs(vim.lsp.get_active_clients()) do
    c.stop()
  end
  os.exit(0)
end

-- Start once Neovim is fully up, as for a user: filetype detection is only switched on
-- after the init file has run. `nested`: the :edit inside must fire FileType.
vim.api.nvim_create_autocmd('VimEnter', { once = true, nested = true, callback = main })
