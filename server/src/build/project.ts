/**
 * A configured unikernel as the build side sees it: directory, target, artifact name,
 * manifest devices, and config.ml's facts. The file-system edge of plans and steps.
 */
import { closeSync, existsSync, openSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultTarget } from '../project/unikernel';
import { OcamlParsers } from '../syntax/parser';
import { ConfigureContext, parseContext } from '../targets/context';
import { targetByName } from '../targets/targets';
import { ConfigFacts, configFacts } from './facts';
import { ManifestDevice, parseManifest } from './manifest';
import { LaunchPlan, PlanError, launchPlan } from './plans';
import { BuildSettings } from './settings';

export interface BuildProject {
  readonly dir: string;
  readonly target: string;
  /** Artifact name: `-o` from mirage/context, else the `register` name. */
  readonly name: string | null;
  readonly facts: ConfigFacts | null;
  readonly context: ConfigureContext | null;
  readonly contextText: string | null;
}

export function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** A directory holding config.ml, from a directory, a file in it, or a file: URI. */
export function unikernelDir(where: string): string {
  let path = where;
  if (/^file:/.test(where)) path = fileURLToPath(where);
  path = resolve(path);
  let dir = existsSync(path) && statSync(path).isDirectory() ? path : dirname(path);
  // A file deeper in the project (mirage/main.ml, dist/...) belongs to the config.ml above it.
  for (let d = dir, i = 0; i < 3; i++, d = dirname(d)) {
    if (existsSync(join(d, 'config.ml'))) {
      dir = d;
      break;
    }
  }
  if (!existsSync(join(dir, 'config.ml'))) throw new Error(`no config.ml in ${dir}`);
  return dir;
}

/** `-o NAME` / `--output NAME` / `--output=NAME` in the saved configure arguments. */
export function outputName(contextText: string): string | null {
  const lines = contextText.split(/\r?\n/).map((l) => l.trim());
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if ((l === '-o' || l === '--output') && lines[i + 1]) return lines[i + 1];
    const m = /^(?:--output=|-o=?)(.+)$/.exec(l);
    if (m) return m[1];
  }
  return null;
}

export function readProject(
  where: string,
  parsers: OcamlParsers | null,
  target?: string,
  settingsTarget?: string,
): BuildProject {
  const dir = unikernelDir(where);
  const configText = readText(join(dir, 'config.ml')) ?? '';
  let facts: ConfigFacts | null = null;
  if (parsers) {
    const tree = parsers.parse(configText);
    try {
      facts = configFacts(configText, tree);
    } finally {
      tree.delete();
    }
  }
  const contextText = readText(join(dir, 'mirage', 'context'));
  const context = contextText === null ? null : parseContext(contextText);
  const chosen =
    target ??
    context?.target ??
    (settingsTarget && targetByName(settingsTarget) ? settingsTarget : defaultTarget());
  if (!targetByName(chosen)) throw new Error(`unknown target \`${chosen}\``);
  const name = (contextText && outputName(contextText)) ?? facts?.registerName ?? null;
  return { dir, target: chosen, name, facts, context, contextText };
}

/** Whether KVM can be used: /dev/kvm opens read-write for this user. */
export function kvmUsable(): boolean {
  try {
    closeSync(openSync('/dev/kvm', 'r+'));
    return true;
  } catch {
    return false;
  }
}

export function readDevices(dir: string): ManifestDevice[] | null {
  const text = readText(join(dir, 'mirage', 'manifest.json'));
  if (text === null) return null;
  const m = parseManifest(text);
  if (m.problem !== undefined) throw new PlanError(m.problem, 'invalid-value');
  return m.devices;
}

/** The launch plan of a configured project, with notes about what is not ready yet. */
export function projectPlan(
  project: BuildProject,
  settings: BuildSettings,
  debugPort?: number,
): LaunchPlan {
  if (!project.name) {
    throw new PlanError(
      'cannot tell the unikernel name: config.ml has no `register "NAME"` call',
      'invalid-value',
    );
  }
  const plan = launchPlan({
    dir: project.dir,
    target: project.target,
    name: project.name,
    // Only solo5 tenders read the manifest; a stale one must not stop a unix run.
    devices: ['hvt', 'spt', 'virtio'].includes(project.target) ? readDevices(project.dir) : null,
    settings,
    kvm: kvmUsable(),
    debugPort,
  });
  const configured = project.context?.target;
  if (configured && configured !== project.target) {
    plan.notes.push(
      `mirage/context is configured for ${configured}, not ${project.target}: build first.`,
    );
  }
  if (!existsSync(join(project.dir, plan.artifact))) {
    plan.notes.push(`${plan.artifact} does not exist yet: build first.`);
  }
  return plan;
}
