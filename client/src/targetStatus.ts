import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  TARGET_NAMES,
  activeUnikernelDir,
  configuredTarget,
  effectiveTarget,
  settingTarget,
} from './projects';

/**
 * Status-bar item showing the target the checks use for the active unikernel: the one in
 * `mirage/context` when the project was configured, else the `mirage.target` setting.
 * Clicking it picks another target (written to the setting).
 */
export class TargetStatus implements vscode.Disposable {
  readonly item: vscode.StatusBarItem;
  private updating: Promise<void> = Promise.resolve();

  constructor(
    private readonly dirs: () => readonly string[],
    private readonly configure: (dir: string, target: string) => Thenable<unknown>,
  ) {
    this.item = vscode.window.createStatusBarItem(
      'mirage.target',
      vscode.StatusBarAlignment.Left,
      50,
    );
    this.item.name = 'MirageOS Target';
    this.item.command = 'mirage.selectTarget';
  }

  update(): Promise<void> {
    // Serialise: the context file is read asynchronously and updates must not reorder.
    this.updating = this.updating.then(() => this.render());
    return this.updating;
  }

  private async render(): Promise<void> {
    const dirs = this.dirs();
    if (dirs.length === 0) {
      this.item.hide();
      return;
    }
    const dir = activeUnikernelDir(dirs);
    const { target, from } = await effectiveTarget(dir);
    const where = dir ? path.basename(dir) : 'workspace';
    this.item.text = `$(server-environment) ${target}`;
    this.item.tooltip =
      from === 'context'
        ? `MirageOS target of ${where}: ${target}, configured in mirage/context. Click to choose another.`
        : `MirageOS target of ${where}: ${target} (setting mirage.target; not configured yet). Click to choose another.`;
    this.item.accessibilityInformation = { label: `MirageOS target ${target}` };
    this.item.show();
  }

  async pick(): Promise<void> {
    const dirs = this.dirs();
    const dir = activeUnikernelDir(dirs);
    const scope = dir ? vscode.Uri.file(dir) : undefined;
    const configured = dir ? await configuredTarget(dir) : null;
    const current = settingTarget(scope);
    const items = TARGET_NAMES.map((t) => ({
      label: t,
      description: [
        t === configured ? 'configured (mirage/context)' : '',
        t === current ? 'setting' : '',
      ]
        .filter(Boolean)
        .join(', '),
    }));
    const picked = await vscode.window.showQuickPick(items, {
      title: 'MirageOS target',
      placeHolder: 'Target for checks, tasks and runs (mirage configure -t TARGET)',
    });
    if (!picked) return;
    const config = vscode.workspace.getConfiguration('mirage', scope);
    const where = vscode.workspace.workspaceFolders
      ? vscode.ConfigurationTarget.Workspace
      : vscode.ConfigurationTarget.Global;
    await config.update('target', picked.label, where);
    // The server follows mirage/context over the setting; offer to reconfigure so the
    // choice takes effect.
    if (dir && configured && configured !== picked.label) {
      const action = `Configure for ${picked.label}`;
      const answer = await vscode.window.showInformationMessage(
        `${path.basename(dir)} is configured for ${configured}; checks follow mirage/context until you configure again.`,
        action,
      );
      if (answer === action) await this.configure(dir, picked.label);
    }
    await this.update();
  }

  dispose(): void {
    this.item.dispose();
  }
}
