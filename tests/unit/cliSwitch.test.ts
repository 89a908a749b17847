import { describe, expect, it, vi } from 'vitest';
import { runCommandLine } from '../../src/main/cli/run';
import { cliArguments } from '../../src/main/shell/cliSwitch';

// The installed app's `--cli`: what follows the switch is the command line's, run in the
// app's main process by runCommandLine, which must answer an exit code and never exit
// the process itself (the app exits with the code).

describe('the --cli switch', () => {
  it('takes the arguments after --cli, whatever came before (the executable, `.` in development, Chromium switches)', () => {
    expect(cliArguments(['/opt/RegionPlan/regionplan', '--cli', 'hq', 'status', 'a.rplanhq', '--json'])).toEqual(['hq', 'status', 'a.rplanhq', '--json']);
    expect(cliArguments(['electron', '.', '--no-sandbox', '--cli'])).toEqual([]);
    expect(cliArguments(['/opt/RegionPlan/regionplan', '華東大區-2027.rplan'])).toBeNull();
  });

  it('runs a command line to its exit code without exiting: 0 help, 1 usage, 2 a refused file', async () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => {
      throw new Error('the command line exited the process');
    }) as never);
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await runCommandLine(['help'])).toBe(0);
      expect(String(out.mock.calls[0]?.[0])).toContain('usage:');
      expect(await runCommandLine(['no-such-command'])).toBe(1);
      expect(String(err.mock.calls.at(-1)?.[0])).toContain('unknown command: no-such-command');
      expect(await runCommandLine(['package', 'verify', '/nonexistent/華東大區.rplanpkg'])).toBe(2);
      expect(exit).not.toHaveBeenCalled();
    } finally {
      exit.mockRestore();
      out.mockRestore();
      err.mockRestore();
    }
  });
});
