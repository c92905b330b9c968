#!/usr/bin/env bash
# timeline-screenshot.sh - open a preemptscope timeline in a trace viewer and take a screenshot:
# speedscope (npm), which reads Chrome trace-event JSON as Perfetto UI does and runs offline, in
# headless chromium driven by puppeteer-core. ui.perfetto.dev cannot be reached from this machine.
#
# Usage: scripts/timeline-screenshot.sh TIMELINE.json OUT.png [PROFILE]
#   PROFILE: which track speedscope shows, counted from 0 in its order (pid, then tid); default 0.
# Needs node/npm and chromium; installs speedscope 1.25.0 and puppeteer-core 22 into a temporary
# directory.
set -euo pipefail
[[ $# -ge 2 ]] || { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
timeline="$(readlink -f "$1")"; out="$(readlink -f "$2")"; profile="${3:-0}"
work="$(mktemp -d)"; trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
(cd "$work" && npm install --silent --no-audit --no-fund speedscope@1.25.0 puppeteer-core@22 >/dev/null)
site="$work/node_modules/speedscope/dist/release"
cp "$timeline" "$site/timeline.json"
port=$((20000 + RANDOM % 20000))
(cd "$site" && exec python3 -m http.server "$port" >/dev/null 2>&1) & server=$!
sleep 1
cat > "$work/shot.js" <<'JS'
const puppeteer = require('puppeteer-core');
(async () => {
  const [url, out, presses] = process.argv.slice(2);
  const browser = await puppeteer.launch({executablePath: '/usr/bin/chromium', headless: 'new',
    args: ['--no-sandbox', '--disable-gpu']});
  const page = await browser.newPage();
  await page.setViewport({width: 1400, height: 500});
  await page.goto(url, {waitUntil: 'networkidle0'});
  await new Promise(r => setTimeout(r, 1500));
  for (let i = 0; i < parseInt(presses); i++) {   // speedscope: n = next profile
    await page.keyboard.press('n');
    await new Promise(r => setTimeout(r, 300));
  }
  await new Promise(r => setTimeout(r, 1000));
  await page.screenshot({path: out});
  await browser.close();
})();
JS
(cd "$work" && node shot.js "http://localhost:$port/index.html#profileURL=http://localhost:$port/timeline.json" \
  "$out" "$profile")
echo "wrote $out"
