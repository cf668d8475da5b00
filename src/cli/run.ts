/**
 * The command line without Node: picks the command, prints help, and turns user errors into one
 * line on stderr with exit code 2. Unexpected errors keep their stack (exit code 1).
 */
import { ModelInputError } from '../model';
import { formatHelp, wantsHelp } from './args';
import type { Command } from './commands/command';
import { cvCommand } from './commands/cv';
import { demoCommand } from './commands/demo';
import { detectCommand } from './commands/detect';
import { tuneCommand } from './commands/tune';
import { CliError } from './errors';
import type { CliIO } from './io';

export const COMMANDS: Command[] = [detectCommand, cvCommand, tuneCommand, demoCommand];

export const EXIT_OK = 0;
export const EXIT_UNEXPECTED = 1;
export const EXIT_USER_ERROR = 2;

export function run(argv: readonly string[], io: CliIO): number {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr(overview());
    return EXIT_USER_ERROR;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const target = name === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    io.stdout(target ? commandHelp(target) : overview());
    return EXIT_OK;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr(`error: unknown command "${name}"; commands: ${COMMANDS.map((c) => c.name).join(', ')} (see --help)\n`);
    return EXIT_USER_ERROR;
  }
  if (wantsHelp(rest)) {
    io.stdout(commandHelp(command));
    return EXIT_OK;
  }
  try {
    return command.run(rest, io);
  } catch (error) {
    if (error instanceof CliError || error instanceof ModelInputError) {
      io.stderr(`error: ${error.message}\n`);
      return EXIT_USER_ERROR;
    }
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr(`unexpected error (a bug, please report it):\n${text}\n`);
    return EXIT_UNEXPECTED;
  }
}

function commandHelp(command: Command): string {
  return formatHelp(`npm run cli -- ${command.usage}`, command.description, command.options);
}

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  return [
    'usage: npm run cli -- <command> [options]',
    '',
    'Foresight anomaly detection from the command line.',
    '',
    'commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    "Run 'npm run cli -- <command> --help' for a command's options.",
    '',
  ].join('\n');
}
