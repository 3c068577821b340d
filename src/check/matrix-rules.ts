// The matrix's `rules:` (the bundled universal rules and the repository's own): inside each install
// set, when every `when` pin matches, every `require` must hold. `python` stands for the set's
// interpreter. The finding carries the rule's id, severity, message and source.

import type { MatrixRule } from '../matrix/types.js';
import type { Finding, Severity } from '../model.js';
import { profileAllows, type CheckContext, type SetView } from './context.js';
import { makeFinding } from './finding-builder.js';
import type { FindingSink } from './finding-cap.js';
import { instead, pinSubject, setPythonSubjects, sideToChange, PYTHON, type Subject } from './subjects.js';
import { fit, type Admits } from './versions.js';
import { admittedUnderPython } from './python-ceilings.js';
import { decidingPins, fromImage } from './image-pins.js';

interface ParsedRule {
  rule: MatrixRule;
  when: RulePin[];
  require: RulePin[];
}

/** One `package: specifier` of a rule's `when` or `require`. */
interface RulePin {
  key: string;
  specifier: string;
  admits: Admits;
}

export function checkMatrixRulesSet(context: CheckContext, view: SetView, findings: FindingSink): void {
  const subjects = subjectsOfSet(view, context);
  for (const rule of parsedRules(context)) checkRule(rule, subjects, context, view, findings);
}

const parsedRulesOfRun = new WeakMap<CheckContext, ParsedRule[]>();

/** The matrix's rules with their specifiers analysed, once per run (not once per set). */
function parsedRules(context: CheckContext): ParsedRule[] {
  let rules = parsedRulesOfRun.get(context);
  if (!rules) {
    rules = context.matrix.rules.map((rule) => parseRule(rule, context)).filter((rule): rule is ParsedRule => rule !== null);
    parsedRulesOfRun.set(context, rules);
  }
  return rules;
}

/** null when a specifier does not parse: the matrix loader validates them, so this is defensive only. */
function parseRule(rule: MatrixRule, context: CheckContext): ParsedRule | null {
  const when = rulePins(rule.when, context);
  const require = rulePins(rule.require, context);
  return when && require ? { rule, when, require } : null;
}

function rulePins(pins: Readonly<Record<string, string>>, context: CheckContext): RulePin[] | null {
  const parsed: RulePin[] = [];
  for (const [key, specifier] of Object.entries(pins)) {
    const admits = context.specifiers.admits(specifier);
    if (!admits) return null;
    parsed.push({ key, specifier, admits });
  }
  return parsed;
}

/** The set's subjects by key, built once per set (a rule may compare them by identity). */
function subjectsOfSet(view: SetView, context: CheckContext): (key: string) => readonly Subject[] {
  const cache = new Map<string, Subject[]>();
  return (key) => {
    let subjects = cache.get(key);
    if (!subjects) {
      if (key !== PYTHON && view.pinsOf(key).length === 0) return NO_SUBJECTS; // most packages of most sets
      subjects = key === PYTHON ? setPythonSubjects(view, context) : decidingPins(view, key).map(pinSubject);
      cache.set(key, subjects);
    }
    return subjects;
  };
}

const NO_SUBJECTS: readonly Subject[] = Object.freeze([]);

function checkRule(
  { rule, when, require }: ParsedRule,
  subjects: (key: string) => readonly Subject[],
  context: CheckContext,
  view: SetView,
  findings: FindingSink,
): void {
  // A `when` pin matches when all it admits is inside: an exact pin inside, or a subset range.
  const triggers: Subject[] = [];
  for (const pin of when) {
    const matching = firstInside(subjects(pin.key), pin.admits);
    if (!matching) return;
    triggers.push(matching);
  }
  for (const pin of require) {
    for (const subject of subjects(pin.key)) {
      const verdict = fit(subject.admits, pin.admits.set);
      if (verdict === 'inside' || triggers.includes(subject)) continue;
      // A range whose outside part needs a newer Python than the set's is never installed there.
      const installable =
        verdict === 'wider' && subject.pin ? admittedUnderPython(context, view, subject.key, subject.pin.requirement.specifier) : null;
      if (installable && fit(installable, pin.admits.set) === 'inside') continue;
      // Unpinned beside the base image's torch: the image ships its own copy, which works with its
      // torch, and pip leaves an installed package that meets a bare name alone.
      if (
        verdict === 'wider' &&
        subject.pin?.requirement.specifier === '' &&
        triggers.some((trigger) => trigger.pin !== null && fromImage(trigger.pin))
      )
        continue;
      // A range that could still meet the rule is a risk, not a certainty: at most a warning.
      const severity: Severity = verdict === 'outside' ? rule.severity : rule.severity === 'notice' ? 'notice' : 'warning';
      const deviating = profileDeviation(context, subject, triggers);
      findings.push(
        deviating
          ? blameTrigger(rule, severity, deviating, subject, context)
          : blameRequired(rule, severity, subject, pin, verdict === 'outside', triggers, context),
      );
    }
  }
}

/** The first subject all of whose versions `admits` allows (a function, not a closure made per rule and set). */
function firstInside(subjects: readonly Subject[], admits: Admits): Subject | undefined {
  for (const subject of subjects) if (fit(subject.admits, admits.set) === 'inside') return subject;
  return undefined;
}

/** The `when` pin to blame instead of the required one, with the profile's specifier for it; null when none. */
function profileDeviation(context: CheckContext, required: Subject, triggers: Subject[]): { trigger: Subject; specifier: string } | null {
  for (const trigger of triggers) {
    const allowed = profileAllows(context, trigger.key, trigger.pseudo);
    if (allowed && sideToChange(context, required, trigger) === trigger) return { trigger, specifier: allowed.specifier };
  }
  return null;
}

function blameTrigger(
  rule: MatrixRule,
  severity: Severity,
  deviating: { trigger: Subject; specifier: string },
  required: Subject,
  context: CheckContext,
): Finding {
  const { trigger, specifier } = deviating;
  const fix = trigger.fixFor(specifier);
  return makeFinding({
    rule: rule.id,
    severity,
    at: trigger.at,
    package: trigger.pin?.key ?? null,
    expected: specifier,
    actual: trigger.actual,
    fix,
    source: rule.source ?? null,
    related: [{ ...required.at, message: required.shown }],
    message: `${sentence(rule.message)} Found ${trigger.shown} with ${required.shown}; profile ${context.profile?.name} pins ${trigger.key}${specifier}. ${instead(trigger, fix, specifier)}`,
  });
}

function blameRequired(
  rule: MatrixRule,
  severity: Severity,
  required: Subject,
  requirement: RulePin,
  outside: boolean,
  triggers: Subject[],
  context: CheckContext,
): Finding {
  const { key, specifier } = requirement;
  // The profile's own pin when it meets the rule; else the rule's requirement itself.
  const allowed = profileAllows(context, key, required.pseudo);
  const target = allowed && fit(allowed.admits, requirement.admits.set) === 'inside' ? allowed.specifier : specifier;
  const fix = required.fixFor(target);
  const found = triggers.length > 0 ? ` with ${triggers.map((trigger) => trigger.shown).join(' and ')}` : '';
  const what = outside ? `Found ${required.shown}${found}.` : `${required.shown} also admits versions outside ${key}${specifier}${found}.`;
  return makeFinding({
    rule: rule.id,
    severity,
    at: required.at,
    package: required.pin?.key ?? null,
    expected: specifier,
    actual: required.actual,
    fix,
    source: rule.source ?? null,
    related: triggers.map((trigger) => ({ ...trigger.at, message: trigger.shown })),
    message: `${sentence(rule.message)} ${what} ${instead(required, fix, target)}`,
  });
}

/** A rule's message as a sentence of its own. */
function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
