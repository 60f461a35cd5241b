// End-to-end test of the VS Code extension in a real VS Code (code-server), driven by headless
// Chromium through playwright-core. Not run by CI (code-server needs Node 24 and a 3-5 minute
// native build); see tests/editors/vscode_e2e.sh, which prepares everything and calls this.
//
//   node vscode_e2e.js URL OUT_JSON SCREENSHOT [CHROMIUM]
//
// Opens URL (code-server serving the workspace), waits for the extension's probe
// (VERBATIM_E2E_OUT, see editors/vscode/src/e2e.ts) to write OUT_JSON, takes a screenshot,
// and checks what the probe saw: the altered quotation's diagnostic and a hover naming the
// source. Exits 1 on any failure.
const fs = require('fs');
const { chromium } = require('playwright-core');

const [url, outJson, shot, exe = '/usr/bin/chromium'] = process.argv.slice(2);
const TIMEOUT = Number(process.env.VERBATIM_E2E_TIMEOUT_MS || 120000);

async function main() {
  const browser = await chromium.launch({
    executablePath: exe,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
  let failures = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 820 } });
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60000 });
    await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
    const deadline = Date.now() + TIMEOUT;
    while (!fs.existsSync(outJson) && Date.now() < deadline) await page.waitForTimeout(250);
    if (!fs.existsSync(outJson)) {
      await page.screenshot({ path: shot });
      throw new Error(`the extension's probe wrote nothing to ${outJson} within ${TIMEOUT} ms (screenshot: ${shot})`);
    }
    await page.waitForTimeout(1500); // let the hover and squiggles paint
    await page.screenshot({ path: shot });
    const seen = JSON.parse(fs.readFileSync(outJson, 'utf8'));
    const check = (ok, what, detail) => {
      console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${ok || !detail ? '' : '\n       ' + detail}`);
      if (!ok) failures.push(what);
    };
    check(!seen.error, 'the probe ran without error', seen.error);
    check(seen.languageId === 'markdown', 'the draft opened as markdown', seen.languageId);
    const diags = seen.diagnostics || [];
    const codes = diags.map((d) => d.code);
    for (const c of ['altered', 'unattributed', 'conflicts', 'not-found', 'fragment-not-found']) {
      check(codes.includes(c), `a ${c} diagnostic`, JSON.stringify(codes));
    }
    const altered = diags.find((d) => d.code === 'altered');
    const text = fs.readFileSync(seen.file, 'utf8').split('\n');
    if (altered) {
      const line = text.findIndex((l) => l.includes('"Not providing Ukraine'));
      const col = text[line].indexOf('"Not providing Ukraine');
      check(altered.range[0] === line && altered.range[1] === col, `altered at ${line}:${col}`, JSON.stringify(altered.range));
      check(altered.message.includes('"historic" → "strategic"'), 'altered message names the change', altered.message);
    }
    const hover = (seen.hover || []).join('\n');
    check(hover.includes('Kiev demands clarity on NATO membership path'), 'hover names the source title', hover.slice(0, 300));
    check(/quote|finding/.test(seen.status || ''), 'status bar shows the draft summary', seen.status);
    console.log(`status bar: ${seen.status}`);
  } finally {
    await browser.close();
  }
  if (failures.length) {
    console.log(`vscode e2e: ${failures.length} checks FAILED: ${failures.join('; ')}`);
    process.exit(1);
  }
  console.log('vscode e2e: all checks passed');
}

main().catch((e) => {
  console.error(`vscode e2e: FAILED: ${e.message}`);
  process.exit(1);
});
