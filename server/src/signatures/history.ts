/**
 * What replaced the DSL names and labels that mirage removed. Used by messages ("removed in
 * 4.5: use main") and, later, by quick fixes. Facts from the mirage changelog.
 */

export interface Replacement {
  /** First release without the name. */
  readonly removedIn: string;
  /** What to do instead, as an instruction. */
  readonly use: string;
  /** A name that can replace it as is, when there is one (for quick fixes). */
  readonly rename?: string;
}

export const removedValues: Readonly<Record<string, Replacement>> = {
  foreign: { removedIn: '4.5.0', use: 'use `main`', rename: 'main' },
  abstract: { removedIn: '4.5.0', use: 'use `dep`', rename: 'dep' },
  keys: { removedIn: '4.5.0', use: 'use `runtime_args` / `Runtime_arg.v`' },
  console: {
    removedIn: '4.5.0',
    use: 'log with Logs or Printf in the unikernel (no device is needed)',
  },
  default_console: {
    removedIn: '4.5.0',
    use: 'log with Logs or Printf in the unikernel (no device is needed)',
  },
  custom_console: {
    removedIn: '4.5.0',
    use: 'log with Logs or Printf in the unikernel (no device is needed)',
  },
  app_info: { removedIn: '4.5.0', use: 'use `Mirage_runtime` build information' },
  archive: { removedIn: '4.5.0', use: 'use `tar_kv_ro`', rename: 'tar_kv_ro' },
  archive_of_files: { removedIn: '4.5.0', use: 'use `tar_kv_ro`' },
  time: {
    removedIn: '4.9.0',
    use: 'drop the argument and use `Mirage_sleep` in the unikernel',
  },
  default_time: {
    removedIn: '4.9.0',
    use: 'use `register ~sleep:default_sleep` (and `Mirage_sleep`)',
  },
  pclock: {
    removedIn: '4.9.0',
    use: 'drop the argument and use `Mirage_ptime` in the unikernel',
  },
  default_posix_clock: {
    removedIn: '4.9.0',
    use: 'use `register ~ptime:default_ptime` (and `Mirage_ptime`)',
  },
  mclock: {
    removedIn: '4.9.0',
    use: 'drop the argument and use `Mirage_mtime` in the unikernel',
  },
  default_monotonic_clock: {
    removedIn: '4.9.0',
    use: 'use `register ~mtime:default_mtime` (and `Mirage_mtime`)',
  },
  rng: { removedIn: '4.9.0', use: 'use `register ~random:default_random`' },
  stackv4: { removedIn: '4.3.0', use: 'use `stackv4v6`', rename: 'stackv4v6' },
  stackv6: { removedIn: '4.3.0', use: 'use `stackv4v6`', rename: 'stackv4v6' },
  generic_stackv4: {
    removedIn: '4.3.0',
    use: 'use `generic_stackv4v6`',
    rename: 'generic_stackv4v6',
  },
  generic_stackv6: {
    removedIn: '4.3.0',
    use: 'use `generic_stackv4v6`',
    rename: 'generic_stackv4v6',
  },
  direct_stackv4: { removedIn: '4.3.0', use: 'use `direct_stackv4v6`' },
  socket_stackv4: { removedIn: '4.3.0', use: 'use `generic_stackv4v6` with `--net=host`' },
  udpv4: { removedIn: '4.3.0', use: 'use `udpv4v6`', rename: 'udpv4v6' },
  tcpv4: { removedIn: '4.3.0', use: 'use `tcpv4v6`', rename: 'tcpv4v6' },
  socket_stackv4v6: {
    removedIn: '4.10.0',
    use: 'use `generic_stackv4v6` with the `--net=host` configure flag',
  },
  socket_tcpv4v6: {
    removedIn: '4.10.0',
    use: 'use `generic_stackv4v6` with the `--net=host` configure flag',
  },
  socket_udpv4v6: {
    removedIn: '4.10.0',
    use: 'use `generic_stackv4v6` with the `--net=host` configure flag',
  },
  static_ipv4v6_stack: {
    removedIn: '4.10.0',
    use: 'use `direct_stackv4v6` or `generic_stackv4v6 ~ipv4_network`',
  },
  fat: { removedIn: '4.3.0', use: 'use `fat_ro`', rename: 'fat_ro' },
  fs: { removedIn: '4.3.0', use: 'use `kv_ro` with `fat_ro`' },
  kv_ro_of_fs: { removedIn: '4.3.0', use: 'use `fat_ro`' },
  nocrypto: { removedIn: '4.3.0', use: 'use `default_random`' },
  git_happy_eyeballs: {
    removedIn: '4.3.4',
    use: 'use `mimic_happy_eyeballs`',
    rename: 'mimic_happy_eyeballs',
  },
  mprof_trace: { removedIn: '4.4.0', use: 'drop it: tracing is gone' },
  tracing: { removedIn: '4.4.0', use: 'drop it: tracing is gone' },
  'Key.dhcp': {
    removedIn: '4.11.0',
    use: 'use `Key.no_dhcp` (the `--no-dhcp` flag)',
    rename: 'Key.no_dhcp',
  },
  'Key.abstract': { removedIn: '4.5.0', use: 'use `Key.v`', rename: 'Key.v' },
  'Key.Arg.string': {
    removedIn: '4.5.0',
    use: 'use `Cmdliner.Arg.string`',
    rename: 'Cmdliner.Arg.string',
  },
  'Key.Arg.int': { removedIn: '4.5.0', use: 'use `Cmdliner.Arg.int`', rename: 'Cmdliner.Arg.int' },
  'Key.Arg.bool': {
    removedIn: '4.5.0',
    use: 'use `Cmdliner.Arg.bool`',
    rename: 'Cmdliner.Arg.bool',
  },
  'Key.Arg.int64': {
    removedIn: '4.5.0',
    use: 'use `Cmdliner.Arg.int64`',
    rename: 'Cmdliner.Arg.int64',
  },
  'Key.Arg.list': {
    removedIn: '4.5.0',
    use: 'use `Cmdliner.Arg.list`',
    rename: 'Cmdliner.Arg.list',
  },
  'Key.Arg.some': {
    removedIn: '4.5.0',
    use: 'use `Cmdliner.Arg.some`',
    rename: 'Cmdliner.Arg.some',
  },
  'Key_gen.*': {
    removedIn: '4.5.0',
    use: 'use a Cmdliner term in unikernel.ml and `runtime_arg ~pos:__POS__`',
  },
};

/** Labels that a function lost, keyed `function~label`. */
export const removedLabels: Readonly<Record<string, Replacement>> = {
  'main~keys': { removedIn: '4.5.0', use: 'use `~runtime_args`', rename: 'runtime_args' },
  'main~extra_deps': { removedIn: '4.5.0', use: 'use `~deps` (4.6.1+)', rename: 'deps' },
  'foreign~keys': { removedIn: '4.5.0', use: 'use `main ~runtime_args`' },
  'register~keys': { removedIn: '4.5.0', use: 'use `~runtime_args` on `main`' },
  'register~packages': { removedIn: '4.5.0', use: 'use `~packages` on `main`' },
  'register~tracing': { removedIn: '4.4.0', use: 'drop it: tracing is gone' },
  'generic_stackv4v6~dhcp_key': { removedIn: '4.11.0', use: 'use the `--no-dhcp` configure flag' },
  'generic_stackv4v6~net_key': { removedIn: '4.11.0', use: 'use the `--net` configure flag' },
  'generic_stackv4v6~tcp': { removedIn: '4.11.0', use: 'use the `--utcp` configure flag' },
  'generic_stackv4v6~ipv4_config': {
    removedIn: '4.10.0',
    use: 'use `~ipv4_network` / `~ipv4_gateway` (4.10.2+)',
  },
  'generic_stackv4v6~ipv6_config': {
    removedIn: '4.10.0',
    use: 'use `~ipv6_network` / `~ipv6_gateway` (4.10.2+)',
  },
  'runtime_arg~name': { removedIn: '4.5.1', use: 'use the string argument alone' },
  'Runtime_arg.create~name': { removedIn: '4.5.1', use: 'use the string argument alone' },
  'Key.Arg.opt~stage': {
    removedIn: '4.5.0',
    use: 'use a runtime argument (`Runtime_arg`) for run-time values',
  },
  'Key.Arg.flag~stage': {
    removedIn: '4.5.0',
    use: 'use a runtime argument (`Runtime_arg`) for run-time values',
  },
  'Key.Arg.required~stage': {
    removedIn: '4.5.0',
    use: 'use a runtime argument (`Runtime_arg`) for run-time values',
  },
};

/** Deprecated names that a newer one replaces as is. */
export const deprecatedRenames: Readonly<Record<string, string>> = {
  etif: 'ethif',
};
