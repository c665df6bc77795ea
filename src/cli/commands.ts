import type { Command } from 'commander';
import { registerTriageCommand } from './triage-command.ts';

/** Every `earshot` sub-command, registered in the order `--help` lists them. */
export function registerCommands(program: Command): void {
  void program;
  registerTriageCommand(program);
}
