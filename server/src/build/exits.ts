/**
 * Exit statuses in the launched tool's own terms, and the status a CLI run exits with.
 */
import { constants } from 'node:os';
import { ExitConvention } from './plans';

export interface ExitMeaning {
  /** What happened, in words. */
  readonly meaning: string;
  /** The unikernel (not the tool around it) reported success. */
  readonly success: boolean;
  /** The status `mirage-lsp run` exits with: 0 on success, else non-zero. */
  readonly status: number;
}

function signalNumber(signal: string): number {
  return (constants.signals as Record<string, number>)[signal] ?? 0;
}

function qemu(code: number, stderr: string): ExitMeaning {
  if (code === 0) {
    return {
      meaning: 'QEMU exited normally: the guest powered off (or QEMU was told to quit)',
      success: true,
      status: 0,
    };
  }
  if (code === 1) {
    return /qemu-system-\S*: /.test(stderr)
      ? { meaning: `QEMU failed: ${lastLine(stderr)}`, success: false, status: 1 }
      : {
          meaning: 'exit status 1: the guest wrote 0 to isa-debug-exit, or QEMU itself failed',
          success: false,
          status: 1,
        };
  }
  // isa-debug-exit: QEMU exits with (value << 1) | 1.
  if (code % 2 === 1) {
    const value = (code - 1) / 2;
    if (value === 0x10) {
      return {
        meaning: 'the kernel reported success (wrote 0x10 to isa-debug-exit, QEMU status 33)',
        success: true,
        status: 0,
      };
    }
    if (value === 41) {
      return {
        meaning:
          'the unikernel exited (Solo5 on virtio signals every exit with 41 on isa-debug-exit, ' +
          'QEMU status 83; the unikernel status itself is not passed on)',
        success: true,
        status: 0,
      };
    }
    return {
      meaning: `the kernel wrote ${value} (0x${value.toString(16)}) to isa-debug-exit (QEMU status ${code})`,
      success: false,
      status: value,
    };
  }
  return { meaning: `QEMU exited with status ${code}`, success: false, status: code };
}

function solo5(code: number, stderr: string): ExitMeaning {
  switch (code) {
    case 0:
      return { meaning: 'the unikernel exited successfully (status 0)', success: true, status: 0 };
    case 1:
      return /solo5-[hs][vp]t: /.test(stderr)
        ? { meaning: `the Solo5 tender failed: ${lastLine(stderr)}`, success: false, status: 1 }
        : { meaning: 'the unikernel exited with failure (status 1)', success: false, status: 1 };
    case 255:
      return {
        meaning: 'the unikernel aborted (Solo5 status 255: panic, failed assertion or abort)',
        success: false,
        status: 255,
      };
    default:
      return unixLike(code, 'the unikernel');
  }
}

function unixLike(code: number, who: string): ExitMeaning {
  if (code === 0) return { meaning: `${who} exited successfully`, success: true, status: 0 };
  const why: Record<number, string> = {
    2: 'an uncaught OCaml exception',
    63: 'it printed its help or version (mirage runtime)',
    64: 'a bad unikernel argument (mirage runtime argument error)',
  };
  return {
    meaning: `${who} exited with status ${code}${why[code] ? ` (${why[code]})` : ''}`,
    success: false,
    status: code,
  };
}

function lastLine(text: string): string {
  const lines = text.trim().split('\n');
  return lines[lines.length - 1] ?? '';
}

/** Reads an exit: a code, or the signal that ended the process. */
export function exitMeaning(
  convention: ExitConvention,
  code: number | null,
  signal: string | null,
  stderr = '',
): ExitMeaning {
  if (code === null) {
    const n = signal ? signalNumber(signal) : 0;
    return { meaning: `killed by ${signal ?? 'a signal'}`, success: false, status: 128 + n };
  }
  switch (convention) {
    case 'qemu':
      return qemu(code, stderr);
    case 'solo5':
      return solo5(code, stderr);
    case 'firecracker':
      return unixLike(code, 'firecracker');
    case 'xl':
      return unixLike(code, 'xl');
    default:
      return unixLike(code, 'the unikernel');
  }
}
