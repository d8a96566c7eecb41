import { readFileSync } from 'node:fs';
import { ConfigAnalysis, analyzeConfig, AnalysisOptions } from '../../src/analysis/check';
import { Runtime, loadRuntime } from '../../src/project/runtime';

let runtime: Runtime | undefined;

/** Loads grammars and signatures once for the whole test run. */
export async function testRuntime(): Promise<Runtime> {
  runtime ??= await loadRuntime();
  return runtime;
}

/** Parses and analyses a config text (runtime must be loaded first). */
export function analyze(text: string, options: AnalysisOptions = {}): ConfigAnalysis {
  if (!runtime) throw new Error('call testRuntime() in a before hook');
  return analyzeConfig(text, runtime.parsers.parseSyntax(text), runtime.catalog, options);
}

export function analyzeFile(path: string, options: AnalysisOptions = {}): ConfigAnalysis {
  return analyze(readFileSync(path, 'utf8'), options);
}

export function errors(a: ConfigAnalysis) {
  return a.diagnostics.filter((d) => d.severity === 1);
}
