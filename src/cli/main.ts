/** Entry point (`npm run cli -- ...`): runs the command line with Node's file system and streams. */
import { nodeIO } from './node-io';
import { run } from './run';

process.exitCode = run(process.argv.slice(2), nodeIO);
