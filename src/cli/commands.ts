import type { Command } from 'commander';
import {
  registerMigrateCommand,
  registerUserCommands,
  registerWorkspaceCommands,
} from './admin-commands.ts';
import { registerBackupCommands } from './backup-command.ts';
import { registerBrandCommand } from './brand-command.ts';
import { registerChannelCommand } from './channel-command.ts';
import { registerImportCommand } from './import-command.ts';
import { registerReportCommand } from './report-command.ts';
import { registerStartCommand } from './start-command.ts';
import { registerTriageCommand } from './triage-command.ts';

/** Every `earshot` sub-command, registered in the order `--help` lists them. */
export function registerCommands(program: Command): void {
  registerStartCommand(program);
  registerMigrateCommand(program);
  registerUserCommands(program);
  registerWorkspaceCommands(program);
  registerTriageCommand(program);
  registerBrandCommand(program);
  registerImportCommand(program);
  registerChannelCommand(program);
  registerReportCommand(program);
  registerBackupCommands(program);
}
