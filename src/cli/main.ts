/** Entry point (`npm run cli -- ...`): runs the command line with Node's file system and streams. */
import { nodeIO } from './node-io';
import { run } from './run';

// A reader that stops early (`| head`) closes the pipe once it has what it wanted: end quietly, as other
// command-line tools do, instead of with Node's unhandled-EPIPE stack trace and exit code 1.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') {
    throw error;
  }
  process.exit(process.exitCode ?? 0);
});

process.exitCode = run(process.argv.slice(2), nodeIO);
