// The extension's own logic, free of the `vscode` module so that it can be unit-tested in
// plain Node: finding the server, mapping the settings, wording the status and the report.
import * as fs from 'fs';
import * as path from 'path';
import * as os from 'os';

export const SEVERITIES = ['off', 'hint', 'information', 'warning', 'error'] as const;
export const VERDICTS = ['verified', 'altered', 'notFound', 'conflicts', 'unattributed', 'fragmentNotFound', 'meaningChanged', 'paraphraseQuoted', 'unchecked', 'tidied'] as const;

/** The keys of the `verbatim` section that belong to the extension, not the server. */
export const CLIENT_ONLY_KEYS = ['server', 'trace'];

export type ServerLookup =
  | { ok: true; path: string; from: 'setting' | 'PATH' }
  | { ok: false; message: string };

export interface LookupEnv {
  configuredPath?: string | null;
  workspaceFolder?: string;
  pathVar?: string;
  platform?: NodeJS.Platform;
  pathExt?: string;
  home?: string;
  isExecutable?: (p: string) => boolean;
}

export function isExecutableFile(p: string): boolean {
  try {
    const st = fs.statSync(p);
    if (!st.isFile()) return false;
    if (process.platform === 'win32') return true;
    fs.accessSync(p, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Expands `~` and `${workspaceFolder}`, and makes a relative path absolute against the
 * workspace folder. */
export function expandPath(p: string, workspaceFolder: string | undefined, home: string): string {
  let out = p.trim();
  if (out === '~' || out.startsWith('~/') || out.startsWith('~\\')) out = path.join(home, out.slice(1));
  if (workspaceFolder) out = out.split('${workspaceFolder}').join(workspaceFolder);
  if (!path.isAbsolute(out) && workspaceFolder && (out.includes('/') || out.includes('\\'))) {
    out = path.join(workspaceFolder, out);
  }
  return out;
}

/** Finds the server: the `verbatim.server.path` setting, else `verbatim` on PATH. */
export function findServer(env: LookupEnv): ServerLookup {
  const platform = env.platform ?? process.platform;
  const isExe = env.isExecutable ?? isExecutableFile;
  const home = env.home ?? os.homedir();
  const configured = (env.configuredPath ?? '').trim();
  const exts = platform === 'win32' ? (env.pathExt ?? '.EXE;.CMD;.BAT').split(';').filter(Boolean) : [''];
  if (configured !== '') {
    const p = expandPath(configured, env.workspaceFolder, home);
    if (path.isAbsolute(p) || p.includes('/') || p.includes('\\')) {
      for (const ext of ['', ...exts]) if (isExe(p + ext)) return { ok: true, path: p + ext, from: 'setting' };
      return {
        ok: false,
        message: `The setting verbatim.server.path is "${configured}", but ${p} is not an executable file.`,
      };
    }
    // A bare name: look it up on PATH like a command.
    const found = searchPath(p, env.pathVar, platform, exts, isExe);
    if (found) return { ok: true, path: found, from: 'setting' };
    return { ok: false, message: `The setting verbatim.server.path is "${configured}", which is not on PATH.` };
  }
  const found = searchPath('verbatim', env.pathVar, platform, exts, isExe);
  if (found) return { ok: true, path: found, from: 'PATH' };
  return {
    ok: false,
    message:
      'The Verbatim language server (the `verbatim` program) was not found on PATH, and the setting verbatim.server.path is empty. ' +
      'Install it (`cargo install --path .` in the Verbatim repository) or set verbatim.server.path.',
  };
}

function searchPath(
  name: string,
  pathVar: string | undefined,
  platform: NodeJS.Platform,
  exts: string[],
  isExe: (p: string) => boolean,
): string | undefined {
  const sep = platform === 'win32' ? ';' : ':';
  const join = platform === 'win32' ? path.win32.join : path.posix.join;
  for (const dir of (pathVar ?? process.env.PATH ?? '').split(sep)) {
    if (!dir) continue;
    for (const ext of exts) {
      const candidate = join(dir, name + ext);
      if (isExe(candidate)) return candidate;
    }
  }
  return undefined;
}

/** The `verbatim` section as the server reads it: the extension's own keys removed, empty
 * values (an empty string, null, an empty list) left out so that they count as unset, and the
 * severities kept to the six verdicts the server knows. */
export function serverSettings(section: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(section)) {
    if (CLIENT_ONLY_KEYS.includes(key) || isEmpty(value) || typeof value === 'function') continue;
    if (key === 'severity' && typeof value === 'object') {
      const sev: Record<string, string> = {};
      for (const [verdict, level] of Object.entries(value as Record<string, unknown>)) {
        if ((VERDICTS as readonly string[]).includes(verdict) && typeof level === 'string' && level !== '') {
          sev[verdict] = level;
        }
      }
      if (Object.keys(sev).length > 0) out.severity = sev;
      continue;
    }
    if (key === 'corpus') {
      const list = (Array.isArray(value) ? value : [value]).filter((v) => typeof v === 'string' && v.trim() !== '');
      if (list.length > 0) out.corpus = list;
      continue;
    }
    out[key] = value;
  }
  return out;
}

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
}

/** Whether a configuration change needs the server restarted (a new program) rather than
 * the settings pushed to the running one. */
export function needsRestart(changedKeys: (key: string) => boolean): boolean {
  return changedKeys('verbatim.server.path');
}

export interface DiagnosticLike {
  line: number; // 0-based
  character: number; // 0-based
  code?: string;
  severity: string; // 'error' | 'warning' | 'information' | 'hint'
  message: string;
}

export type ServerState = 'starting' | 'running' | 'stopped' | 'missing';

/** The status bar text: the server state, then the active draft's summary (the server's
 * code lens `14 quotes: 11 verified, …`) or its count of findings. */
export function statusText(state: ServerState, summary?: string, findings?: number): { text: string; tooltip: string } {
  switch (state) {
    case 'missing':
      return { text: '$(error) Verbatim', tooltip: 'Verbatim: the language server was not found. Click for help.' };
    case 'stopped':
      return { text: '$(debug-stop) Verbatim', tooltip: 'Verbatim: the language server stopped. Click to restart.' };
    case 'starting':
      return { text: '$(sync~spin) Verbatim', tooltip: 'Verbatim: starting the language server' };
  }
  if (summary) {
    return { text: `$(quote) ${summary}`, tooltip: `Verbatim: ${summary}. Click for the quote report.` };
  }
  if (findings !== undefined) {
    const t = findings === 1 ? '1 finding' : `${findings} findings`;
    return { text: `$(quote) ${t}`, tooltip: `Verbatim: ${t} in this draft. Click for the quote report.` };
  }
  return { text: '$(quote) Verbatim', tooltip: 'Verbatim is running. Open a Markdown or text draft.' };
}

/** The quote report of a draft, as Markdown. */
export function reportMarkdown(file: string, summary: string | undefined, diags: DiagnosticLike[]): string {
  const lines = [`# Verbatim: ${path.basename(file)}`, ''];
  if (summary) lines.push(summary, '');
  if (diags.length === 0) {
    lines.push('No findings: every quotation is verified or not worth telling.');
    return lines.join('\n') + '\n';
  }
  lines.push('| line | col | verdict | level | finding |', '|---:|---:|---|---|---|');
  const sorted = [...diags].sort((a, b) => a.line - b.line || a.character - b.character);
  for (const d of sorted) {
    const msg = d.message.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
    lines.push(`| ${d.line + 1} | ${d.character + 1} | ${d.code ?? ''} | ${d.severity} | ${msg} |`);
  }
  return lines.join('\n') + '\n';
}
