// The mocha reporter of the extension-host suite in code-server. Its lines reach the runner
// (run-in-code-server.mjs) through the workbench's console, mixed with the workbench's own
// chatter (sign-in time-outs, gallery look-ups, socket messages), so each of its lines carries a
// marker: the runner prints the marked lines and files the rest away. Plain CommonJS with event
// names only, so it works with whichever mocha the test runner loads.
const MARK = '[tsl-test] ';

module.exports = class MarkedReporter {
  constructor(runner) {
    const say = (line) => console.log(`${MARK}${line}`);
    const failures = [];
    let passes = 0;
    let pending = 0;
    let depth = 0;
    const indent = () => '  '.repeat(depth);
    runner.on('suite', (suite) => {
      if (suite.title) say(`${indent()}${suite.title}`);
      depth += 1;
    });
    runner.on('suite end', () => {
      depth -= 1;
    });
    runner.on('pass', (test) => {
      passes += 1;
      say(`${indent()}✔ ${test.title} (${test.duration} ms)`);
    });
    runner.on('pending', (test) => {
      pending += 1;
      say(`${indent()}- ${test.title} (skipped)`);
    });
    runner.on('fail', (test, error) => {
      failures.push({ title: test.fullTitle(), error });
      say(`${indent()}✘ ${failures.length}) ${test.title}`);
    });
    runner.once('end', () => {
      failures.forEach(({ title, error }, index) => {
        say('');
        say(`${index + 1}) ${title}`);
        for (const line of String((error && (error.stack || error.message)) || error).split('\n')) say(`   ${line}`);
      });
      say(`${passes} passed, ${failures.length} failed${pending ? `, ${pending} skipped` : ''}`);
    });
  }
};
