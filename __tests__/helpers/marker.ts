// A marker the test writes by hand: parsed, or the test fails naming the text and why.
import assert from 'node:assert/strict';
import { parseMarker, type Marker } from '../../src/parse/marker.js';

export function marker(text: string): Marker {
  const parsed = parseMarker(text);
  assert.ok(parsed.ok, `${text}: ${parsed.ok ? '' : parsed.message}`);
  return parsed.marker;
}
