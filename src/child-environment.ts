// The environment of every child process (git, the runtime check's interpreter, docker): the parent's
// minus the workflow's credentials. The token must not reach a program the repository may influence
// (an interpreter importing its packages, git running its hooks or filters) nor anything it starts.

/** Variables that hold credentials of the workflow, by exact name. */
const SECRET_VARIABLES = new Set([
  'GITHUB_TOKEN',
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
  'ACTIONS_ID_TOKEN_REQUEST_URL',
]);
const SECRET_WORDS = ['TOKEN', 'SECRET', 'PASSWORD'];

/**
 * The environment a child gets: the parent's minus the workflow's credentials, every action input
 * (`INPUT_*`, which carries the github-token input) and anything named like a secret.
 */
export function childEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const kept: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(env)) {
    const upper = name.toUpperCase();
    if (value === undefined || SECRET_VARIABLES.has(upper) || upper.startsWith('INPUT_')) continue;
    if (SECRET_WORDS.some((word) => upper.includes(word))) continue;
    kept[name] = value;
  }
  return kept;
}
