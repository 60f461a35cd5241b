// activate() with the `vscode` module and the language client mocked: which server it starts,
// with which options and settings, and what a user sees when there is no server.
import { test, beforeEach } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
// eslint-disable-next-line @typescript-eslint/no-var-requires
const Module = require('module');

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

let config: Record<string, unknown> = {};
let errors: { message: string; items: string[] }[] = [];
let commands: Record<string, (...a: Any[]) => Any> = {};
let executed: Any[][] = [];
let clients: FakeClient[] = [];
let statusItem: Any;

class FakeClient {
  started = false;
  sent: Any[] = [];
  stateListeners: ((e: Any) => void)[] = [];
  constructor(public id: string, public name: string, public server: Any, public options: Any) {
    clients.push(this);
  }
  onDidChangeState(f: (e: Any) => void) { this.stateListeners.push(f); return { dispose() {} }; }
  async start() { this.started = true; for (const f of this.stateListeners) f({ newState: 2 }); }
  async stop() { this.started = false; for (const f of this.stateListeners) f({ newState: 1 }); }
  async sendRequest(method: string, params: Any) { this.sent.push([method, params]); return method === 'textDocument/codeLens' ? [{ command: { title: '5 quotes: 2 verified' } }] : null; }
  async sendNotification(method: string, params: Any) { this.sent.push([method, params]); }
}

const vscodeMock = {
  workspace: {
    workspaceFolders: [{ uri: { fsPath: '/ws' } }],
    getConfiguration: (section: string) => ({
      get: (key: string) => config[`${section}.${key}`],
    }),
    onDidChangeConfiguration: () => ({ dispose() {} }),
    openTextDocument: async (x: Any) => x,
  },
  window: {
    createOutputChannel: () => ({ appendLine() {}, dispose() {} }),
    createStatusBarItem: () => (statusItem = { show() {}, dispose() {} }),
    showErrorMessage: async (message: string, ...items: string[]) => { errors.push({ message, items }); return undefined; },
    showWarningMessage: async () => undefined,
    showInformationMessage: async () => undefined,
    setStatusBarMessage: () => ({ dispose() {} }),
    onDidChangeActiveTextEditor: () => ({ dispose() {} }),
    activeTextEditor: undefined,
  },
  languages: { onDidChangeDiagnostics: () => ({ dispose() {} }), getDiagnostics: () => [] },
  commands: {
    registerCommand: (name: string, f: Any) => { commands[name] = f; return { dispose() {} }; },
    executeCommand: async (...a: Any[]) => { executed.push(a); },
  },
  Uri: { joinPath: (base: Any, ...p: string[]) => ({ fsPath: path.join(base.fsPath, ...p) }) },
  StatusBarAlignment: { Left: 1, Right: 2 },
  ViewColumn: { Beside: -2 },
};
const clientMock = { LanguageClient: FakeClient, State: { Stopped: 1, Running: 2, Starting: 3 }, TransportKind: { stdio: 0 } };

const origLoad = Module._load;
Module._load = function (request: string, ...rest: Any[]) {
  if (request === 'vscode') return vscodeMock;
  if (request === 'vscode-languageclient/node') return clientMock;
  return origLoad.call(this, request, ...rest);
};
// eslint-disable-next-line @typescript-eslint/no-var-requires
const ext = require('../extension');
const ctx = () => ({ subscriptions: [] as Any[], extensionUri: { fsPath: '/ext' } });
const tick = () => new Promise((r) => setTimeout(r, 300));

beforeEach(async () => {
  await ext.deactivate();
  config = {};
  errors = [];
  commands = {};
  executed = [];
  clients = [];
});

test('no server: an error naming the setting, with buttons to the README and the setting', async () => {
  const saved = process.env.PATH;
  process.env.PATH = fs.mkdtempSync(path.join(os.tmpdir(), 'empty-'));
  try {
    await ext.activate(ctx());
  } finally {
    process.env.PATH = saved;
  }
  assert.equal(clients.length, 0);
  assert.equal(errors.length, 1);
  assert.match(errors[0].message, /verbatim\.server\.path/);
  assert.deepEqual(errors[0].items, ['Open README', 'Open Settings']);
  await tick();
  assert.match(statusItem.text, /error/);
  assert.equal(statusItem.command, 'verbatim.showReadme');
  await commands['verbatim.showReadme']();
  assert.deepEqual(executed.at(-1), ['markdown.showPreview', { fsPath: '/ext/README.md' }]);
});

test('server from the setting: `verbatim lsp` over stdio for markdown and plaintext, settings mapped', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verbatim-bin-'));
  const bin = path.join(dir, 'verbatim');
  fs.writeFileSync(bin, '#!/bin/sh\n', { mode: 0o755 });
  config = {
    'verbatim.server.path': bin,
    'verbatim.corpus': ['sources'],
    'verbatim.severity': { altered: 'error', verified: 'off' },
    'verbatim.minSpeechWords': 5,
    'verbatim.cacheDir': '',
    'verbatim.maxDraftBytes': 2097152,
    'verbatim.inlayHints': false,
  };
  await ext.activate(ctx());
  assert.equal(errors.length, 0, JSON.stringify(errors));
  assert.equal(clients.length, 1);
  const c = clients[0];
  assert.ok(c.started);
  // `verbatim lsp`; TransportKind.stdio makes the client add `--stdio` (once).
  assert.deepEqual(c.server, { command: bin, args: ['lsp'], transport: 0 });
  assert.deepEqual(c.options.documentSelector, [{ language: 'markdown' }, { language: 'plaintext' }]);
  const expected = {
    corpus: ['sources'],
    severity: { altered: 'error', verified: 'off' },
    minSpeechWords: 5,
    maxDraftBytes: 2097152,
    inlayHints: false,
  };
  assert.deepEqual(c.options.initializationOptions, expected);
  // workspace/configuration pulls of the `verbatim` section get the mapped settings.
  const answer = await c.options.middleware.workspace.configuration(
    { items: [{ section: 'verbatim' }, { section: 'editor' }] }, undefined,
    async () => [{ server: { path: bin }, corpus: ['sources'] }, { tabSize: 4 }]);
  assert.deepEqual(answer, [expected, { tabSize: 4 }]);
  for (const name of ['verbatim.reindexCorpus', 'verbatim.restart', 'verbatim.report']) assert.ok(commands[name], name);
  assert.ok(!commands['verbatim.reindex'], 'verbatim.reindex is left to the client (the server command)');
  await commands['verbatim.reindexCorpus']();
  assert.deepEqual(c.sent.at(-1), ['workspace/executeCommand', { command: 'verbatim.reindex', arguments: [] }]);
  await commands['verbatim.restart']();
  assert.equal(clients.length, 2);
  assert.ok(!c.started && clients[1].started, 'the old client stopped, a new one started');
  await tick();
  assert.equal(statusItem.text, '$(quote) Verbatim');
  fs.rmSync(dir, { recursive: true });
});
