// `npm run fuzz`: long runs of the fuzz suites (test/{unit,protocol,cli}/fuzz*.test.ts).
//
//   FUZZ_RUNS            runs per property (default 2000; CI uses each test's small default)
//   FUZZ_SEED            the seed (default: a new random one, printed so a failure can be replayed)
//   FUZZ_TIME_LIMIT_MS   stop generating inputs for a property after this long (default: no limit)
//
// e.g. `FUZZ_RUNS=100000 npm run fuzz`, or replay: `FUZZ_SEED=123 FUZZ_RUNS=2000 npm run fuzz`.
// The deploy suite spawns the CLI per run (about 0.3 s each): FUZZ_GREP=... narrows the run.
// A failure prints the counterexample and fast-check's seed and path.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const env = { ...process.env };
env.FUZZ_RUNS ||= '2000';
env.FUZZ_SEED ||= String(Math.floor(Math.random() * 2 ** 31));
process.stdout.write(
  `fuzz: FUZZ_SEED=${env.FUZZ_SEED} FUZZ_RUNS=${env.FUZZ_RUNS}${env.FUZZ_TIME_LIMIT_MS ? ` FUZZ_TIME_LIMIT_MS=${env.FUZZ_TIME_LIMIT_MS}` : ''}\n`,
);
const mocha = require.resolve('mocha/bin/mocha.js');
const result = spawnSync(
  process.execPath,
  [
    mocha,
    '--no-config',
    '--timeout',
    '0',
    '--reporter',
    'spec',
    ...(env.FUZZ_GREP ? ['--grep', env.FUZZ_GREP] : []),
    'out/test/unit/fuzz*.test.js',
    'out/test/protocol/fuzz*.test.js',
    'out/test/cli/fuzz*.test.js',
  ],
  { stdio: 'inherit', env },
);
process.stdout.write(`fuzz: done with FUZZ_SEED=${env.FUZZ_SEED}\n`);
process.exit(result.status ?? 1);
