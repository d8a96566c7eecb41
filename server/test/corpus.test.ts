import assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Diagnostic } from 'vscode-languageserver-types';
import { analyzeFile, errors, testRuntime } from './support/runtime';

/**
 * The valid-config corpus: realistic projects written for one API era each
 * (`corpus/<era>/<name>/config.ml`). Every one of them is accepted by the real
 * `mirage configure` of its era, so any error we report is a false positive.
 */

// Tests run from server/out/test/; the corpus stays in the source tree.
const corpusDir = join(__dirname, '../../test/corpus');

const ERA_IDS = ['4.4', '4.8', '4.9', '4.10', '4.11'] as const;

interface Project {
  readonly era: string;
  readonly name: string;
  readonly config: string;
}

function subdirectories(dir: string): string[] {
  return readdirSync(dir)
    .filter((entry) => statSync(join(dir, entry)).isDirectory())
    .sort();
}

function projectsOf(era: string): Project[] {
  const eraDir = join(corpusDir, era);
  if (!existsSync(eraDir)) return [];
  return subdirectories(eraDir)
    .map((name) => ({ era, name, config: join(eraDir, name, 'config.ml') }))
    .filter((p) => existsSync(p.config));
}

function describeDiagnostic(d: Diagnostic): string {
  const { line, character } = d.range.start;
  const code = d.code === undefined ? '' : ` [${String(d.code)}]`;
  return `${line + 1}:${character}${code} ${d.message}`;
}

describe('corpus: valid configs of every era have no errors', function () {
  before(async () => {
    await testRuntime();
  });

  it('finds the corpus folder and only known era folders in it', () => {
    assert.ok(existsSync(corpusDir), `missing corpus folder ${corpusDir}`);
    const unknown = subdirectories(corpusDir).filter(
      (d) => !(ERA_IDS as readonly string[]).includes(d),
    );
    assert.deepEqual(unknown, [], `unexpected era folders in ${corpusDir}`);
  });

  for (const era of ERA_IDS) {
    describe(`era ${era}`, () => {
      const projects = projectsOf(era);

      it('has projects', () => {
        assert.ok(projects.length > 0, `no project under corpus/${era}`);
      });

      for (const project of projects) {
        it(`${project.name}`, () => {
          const a = analyzeFile(project.config, { siblingModules: ['Unikernel'] });
          const found = errors(a);
          assert.deepEqual(
            found.map(describeDiagnostic),
            [],
            `corpus/${era}/${project.name}/config.ml is valid for mirage ${era}, ` +
              `but ${found.length} error(s) were reported:\n  ` +
              found.map(describeDiagnostic).join('\n  '),
          );
          assert.equal(
            a.era.id,
            era,
            `corpus/${era}/${project.name}/config.ml was checked against era ${a.era.id} ` +
              `(mirage ${a.era.release}) instead of ${era}`,
          );
        });
      }
    });
  }
});
