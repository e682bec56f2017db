// The switchback CLI from its sources (tsx), for unit tests that need the real command on a
// PATH without building dist/: the completion scripts call `switchback inventory` by name.
import { main } from '../../src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
