// What may name a profile (matrix/schema.json's profileName), checked where a name is given on the
// command line or as an action input. Its own module: the CLI checks a name before loading yaml.

const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Where `--record-profile NAME` writes the profile unless told: `compat-profile-NAME.yml`. */
export function defaultRecordFile(name: string): string {
  return `compat-profile-${name}.yml`;
}

/** Why `name` cannot name a profile, or null. */
export function profileNameProblem(name: string): string | null {
  return PROFILE_NAME.test(name) ? null : `profile name ${JSON.stringify(name)} may hold only letters, digits, '.', '_' and '-', and starts with a letter or digit`;
}
