// A probe for end-to-end tests in a real VS Code (code-server), off unless the environment
// variable VERBATIM_E2E_OUT names a file: it opens VERBATIM_E2E_FILE, waits for Verbatim's
// diagnostics, asks for the hover on the first `altered` one, puts the cursor there and shows
// the hover (for a screenshot), and writes what it saw to VERBATIM_E2E_OUT as JSON.
import * as fs from 'fs';
import * as vscode from 'vscode';

export async function runProbe(statusText: () => string): Promise<void> {
  const out = process.env.VERBATIM_E2E_OUT;
  const file = process.env.VERBATIM_E2E_FILE;
  if (!out || !file) return;
  const result: Record<string, unknown> = { file, started: new Date().toISOString() };
  try {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    const editor = await vscode.window.showTextDocument(doc);
    result.languageId = doc.languageId;
    const deadline = Date.now() + Number(process.env.VERBATIM_E2E_TIMEOUT_MS ?? 30000);
    let diags: vscode.Diagnostic[] = [];
    while (Date.now() < deadline) {
      diags = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'verbatim');
      if (diags.some((d) => codeOf(d) === 'altered')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    result.diagnostics = diags.map((d) => ({
      code: codeOf(d),
      message: d.message,
      severity: d.severity,
      range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
    }));
    const altered = diags.find((d) => codeOf(d) === 'altered');
    if (altered) {
      const pos = altered.range.start.translate(0, 10);
      const hovers = (await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, pos)) as vscode.Hover[];
      result.hover = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)));
      editor.selection = new vscode.Selection(pos, pos);
      editor.revealRange(altered.range, vscode.TextEditorRevealType.InCenter);
      await vscode.commands.executeCommand('editor.action.showHover');
    }
    await new Promise((r) => setTimeout(r, 1000));
    result.status = statusText();
  } catch (err) {
    result.error = String(err);
  }
  result.finished = new Date().toISOString();
  fs.writeFileSync(out, JSON.stringify(result, null, 2));
}

function codeOf(d: vscode.Diagnostic): string | undefined {
  if (d.code === undefined) return undefined;
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}
