// Loaded with `node --import` into a measured child process: on exit, writes the process's peak
// resident set size (the kernel's VmHWM, via getrusage) and its CPU time (user + system, all
// threads) to the file named by BENCH_PEAK_RSS_FILE.
import { writeFileSync } from 'node:fs';

const file = process.env['BENCH_PEAK_RSS_FILE'];
if (file !== undefined && file !== '') {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
    writeFileSync(file, JSON.stringify({ maxRssKiB: usage.maxRSS, cpuMs }));
  });
}
