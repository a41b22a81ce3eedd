// The VS Code side of outreach-lint: finds the `outreach-lint` program, starts
// `outreach-lint lsp` through vscode-languageclient, keeps the server's settings in step with
// the `outreachLint.*` settings, and offers a restart command. Everything that can be
// tested without VS Code lives in serverPath.ts and settings.ts.

import * as fs from 'fs';
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';

import { INSTALL_COMMAND, SERVER_ARGS, resolveServer } from './serverPath';
import { DOCUMENT_SELECTOR, SECTION, didChangeConfigurationParams, toServerSettings, type ServerSettings } from './settings';

const CLIENT_ID = 'outreachLint';
const CLIENT_NAME = 'Outreach Lint';

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel | undefined;
let starting: Promise<void> | undefined;

function isExecutable(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    if (process.platform !== 'win32') fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The server settings for a resource (or the window when none), with problems logged. */
function currentSettings(scope?: vscode.Uri): ServerSettings {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  const raw = {
    rules: config.get('rules'),
    limits: config.get('limits'),
    templates: config.get('templates'),
    maxFileBytes: config.get('maxFileBytes'),
    debounceMs: config.get('debounceMs'),
    scoreHint: config.get('scoreHint'),
  };
  const { settings, problems } = toServerSettings(raw);
  for (const problem of problems) output?.warn(problem);
  return settings;
}

async function reportMissingServer(message: string): Promise<void> {
  output?.error(message);
  const openSettings = 'Open Settings';
  const copy = 'Copy Install Command';
  const choice = await vscode.window.showErrorMessage(message, openSettings, copy);
  if (choice === openSettings) {
    await vscode.commands.executeCommand('workbench.action.openSettings', `${SECTION}.serverPath`);
  } else if (choice === copy) {
    await vscode.env.clipboard.writeText(INSTALL_COMMAND);
  }
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  const configured = vscode.workspace.getConfiguration(SECTION).get<string | null>('serverPath');
  const resolution = resolveServer({
    configured,
    extensionPath: context.extensionPath,
    platform: process.platform,
    arch: process.arch,
    env: process.env,
    isExecutable,
  });
  if (!resolution.ok) {
    output?.info(`Looked for the server at: ${resolution.tried.join(', ') || '(nowhere)'}`);
    void reportMissingServer(resolution.message);
    return;
  }
  output?.info(`Starting ${resolution.command} ${SERVER_ARGS.join(' ')} (found via ${resolution.source})`);

  const serverOptions: ServerOptions = {
    run: { command: resolution.command, args: SERVER_ARGS },
    debug: { command: resolution.command, args: SERVER_ARGS, options: { env: { ...process.env, RUST_BACKTRACE: '1' } } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: output,
    initializationOptions: { [SECTION]: currentSettings() },
    middleware: {
      workspace: {
        // Answer the server's workspace/configuration requests with the mapped settings, so
        // it sees the same shape whether it asks or is told.
        configuration: async (params, token, next) => {
          const raw = await next(params, token);
          if (!Array.isArray(raw)) return raw;
          return params.items.map((item, i) =>
            item.section === SECTION ? currentSettings(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined) : raw[i],
          );
        },
      },
    },
  };

  const next = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  client = next;
  try {
    await next.start();
  } catch (err) {
    client = undefined;
    const why = err instanceof Error ? err.message : String(err);
    output?.error(`The server did not start: ${why}`);
    void vscode.window.showErrorMessage(
      `Outreach Lint could not start ${resolution.command}: ${why}. See the "Outreach Lint" output for details.`,
    );
  }
}

async function stopClient(): Promise<void> {
  const current = client;
  client = undefined;
  if (current) {
    try {
      await current.stop();
    } catch (err) {
      output?.warn(`Stopping the server: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  await starting;
  starting = (async () => {
    await stopClient();
    await startClient(context);
  })();
  await starting;
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  context.subscriptions.push(output);

  context.subscriptions.push(
    vscode.commands.registerCommand('outreachLint.restartServer', async () => {
      await restart(context);
      if (client) void vscode.window.showInformationMessage('Outreach Lint: the server was restarted.');
    }),
    vscode.commands.registerCommand('outreachLint.showOutput', () => output?.show(true)),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (!event.affectsConfiguration(SECTION)) return;
      if (event.affectsConfiguration(`${SECTION}.serverPath`)) {
        await restart(context);
        return;
      }
      if (client?.isRunning()) {
        await client.sendNotification(DidChangeConfigurationNotification.type, didChangeConfigurationParams(currentSettings()));
      }
    }),
  );

  starting = startClient(context);
  await starting;
}

export async function deactivate(): Promise<void> {
  await stopClient();
}
