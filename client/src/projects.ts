import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DocumentSelector } from 'vscode-languageclient/node';
import { parseContext } from '../../server/src/targets/context';
import { SETTINGS } from '../../server/src/settings';

/** Folders we never look into for config.ml: build trees and package caches. */
const EXCLUDE = '{**/node_modules/**,**/_build/**,**/_opam/**,**/.git/**}';

export const TARGET_NAMES: readonly string[] = SETTINGS['mirage.target'].enum;

/** Directories of the workspace that hold a `config.ml`, sorted. */
export async function findUnikernelDirs(): Promise<string[]> {
  const files = await vscode.workspace.findFiles('**/config.ml', EXCLUDE, 500);
  return [...new Set(files.map((f) => path.dirname(f.fsPath)))].sort();
}

/**
 * What the server sees: every `config.ml`, and the `.ml` modules beside one (the
 * unikernel's). Other OCaml files stay with the OCaml Platform extension.
 */
export function documentSelectorFor(dirs: readonly string[]): DocumentSelector {
  return [
    { scheme: 'file', pattern: '**/config.ml' },
    ...dirs.map((dir) => ({
      scheme: 'file',
      pattern: { baseUri: vscode.Uri.file(dir).toString(), pattern: '*.ml' },
    })),
  ];
}

export function unikernelDirOf(uri: vscode.Uri): string | undefined {
  if (uri.scheme !== 'file') return undefined;
  return path.dirname(uri.fsPath);
}

/** The target `mirage configure` last used in `dir`, from `dir/mirage/context`. */
export async function configuredTarget(dir: string): Promise<string | null> {
  try {
    const bytes = await vscode.workspace.fs.readFile(
      vscode.Uri.file(path.join(dir, 'mirage', 'context')),
    );
    return parseContext(Buffer.from(bytes).toString('utf8')).target;
  } catch {
    return null;
  }
}

export function settingTarget(scope?: vscode.Uri): string {
  const t = vscode.workspace.getConfiguration('mirage', scope).get<string>('target');
  return t && TARGET_NAMES.includes(t) ? t : SETTINGS['mirage.target'].default;
}

export interface EffectiveTarget {
  target: string;
  from: 'context' | 'setting';
}

/** The target the server checks `dir` for: the configured one, else the setting. */
export async function effectiveTarget(dir: string | undefined): Promise<EffectiveTarget> {
  const configured = dir ? await configuredTarget(dir) : null;
  if (configured) return { target: configured, from: 'context' };
  return {
    target: settingTarget(dir ? vscode.Uri.file(dir) : undefined),
    from: 'setting',
  };
}

/** The unikernel of the active editor, else the only one of the workspace. */
export function activeUnikernelDir(dirs: readonly string[]): string | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor) {
    const dir = unikernelDirOf(editor.document.uri);
    if (dir && dirs.includes(dir)) return dir;
  }
  return dirs.length === 1 ? dirs[0] : undefined;
}
