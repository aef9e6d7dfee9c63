// Before the unit tests: the capture reader is checked on captures tcpdump records during the run,
// against tshark's reading of the same files, so both must be here. Installs them with apt-get
// (as root) when missing, as the end-to-end harness does for Chromium; quiet when present.
import { ensureDebianPackages } from '../test/e2e/harness/install.mjs';
import { runMain } from '../test/e2e/harness/progress.mjs';

await runMain(() => ensureDebianPackages(['tcpdump', 'tshark']));
