// Earshot needs Node.js >= 22.18 (it runs its TypeScript sources directly). On an older runtime
// this prints one line saying so, and how to get a newer one, and exits 1 before anything else
// loads: `npm start`, `npm test` and the `earshot` command all run it first. Plain JavaScript that
// old runtimes can parse; keep it free of imports.
const needed = [22, 18];

/** The one-line complaint for a Node.js version, or null when it is new enough. */
export function nodeVersionProblem(version) {
  const [major, minor] = version.split('.').map(Number);
  if (major > needed[0] || (major === needed[0] && minor >= needed[1])) return null;
  return (
    `Earshot needs Node.js ${needed.join('.')} or newer (24 LTS recommended), but this is Node.js ${version}. ` +
    'Get Node.js 24 from https://nodejs.org/en/download (or `nvm install 24`), then run the command again.'
  );
}

const problem = nodeVersionProblem(process.versions.node);
if (problem) {
  process.stderr.write(`${problem}\n`);
  process.exit(1);
}
