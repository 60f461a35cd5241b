// Verbatim for VS Code: starts the `verbatim lsp` language server for Markdown and plain-text
// drafts, passes it the `verbatim.*` settings, and shows the draft's summary in the status bar.
import * as vscode from 'vscode';
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
  TransportKind,
} from 'vscode-languageclient/node';
import { runProbe } from './e2e';
import { findServer, needsRestart, reportMarkdown, serverSettings, statusText, ServerState, DiagnosticLike } from './logic';

const SECTION = 'verbatim';
const SELECTOR = [
  { language: 'markdown' },
  { language: 'plaintext' },
];

let client: LanguageClient | undefined;
let status: vscode.StatusBarItem;
let state: ServerState = 'starting';
let output: vscode.OutputChannel;
let context: vscode.ExtensionContext;
let statusTimer: ReturnType<typeof setTimeout> | undefined;

function settingsSection(): Record<string, unknown> {
  const cfg = vscode.workspace.getConfiguration(SECTION);
  const section: Record<string, unknown> = {};
  for (const key of ['corpus', 'severity', 'minSpeechWords', 'cacheDir', 'maxDraftBytes', 'inlayHints', 'followLinksOutside']) {
    section[key] = cfg.get(key);
  }
  return serverSettings(section);
}

async function showReadme(): Promise<void> {
  const readme = vscode.Uri.joinPath(context.extensionUri, 'README.md');
  await vscode.commands.executeCommand('markdown.showPreview', readme);
}

async function startClient(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const found = findServer({
    configuredPath: vscode.workspace.getConfiguration(SECTION).get<string>('server.path'),
    workspaceFolder: folder,
  });
  if (!found.ok) {
    setState('missing');
    output.appendLine(found.message);
    const pick = await vscode.window.showErrorMessage(`Verbatim: ${found.message}`, 'Open README', 'Open Settings');
    if (pick === 'Open README') await showReadme();
    if (pick === 'Open Settings') await vscode.commands.executeCommand('workbench.action.openSettings', 'verbatim.server.path');
    return;
  }
  output.appendLine(`Starting ${found.path} lsp (found via ${found.from})`);
  const serverOptions: ServerOptions = {
    command: found.path,
    // With TransportKind.stdio the client appends `--stdio` itself (the server refuses it twice).
    args: ['lsp'],
    transport: TransportKind.stdio,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: SELECTOR,
    outputChannel: output,
    initializationOptions: settingsSection(),
    middleware: {
      workspace: {
        // The server pulls the `verbatim` section; answer with the mapped settings (without
        // the extension's own keys, which the server would refuse).
        configuration: async (params, token, next) => {
          const result = await next(params, token);
          if (!Array.isArray(result)) return result;
          return params.items.map((item, i) => (item.section === SECTION ? settingsSection() : result[i]));
        },
      },
    },
  };
  client = new LanguageClient('verbatim', 'Verbatim', serverOptions, clientOptions);
  client.onDidChangeState((e) => {
    if (e.newState === State.Running) setState('running');
    else if (e.newState === State.Stopped) setState('stopped');
    else setState('starting');
  });
  setState('starting');
  try {
    await client.start();
  } catch (err) {
    setState('stopped');
    vscode.window.showErrorMessage(`Verbatim: the language server did not start: ${String(err)}`, 'Open README').then(
      (pick) => (pick ? showReadme() : undefined),
    );
  }
}

async function stopClient(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) {
    try {
      await c.stop(5000);
    } catch {
      // already stopped
    }
  }
}

function isDraft(doc: vscode.TextDocument | undefined): doc is vscode.TextDocument {
  return !!doc && (doc.languageId === 'markdown' || doc.languageId === 'plaintext');
}

function verbatimDiagnostics(doc: vscode.TextDocument): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'verbatim');
}

/** The server's summary lens (`14 quotes: 11 verified, …`) for a draft, if it gives one. */
async function draftSummary(doc: vscode.TextDocument): Promise<string | undefined> {
  if (!client || state !== 'running') return undefined;
  try {
    const lenses = (await client.sendRequest('textDocument/codeLens', {
      textDocument: { uri: doc.uri.toString() },
    })) as { command?: { title: string } }[] | null;
    return lenses?.find((l) => l.command?.title)?.command?.title;
  } catch {
    return undefined;
  }
}

function setState(s: ServerState): void {
  state = s;
  scheduleStatus();
}

function scheduleStatus(): void {
  if (statusTimer) clearTimeout(statusTimer);
  statusTimer = setTimeout(() => void updateStatus(), 200);
}

async function updateStatus(): Promise<void> {
  const doc = vscode.window.activeTextEditor?.document;
  let summary: string | undefined;
  let findings: number | undefined;
  if (state === 'running' && isDraft(doc)) {
    summary = await draftSummary(doc);
    findings = verbatimDiagnostics(doc).length;
  }
  const { text, tooltip } = statusText(state, summary, findings);
  status.text = text;
  status.tooltip = tooltip;
  status.command = state === 'missing' ? 'verbatim.showReadme' : state === 'stopped' ? 'verbatim.restart' : 'verbatim.report';
  status.show();
}

const SEVERITY_NAMES = ['error', 'warning', 'information', 'hint'];

async function showReport(): Promise<void> {
  const doc = vscode.window.activeTextEditor?.document;
  if (!isDraft(doc)) {
    vscode.window.showInformationMessage('Verbatim: open a Markdown or plain-text draft first.');
    return;
  }
  const diags: DiagnosticLike[] = verbatimDiagnostics(doc).map((d) => ({
    line: d.range.start.line,
    character: d.range.start.character,
    code: typeof d.code === 'object' ? String(d.code.value) : d.code === undefined ? undefined : String(d.code),
    severity: SEVERITY_NAMES[d.severity] ?? String(d.severity),
    message: d.message,
  }));
  const report = reportMarkdown(doc.fileName, await draftSummary(doc), diags);
  const shown = await vscode.workspace.openTextDocument({ language: 'markdown', content: report });
  await vscode.window.showTextDocument(shown, { viewColumn: vscode.ViewColumn.Beside, preview: true });
}

export async function activate(ctx: vscode.ExtensionContext): Promise<void> {
  context = ctx;
  output = vscode.window.createOutputChannel('Verbatim');
  status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 100);
  status.name = 'Verbatim';
  ctx.subscriptions.push(
    output,
    status,
    // Not `verbatim.reindex`: the language client registers the server's own command under
    // that name (executeCommandProvider), and VS Code refuses a second registration.
    vscode.commands.registerCommand('verbatim.reindexCorpus', async () => {
      if (!client || state !== 'running') {
        vscode.window.showWarningMessage('Verbatim: the language server is not running.');
        return;
      }
      await client.sendRequest('workspace/executeCommand', { command: 'verbatim.reindex', arguments: [] });
      vscode.window.setStatusBarMessage('Verbatim: re-opening the corpus…', 3000);
    }),
    vscode.commands.registerCommand('verbatim.restart', async () => {
      await stopClient();
      await startClient();
    }),
    vscode.commands.registerCommand('verbatim.report', showReport),
    vscode.commands.registerCommand('verbatim.showReadme', showReadme),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (!e.affectsConfiguration(SECTION)) return;
      if (needsRestart((k) => e.affectsConfiguration(k))) {
        await stopClient();
        await startClient();
      } else if (client && state === 'running') {
        await client.sendNotification('workspace/didChangeConfiguration', { settings: { verbatim: settingsSection() } });
      }
    }),
    vscode.window.onDidChangeActiveTextEditor(() => scheduleStatus()),
    vscode.languages.onDidChangeDiagnostics(() => scheduleStatus()),
    { dispose: () => void stopClient() },
  );
  await startClient();
  scheduleStatus();
  if (process.env.VERBATIM_E2E_OUT) void runProbe(() => status.text);
}

export async function deactivate(): Promise<void> {
  await stopClient();
}
