import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { expandPath, findServer, needsRestart, reportMarkdown, serverSettings, statusText } from '../logic';

const exe = (...paths: string[]) => (p: string) => paths.includes(p);

test('findServer: the setting, when it is an executable file', () => {
  const r = findServer({ configuredPath: '/opt/v/verbatim', pathVar: '/usr/bin', isExecutable: exe('/opt/v/verbatim', '/usr/bin/verbatim') });
  assert.deepEqual(r, { ok: true, path: '/opt/v/verbatim', from: 'setting' });
});

test('findServer: a setting that points nowhere is an error naming the path (no silent PATH fallback)', () => {
  const r = findServer({ configuredPath: '/nope/verbatim', pathVar: '/usr/bin', isExecutable: exe('/usr/bin/verbatim') });
  assert.equal(r.ok, false);
  assert.match((r as { message: string }).message, /verbatim\.server\.path.*\/nope\/verbatim.*not an executable/);
});

test('findServer: ~ and ${workspaceFolder} are expanded; relative paths are against the workspace', () => {
  assert.equal(expandPath('~/bin/verbatim', undefined, '/home/z'), path.join('/home/z', 'bin/verbatim'));
  assert.equal(expandPath('${workspaceFolder}/bin/verbatim', '/ws', '/home/z'), '/ws/bin/verbatim');
  assert.equal(expandPath('target/release/verbatim', '/ws', '/home/z'), '/ws/target/release/verbatim');
  const r = findServer({ configuredPath: 'target/release/verbatim', workspaceFolder: '/ws', pathVar: '', isExecutable: exe('/ws/target/release/verbatim') });
  assert.deepEqual(r, { ok: true, path: '/ws/target/release/verbatim', from: 'setting' });
});

test('findServer: a bare name in the setting is looked up on PATH', () => {
  const r = findServer({ configuredPath: 'verbatim-dev', pathVar: '/a:/b', isExecutable: exe('/b/verbatim-dev') });
  assert.deepEqual(r, { ok: true, path: '/b/verbatim-dev', from: 'setting' });
});

test('findServer: empty setting -> `verbatim` on PATH, first match wins', () => {
  const r = findServer({ configuredPath: '', pathVar: '/a::/b:/c', platform: 'linux', isExecutable: exe('/b/verbatim', '/c/verbatim') });
  assert.deepEqual(r, { ok: true, path: '/b/verbatim', from: 'PATH' });
});

test('findServer: Windows looks for verbatim.exe on a ;-separated PATH', () => {
  const r = findServer({ pathVar: 'C:\\x;C:\\tools', platform: 'win32', pathExt: '.EXE;.CMD', isExecutable: exe('C:\\tools\\verbatim.EXE') });
  assert.deepEqual(r, { ok: true, path: 'C:\\tools\\verbatim.EXE', from: 'PATH' });
});

test('findServer: neither -> a message telling how to install or configure', () => {
  const r = findServer({ configuredPath: undefined, pathVar: '/usr/bin', isExecutable: () => false });
  assert.equal(r.ok, false);
  const m = (r as { message: string }).message;
  assert.match(m, /not found on PATH/);
  assert.match(m, /verbatim\.server\.path/);
  assert.match(m, /cargo install/);
});

test('findServer: the real file system check (executable bit)', () => {
  const dir = fs.mkdtempSync(path.join(require('os').tmpdir(), 'verbatim-test-'));
  const bin = path.join(dir, 'verbatim');
  fs.writeFileSync(bin, '#!/bin/sh\n');
  fs.chmodSync(bin, 0o644);
  assert.equal(findServer({ pathVar: dir }).ok, process.platform === 'win32');
  fs.chmodSync(bin, 0o755);
  assert.deepEqual(findServer({ pathVar: dir }), { ok: true, path: bin, from: 'PATH' });
  fs.rmSync(dir, { recursive: true });
});

test('serverSettings: drops the extension-only keys the server would refuse', () => {
  const s = serverSettings({ corpus: ['sources'], server: { path: '/x' }, trace: { server: 'off' }, minSpeechWords: 4 });
  assert.deepEqual(s, { corpus: ['sources'], minSpeechWords: 4 });
});

test('serverSettings: empty values count as unset (so verbatim.toml still applies)', () => {
  assert.deepEqual(serverSettings({ corpus: [], cacheDir: '', maxDraftBytes: null, inlayHints: false }), { inlayHints: false });
  assert.deepEqual(serverSettings({ corpus: ['', 'a'], cacheDir: '  ' }), { corpus: ['a'] });
  assert.deepEqual(serverSettings({ corpus: 'one/folder' }), { corpus: ['one/folder'] });
});

test('serverSettings: severities kept per verdict, unknown verdicts dropped', () => {
  const s = serverSettings({ severity: { altered: 'error', notFound: 'hint', bogus: 'error', verified: '' } });
  assert.deepEqual(s, { severity: { altered: 'error', notFound: 'hint' } });
  assert.deepEqual(serverSettings({ severity: {} }), {});
});

test('needsRestart only for the server path', () => {
  assert.equal(needsRestart((k) => k === 'verbatim.server.path'), true);
  assert.equal(needsRestart((k) => k === 'verbatim.corpus'), false);
});

test('statusText: state first, then the summary, then the count', () => {
  assert.match(statusText('missing').text, /error/);
  assert.match(statusText('starting').text, /sync~spin/);
  assert.equal(statusText('running', '14 quotes: 11 verified, 2 altered, 1 not found', 3).text,
    '$(quote) 14 quotes: 11 verified, 2 altered, 1 not found');
  assert.equal(statusText('running', undefined, 1).text, '$(quote) 1 finding');
  assert.equal(statusText('running', undefined, 0).text, '$(quote) 0 findings');
  assert.equal(statusText('running').text, '$(quote) Verbatim');
});

test('reportMarkdown: a table sorted by position, 1-based, pipes escaped', () => {
  const md = reportMarkdown('/w/draft.md', '3 quotes', [
    { line: 9, character: 2, code: 'not-found', severity: 'warning', message: 'Quotation not found' },
    { line: 2, character: 5, code: 'altered', severity: 'warning', message: 'a | b' },
  ]);
  const rows = md.split('\n').filter((l) => l.startsWith('| ') && /\d/.test(l));
  assert.equal(rows[0], '| 3 | 6 | altered | warning | a \\| b |');
  assert.equal(rows[1], '| 10 | 3 | not-found | warning | Quotation not found |');
  assert.match(md, /^# Verbatim: draft\.md\n\n3 quotes\n/);
  assert.match(reportMarkdown('d.txt', undefined, []), /No findings/);
});
