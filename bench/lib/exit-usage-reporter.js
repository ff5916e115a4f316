// Loaded with `node --import` into a timed child process: on exit, writes the process's CPU time
// and peak RSS (getrusage) to the file named by BENCH_USAGE_FILE. Plain JavaScript, so loading
// it adds no TypeScript stripping to the start-up being measured.
import { writeFileSync } from 'node:fs';

const file = process.env['BENCH_USAGE_FILE'];
if (file !== undefined && file !== '') {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
    writeFileSync(file, JSON.stringify({ cpuMs, maxRssKiB: usage.maxRSS }));
  });
}
