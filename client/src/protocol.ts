/**
 * The messages between the extension and the server beyond standard LSP. Kept free of
 * `vscode` imports so that unit tests can load them.
 */

/** `mirage/deviceGraph` request. */
export const DeviceGraphMethod = 'mirage/deviceGraph';

export interface DeviceGraphParams {
  uri: string;
  target: string;
}

export interface GraphNode {
  id: string;
  label: string;
  /** `job`, `device`, `functor`, `choice`...; the view colours by it (others: neutral). */
  kind: string;
}

export interface GraphEdge {
  from: string;
  to: string;
  /** e.g. the `match_impl` case an edge stands for. */
  label?: string;
}

export interface DeviceGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** `mirage/console` notification: output of a running unikernel. */
export const ConsoleNotification = 'mirage/console';
export interface ConsoleParams {
  dir: string;
  text: string;
}

/** `mirage/runExited` notification: the run of `dir` is over. */
export const RunExitedNotification = 'mirage/runExited';
export interface RunExitedParams {
  dir: string;
  code: number | null;
  meaning?: string;
}

/** What code lenses and palette commands pass to the server commands. */
export interface CommandTarget {
  uri?: string;
  dir?: string;
  target?: string;
}

/** `mirage.plan` answer. */
export interface LaunchPlan {
  argv: string[];
  cwd: string;
  env?: Record<string, string>;
}

/** Commands that start processes: refused in untrusted workspaces. */
export const PROCESS_COMMANDS: ReadonlySet<string> = new Set([
  'mirage.configure',
  'mirage.build',
  'mirage.run',
  'mirage.debug',
  'mirage.clean',
]);
