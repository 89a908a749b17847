// `RegionPlan --cli <command> …`: the installed app runs its command line instead of a
// window, in its own main process (the app's fuses turn ELECTRON_RUN_AS_NODE off, so the
// executable cannot be asked to run out/main/cli.js as Node). An installed app thus needs
// neither Node nor the development tools for head office's batch work.

export const CLI_SWITCH = '--cli';

/** The command line's arguments when the app was started with --cli, else null. */
export function cliArguments(argv: readonly string[]): string[] | null {
  const at = argv.indexOf(CLI_SWITCH);
  return at < 0 ? null : argv.slice(at + 1);
}
