// Loaded with `node --import` into a measured child process: on exit, writes the process's peak
// resident set size (the kernel's VmHWM, via getrusage) to the file named by BENCH_PEAK_RSS_FILE.
import { writeFileSync } from 'node:fs';

const file = process.env['BENCH_PEAK_RSS_FILE'];
if (file !== undefined && file !== '') {
  process.on('exit', () => {
    writeFileSync(file, JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS }));
  });
}
