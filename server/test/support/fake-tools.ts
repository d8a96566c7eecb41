import { delimiter, join } from 'node:path';

/** Stand-ins for `mirage` and `make` that replay recorded outputs (see their headers). */
export const fakeTools = join(__dirname, '../../../test/fixtures/fake-tools');

/** PATH with the stand-ins first. */
export function pathWithFakeTools(): string {
  return `${fakeTools}${delimiter}${process.env.PATH}`;
}
