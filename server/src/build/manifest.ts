/**
 * `mirage/manifest.json`: the Solo5 manifest mirage writes for solo5 and xen targets,
 * `{"type": "solo5.manifest", "version": 1, "devices": [{"name": "service", "type": "NET_BASIC"}]}`.
 * A tender refuses to start unless every device in it is attached.
 */

export type DeviceType = 'NET_BASIC' | 'BLOCK_BASIC';

export interface ManifestDevice {
  readonly name: string;
  readonly type: DeviceType;
}

export type ManifestResult =
  | { readonly devices: ManifestDevice[]; readonly problem?: undefined }
  | { readonly devices?: undefined; readonly problem: string };

export function parseManifest(text: string): ManifestResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { problem: `mirage/manifest.json is not valid JSON (${(e as Error).message})` };
  }
  const list = (json as { devices?: unknown } | null)?.devices;
  if (!Array.isArray(list)) return { problem: 'mirage/manifest.json has no `devices` list' };
  const devices: ManifestDevice[] = [];
  for (const d of list as unknown[]) {
    const name = (d as { name?: unknown })?.name;
    const type = (d as { type?: unknown })?.type;
    if (typeof name !== 'string' || (type !== 'NET_BASIC' && type !== 'BLOCK_BASIC')) {
      return {
        problem: `mirage/manifest.json lists a device this tool does not know: ${JSON.stringify(d)}`,
      };
    }
    devices.push({ name, type });
  }
  return { devices };
}
