// `${VAR}`, `${VAR:-default}`, `$VAR` and `$$` as compose and bake interpolate them, from variables
// whose values (and the line that sets them) are known. A variable with no known value makes the
// whole result unknown: the build gets whatever the shell that runs it has.

import type { Origin } from './types.js';

export interface KnownVariable {
  value: string;
  origin: Origin | null;
}

export interface Interpolated {
  /** null when a variable it needs has no known value. */
  value: string | null;
  /** Where the variables it used are set. */
  origins: Origin[];
}

const REFERENCE = /\$(?:\$|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])((?:[^{}]|\{[^{}]*\})*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

export function interpolate(text: string, variables: ReadonlyMap<string, KnownVariable>): Interpolated {
  const origins: Origin[] = [];
  let unknown = false;
  const value = text.replace(
    REFERENCE,
    (whole, braced: string | undefined, operator: string | undefined, word: string | undefined, plain: string | undefined) => {
      if (whole === '$$') return '$';
      const name = (braced ?? plain) as string;
      const known = variables.get(name);
      if (known?.origin) origins.push(known.origin);
      const set = known !== undefined && (known.value !== '' || operator === undefined || !operator.startsWith(':'));
      if (operator?.endsWith('-')) {
        if (set) return known!.value;
        const inner = interpolate(word ?? '', variables);
        origins.push(...inner.origins);
        if (inner.value === null) unknown = true;
        return inner.value ?? '';
      }
      if (operator?.endsWith('+')) {
        if (known === undefined) unknown = true;
        return set ? (word ?? '') : '';
      }
      if (known === undefined) unknown = true;
      return known?.value ?? '';
    },
  );
  return { value: unknown ? null : value, origins };
}

/** A `.env` file as compose reads it: `NAME=value` lines, `export ` allowed, quotes removed, `#` comments. */
export function readDotenv(file: string, text: string): Map<string, KnownVariable> {
  const variables = new Map<string, KnownVariable>();
  text.split(/\r?\n|\r/).forEach((raw, index) => {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(raw);
    if (!match) return;
    let value = (match[2] as string).trim();
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.lastIndexOf(quote) > 0) value = value.slice(1, value.lastIndexOf(quote));
    else value = value.replace(/\s+#.*$/, '');
    variables.set(match[1] as string, { value, origin: { file, line: index + 1 } });
  });
  return variables;
}
