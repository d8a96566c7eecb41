/**
 * Stable diagnostic codes. Editors and CI scripts match on them, so a code never changes
 * meaning; new problems get new codes.
 */
export const Codes = {
  syntax: 'E001',
  unterminatedString: 'E002',
  unterminatedComment: 'E003',

  unboundValue: 'E101',
  removedValue: 'E102',
  unboundModule: 'E103',
  unboundConstructor: 'E104',

  typeMismatch: 'E201',
  wrongDevice: 'E202',
  notAJob: 'E203',
  weakType: 'E204',
  notADeviceType: 'E205',

  tooManyDevices: 'E301',
  missingDevices: 'E302',
  notAFunction: 'E303',
  missingArguments: 'E304',

  unknownLabel: 'E401',
  removedLabel: 'E402',
  unexpectedArgument: 'E403',

  versionLine: 'E501',
  versionMismatch: 'E502',

  jobWithoutArguments: 'E601',
  emptyKeyName: 'E602',
  invalidDhcpOption: 'E603',
  connectArity: 'E604',
  keyNameClash: 'E605',

  targetUnsupported: 'E701',
  contextFile: 'W702',
  unikernelMismatch: 'E801',

  deprecated: 'W101',
  targetBuildRisk: 'W701',
  versionUnchecked: 'W501',
} as const;

export type Code = (typeof Codes)[keyof typeof Codes];
