// The manifest contributes every server setting of docs/language-server.md, with its default.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { VERDICTS } from '../logic';

const root = path.join(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const props: Record<string, { default: unknown; markdownDescription?: string; description?: string }> =
  pkg.contributes.configuration.properties;
const doc = path.join(root, '..', '..', 'docs', 'language-server.md');

test('every key of the settings table in docs/language-server.md is contributed', { skip: !fs.existsSync(doc) }, () => {
  const text = fs.readFileSync(doc, 'utf8');
  const table = text.split('## Settings')[1].split('## ')[0];
  const keys = [...table.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
  assert.ok(keys.length >= 6, `found the table keys: ${keys}`);
  for (const key of keys) {
    if (key === 'severity.<verdict>') {
      for (const v of VERDICTS) assert.ok(props[`verbatim.severity.${v}`], `verbatim.severity.${v}`);
    } else {
      assert.ok(props[`verbatim.${key}`], `verbatim.${key} is contributed`);
    }
  }
});

test('defaults match the server defaults', () => {
  const expected: Record<string, unknown> = {
    'verbatim.corpus': [],
    'verbatim.minSpeechWords': 4,
    'verbatim.cacheDir': '',
    'verbatim.maxDraftBytes': 2 * 1024 * 1024,
    'verbatim.inlayHints': true,
    'verbatim.followLinksOutside': false,
    'verbatim.server.path': '',
    'verbatim.severity.verified': 'off',
    'verbatim.severity.altered': 'warning',
    'verbatim.severity.notFound': 'warning',
    'verbatim.severity.conflicts': 'warning',
    'verbatim.severity.unattributed': 'information',
    'verbatim.severity.fragmentNotFound': 'hint',
    'verbatim.severity.meaningChanged': 'error',
    'verbatim.severity.paraphraseQuoted': 'warning',
    'verbatim.severity.unchecked': 'warning',
    'verbatim.severity.tidied': 'hint',
    'verbatim.speakers': {},
  };
  for (const [k, v] of Object.entries(expected)) assert.deepEqual(props[k]?.default, v, k);
  for (const [k, p] of Object.entries(props)) assert.ok(p.markdownDescription || p.description, `${k} has a description`);
});

test('commands and activation', () => {
  const cmds = pkg.contributes.commands.map((c: { command: string }) => c.command);
  assert.ok(!cmds.includes('verbatim.reindex'), 'verbatim.reindex would clash with the server command the client registers');
  for (const c of ['verbatim.reindexCorpus', 'verbatim.restart', 'verbatim.report']) assert.ok(cmds.includes(c), c);
  assert.deepEqual(pkg.activationEvents, ['onLanguage:markdown', 'onLanguage:plaintext', 'workspaceContains:verbatim.toml']);
  assert.equal(pkg.main, './out/extension.js');
});

test('`npm ci && npx @vscode/vsce package` compiles before packaging, with a vsce that runs on Node 20', () => {
  // vsce runs `vscode:prepublish` before packing; without it out/extension.js is missing.
  assert.equal(pkg.scripts['vscode:prepublish'], 'npm run compile');
  assert.equal(pkg.scripts.compile, 'tsc -p ./');
  // A local vsce (what npx runs after npm ci); 4.x needs Node 22.
  assert.match(pkg.devDependencies['@vscode/vsce'], /^3\./);
});
