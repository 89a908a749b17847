import type { Host } from '../../src/main/core/host';

// Apart from helpers.ts, which needs Vitest: child processes of the tests use it too.

/** A host for driving the handler registry in a test: no dialogs, no jobs, events dropped. */
export function testHost(stateDir: string, overrides: Partial<Host> = {}): Host {
  return {
    transport: 'electron',
    nativeDialogs: true,
    version: 'test',
    stateDir,
    chooseSavePath: async () => null,
    chooseOpenPath: async () => null,
    chooseImportPath: async () => null,
    chooseReturnPath: async () => null,
    chooseExportPath: async () => null,
    chooseExportFolder: async () => null,
    choosePackagePaths: async () => null,
    browse: () => [],
    allowsPath: () => false,
    runJob: () => {
      throw new Error('no jobs in this test');
    },
    emit: () => undefined,
    ...overrides,
  };
}
