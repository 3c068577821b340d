// `compat-guard matrix`: the effective matrix as YAML. The output is itself a valid matrix file
// (`extends: none` with every profile already resolved), so a team can start its own from it; where
// each entry came from and the fact tables (counted, not listed: there are 1,300+ image tags) are
// comments.

import { Document, isMap, isScalar, isSeq } from 'yaml';
import type { Matrix, MatrixOrigin, MatrixRule, Profile } from './types.js';

export function printMatrix(matrix: Matrix, options: { profile?: string } = {}): string {
  const names = options.profile === undefined
    ? Object.keys(matrix.profiles)
    : [options.profile].filter((name) => Object.hasOwn(matrix.profiles, name));
  const profiles = names.flatMap((name) => {
    const profile = matrix.profiles[name];
    return profile === undefined ? [] : [profile];
  });
  const defaultProfile = options.profile ?? matrix.profile;
  const printsDefault = defaultProfile !== null && Object.hasOwn(matrix.profiles, defaultProfile);

  const doc = new Document({
    extends: 'none',
    ...(printsDefault ? { profile: defaultProfile } : {}),
    profiles: Object.fromEntries(profiles.map((profile) => [profile.name, profileContent(profile)])),
    rules: matrix.rules.map(ruleContent),
    ignore: matrix.ignore.map(({ rule, paths }) => (paths ? { rule, paths } : { rule })),
  });

  doc.commentBefore = [
    ` The effective compat-guard matrix, read from: ${matrix.files.join(', ') || 'nothing'}.`,
    ' Profiles are shown with inheritance applied, so this file stands alone (extends: none).',
  ].join('\n');
  const root = doc.contents;
  if (isMap(root)) {
    const profilesNode = root.get('profiles', true);
    if (isMap(profilesNode)) {
      profilesNode.items.forEach((pair, index) => {
        const profile = profiles[index];
        if (profile !== undefined && isScalar(pair.key)) pair.key.commentBefore = ` ${profileNote(profile)}`;
        if (!isMap(pair.value)) return;
        quoteSpecifiers(pair.value, ['python', 'cuda']);
        quoteSpecifiers(pair.value.get('packages', true));
      });
    }
    const rulesNode = root.get('rules', true);
    if (isSeq(rulesNode)) {
      rulesNode.items.forEach((item, index) => {
        const rule = matrix.rules[index];
        if (rule === undefined || !isMap(item)) return;
        item.commentBefore = ` ${from(rule.origin)}`;
        for (const key of ['when', 'require']) {
          const pins = item.get(key, true);
          quoteSpecifiers(pins);
          if (isMap(pins)) pins.flow = true;
        }
      });
    }
  }
  doc.comment = factsSummary(matrix);
  return doc.toString({ lineWidth: 0 });
}

/**
 * Writes the specifiers of `map` (those under `keys`, or all) in double quotes, as docs/matrix.md
 * asks people to: unquoted, a specifier that starts with ">" or "!" is not a YAML string.
 */
function quoteSpecifiers(map: unknown, keys?: readonly string[]): void {
  if (!isMap(map)) return;
  for (const pair of map.items) {
    if (!isScalar(pair.value) || !isScalar(pair.key)) continue;
    if (keys === undefined || keys.includes(String(pair.key.value))) pair.value.type = 'QUOTE_DOUBLE';
  }
}

function profileContent(profile: Profile): Record<string, unknown> {
  return {
    ...(profile.description === undefined ? {} : { description: profile.description }),
    ...(profile.python === undefined ? {} : { python: profile.python }),
    ...(profile.cuda === undefined ? {} : { cuda: profile.cuda }),
    packages: profile.packages,
    ...(Object.keys(profile.reasons).length === 0 ? {} : { reasons: profile.reasons }),
  };
}

function ruleContent(rule: MatrixRule): Record<string, unknown> {
  return {
    id: rule.id,
    ...(Object.keys(rule.when).length === 0 ? {} : { when: rule.when }),
    require: rule.require,
    severity: rule.severity,
    message: rule.message,
    ...(rule.source === undefined ? {} : { source: rule.source }),
  };
}

function profileNote(profile: Profile): string {
  return profile.extends === undefined ? from(profile.origin) : `${from(profile.origin)}, extends ${profile.extends}`;
}

function from(origin: MatrixOrigin): string {
  return `from ${origin.file}:${origin.line}`;
}

function factsSummary(matrix: Matrix): string {
  const { facts } = matrix;
  const tags = Object.values(facts.cudaImageTags);
  const supported = tags.filter((status) => status === 'supported').length;
  const table = (name: string, summary: string, source: string): string =>
    `   ${name}: ${source === '' ? 'not loaded' : `${summary} (${source})`}`;
  return [
    ' Facts (universal, always kept; counted here, not listed):',
    table('torch', `${facts.torch.length} torch releases with their torchvision, torchaudio and Python range`, facts.sources.torch),
    table('torchCuda', `CUDA variants of ${facts.torchCuda.length} torch minors`, facts.sources.torchCuda),
    table('cudaDrivers', `minimum drivers of ${facts.cudaDrivers.length} CUDA toolkits`, facts.sources.cudaDrivers),
    table('cudaImageTags', `${tags.length} nvidia/cuda tags, ${supported} supported, ${tags.length - supported} end of life`, facts.sources.cudaImageTags),
  ].join('\n');
}
