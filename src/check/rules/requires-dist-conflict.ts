// requires-dist-conflict: an exactly pinned release requires (Requires-Dist, for the set's Python on
// Linux and the extras the pin asks for) a version of another package that the set's own pin of it
// excludes. pip cannot install both: ResolutionImpossible.

import type { RuleInfo } from '../../model.js';
import { intersects } from '../../pep440/ranges.js';
import { contains } from '../../pep440/specifier.js';
import { parseMarker } from '../../parse/marker.js';
import { evaluateMarker } from '../../parse/marker-evaluation.js';
import { parseRequirement, type ParsedRequirement } from '../../parse/requirement.js';
import { canonicalName } from '../../model.js';
import { exactVersion, targetEnvironments, type AnsweredPin, type AnsweredSet, type IndexEmit } from '../index-facts.js';
import type { PlannedPin } from '../index-plan.js';

export const RULE: RuleInfo = {
  id: 'requires-dist-conflict',
  severity: 'error',
  summary: "a pinned release requires a version of another package that the install set's pin of it excludes",
};

export function check(set: AnsweredSet, emit: IndexEmit): void {
  const environments = targetEnvironments(set.plan);
  for (const requirer of set.pins) {
    if (!requirer.metadata?.ok || exactVersion(set, requirer.pin) === null) continue;
    const { metadata, source } = requirer.metadata;
    for (const text of metadata.requiresDist) {
      const required = parseRequirement(text);
      if (!required.ok || required.url !== null || required.specifier === '') continue;
      if (!appliesEverywhere(required, requirer.pin, environments)) continue;
      const wanted = set.specifiers.admits(required.specifier);
      if (!wanted) continue;
      const key = canonicalName(required.name);
      for (const other of set.plan.pins) {
        if (other.key !== key || other.key === requirer.pin.key) continue;
        const pinned = set.specifiers.admits(other.requirement.specifier);
        if (!pinned) continue;
        const compatible = pinned.exact ? contains(wanted.set, pinned.exact, { prereleases: true }) : intersects(wanted.set, pinned.set);
        if (compatible) continue;
        emit(conflict(requirer, metadata.name, metadata.version, `${required.name}${required.specifier}`, other, source));
      }
    }
  }
}

/** Does the requirement hold in every environment the set may install into, with the extras the pin asks for? */
function appliesEverywhere(
  required: ParsedRequirement,
  requirer: PlannedPin,
  environments: ReturnType<typeof targetEnvironments>,
): boolean {
  if (required.marker === null) return true;
  const marker = parseMarker(required.marker);
  if (!marker.ok || environments.length === 0) return false;
  const extras = ['', ...requirer.requirement.extras];
  return environments.every((environment) =>
    extras.some((extra) => {
      const result = evaluateMarker(marker.marker, environment, extra);
      return result.ok && result.value;
    }),
  );
}

function conflict(
  requirer: AnsweredPin,
  name: string,
  version: string,
  requirement: string,
  other: PlannedPin,
  source: string,
): Parameters<IndexEmit>[0] {
  const release = `${name} ${version}`;
  // Change the side the profile does not pin; when both or neither are, the required package's pin.
  const onRequirer = other.profilePinned && !requirer.pin.profilePinned;
  const changed = onRequirer ? requirer.pin : other;
  const kept = onRequirer ? other : requirer.pin;
  const message = onRequirer
    ? `${requirer.pin.shown}: ${release} requires ${requirement}; ${other.shown} is pinned in this install set (the profile's pin), so pip cannot install both together (ResolutionImpossible), and installing one after the other breaks the first. Pin a release of ${name} that accepts ${other.shown}.`
    : `${other.shown}: ${release} requires ${requirement}; ${other.shown} is pinned here, so pip cannot install both together (ResolutionImpossible), and installing one after the other breaks the first. Pin ${other.requirement.name} inside ${requirement}, or a release of ${name} that accepts ${other.shown}.`;
  return {
    rule: RULE.id,
    severity: RULE.severity,
    at: changed.at,
    package: changed.key,
    message,
    expected: onRequirer ? null : requirement.slice(other.requirement.name.length),
    actual: changed.requirement.specifier,
    related: [{ ...kept.at, message: `${kept.shown} (${onRequirer ? 'pinned here' : `requires ${requirement}`})` }],
    source,
  };
}
