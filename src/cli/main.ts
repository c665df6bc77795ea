import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands.ts';
import { CliError } from './cli-error.ts';

const program = new Command('earshot')
  .description('Earshot: hear every mention of your brands, triage it, route it, answer it.')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

registerCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode;
  } else if (error instanceof CliError) {
    console.error(`earshot: ${error.message}`);
    process.exitCode = 2;
  } else {
    console.error(`earshot: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
