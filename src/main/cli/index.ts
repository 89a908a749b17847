import { runCommandLine } from './run';

// The command line's entry: `npm run cli -- …` and the built `node out/main/cli.js …`.
// The installed app's `--cli` runs the same runCommandLine in its main process.

void runCommandLine(process.argv.slice(2)).then((code) => process.exit(code));
