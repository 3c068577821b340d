// PEP 508 markers and requirements printed as packaging prints them (`str(Marker)`, `str(Requirement)`),
// for the tests that compare parsed trees with packaging's printed vectors. Beyond packaging, printing
// escapes backslashes and line breaks, so that printing and reading back always gives the same marker.
// No production code prints a parsed marker or requirement (findings quote the text as written).

import type { Marker, MarkerNode, MarkerOperand } from '../../src/parse/marker.js';
import { parseMarker } from '../../src/parse/marker.js';
import type { ParsedRequirement } from '../../src/parse/requirement.js';
import { compareCodePoints, parseSpecifierSet, specifierToString } from '../../src/pep440/specifier.js';

function quote(value: string): string {
  let plain = true;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x22 || c === 0x5c || c === 0x0a || c === 0x0d || c === 0 || (c >= 0xd800 && c <= 0xdfff)) {
      plain = false;
      break;
    }
  }
  if (plain) return `"${value}"`;
  const q = value.includes('"') && !value.includes("'") ? "'" : '"';
  let out = q;
  for (let i = 0; i < value.length; i++) {
    const ch = value.charAt(i);
    const c = value.charCodeAt(i);
    // Only a value holding both quotes gets here with its quote in it (then q is `"`). A token ends at
    // the next quote of its kind whatever precedes it, so that one is spelled in hex.
    if (ch === q) out += '\\x22';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (c === 0) out += '\\x00';
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < value.length) {
      const d = value.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out += value.slice(i, i + 2);
        i++;
      } else out += '\\u' + c.toString(16);
    } else if (c >= 0xd800 && c <= 0xdfff) out += '\\u' + c.toString(16);
    else out += ch;
  }
  return out + q;
}

function operandToString(o: MarkerOperand): string {
  return o.kind === 'variable' ? o.value : quote(o.value);
}

/**
 * `str(Marker)`: single spaces, double-quoted values, variables by their current names, and
 * parentheses only where a group of two or more sits inside another.
 */
export function markerToString(marker: Marker): string {
  return nodeToString(marker, false);
}

function nodeToString(node: MarkerNode, nested: boolean): string {
  if (node.type === 'comparison') return `${operandToString(node.lhs)} ${node.op} ${operandToString(node.rhs)}`;
  if (node.items.length === 1) return nodeToString(node.items[0] as MarkerNode, nested);
  let text = nodeToString(node.items[0] as MarkerNode, true);
  for (let k = 1; k < node.items.length; k++) text += ` ${node.joins[k - 1] as string} ${nodeToString(node.items[k] as MarkerNode, true)}`;
  return nested ? `(${text})` : text;
}

/**
 * `str(Requirement)`: extras sorted and de-duplicated, the specifier set and the marker in their
 * normal forms. Reading the result back gives the same requirement.
 */
export function requirementToString(req: Omit<ParsedRequirement, 'ok'>): string {
  let out = req.name;
  if (req.extras.length > 0) {
    out += `[${[...new Set(req.extras)].sort(compareCodePoints).join(',')}]`;
  }
  if (req.specifier) {
    const set = parseSpecifierSet(req.specifier);
    out += set.ok ? specifierToString(set.set) : req.specifier;
  }
  if (req.url !== null) out += ` @ ${req.url}${req.marker !== null ? ' ' : ''}`;
  if (req.marker !== null) {
    const marker = parseMarker(req.marker);
    out += `; ${marker.ok ? markerToString(marker.marker) : req.marker}`;
  }
  return out;
}
