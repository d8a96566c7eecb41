/** The mirage targets (`mirage configure -t T`) and the facts the checker needs about them. */

export type Family = 'unix' | 'solo5' | 'xen' | 'unikraft';

export interface Target {
  readonly name: string;
  readonly family: Family;
  /** Extension of the artifact in dist/ ('' for the unix binary). */
  readonly extension: string;
  /** First release that has the target. */
  readonly since: string;
}

export const TARGETS: readonly Target[] = [
  { name: 'unix', family: 'unix', extension: '', since: '4.0.0' },
  { name: 'macosx', family: 'unix', extension: '', since: '4.0.0' },
  { name: 'xen', family: 'xen', extension: '.xen', since: '4.0.0' },
  { name: 'qubes', family: 'xen', extension: '.xen', since: '4.0.0' },
  { name: 'virtio', family: 'solo5', extension: '.virtio', since: '4.0.0' },
  { name: 'hvt', family: 'solo5', extension: '.hvt', since: '4.0.0' },
  { name: 'spt', family: 'solo5', extension: '.spt', since: '4.0.0' },
  { name: 'muen', family: 'solo5', extension: '.muen', since: '4.0.0' },
  { name: 'genode', family: 'solo5', extension: '.genode', since: '4.0.0' },
  { name: 'unikraft-qemu', family: 'unikraft', extension: '.qemu', since: '4.10.0' },
  { name: 'unikraft-firecracker', family: 'unikraft', extension: '.fc', since: '4.10.0' },
];

export function targetByName(name: string): Target | undefined {
  return TARGETS.find((t) => t.name === name);
}
