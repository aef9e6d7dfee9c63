// Preloaded (`node --import …/bench-maxrss.mjs dist/cli.js census FILE`) where /usr/bin/time -v
// is missing: prints the process's peak resident set size to stderr as it exits.
process.on('exit', () => {
  process.stderr.write(`bench-maxrss-kb ${process.resourceUsage().maxRSS}\n`);
});
