// Everything a specifier can be checked against, in one shape: a package pin, the interpreter a
// stage selects or a pyproject requires, the CUDA version an image, a wheel index or a `+cu121`
// label selects. Each knows its token, how messages quote it, and how to rewrite it.

import type { ImageRef } from '../model.js';
import type { CheckContext, InFile, Pin, SetView } from './context.js';
import { factSpan } from './context.js';
import { cudaTagIndex, isNvidiaCudaImage, parseCudaTag, withTag } from './cuda-tags.js';
import { requirementText, requirementWith, type Place } from './findings.js';
import { contains } from '../pep440/specifier.js';
import { cudaLabel, cudaOfLabel, localLabel, minorOf, namedRelease, type Admits } from './versions.js';

/** The pseudo-packages of `when`/`require` and of a profile's `python`/`cuda`. */
export const PYTHON = 'python';
export const CUDA = 'cuda';

export interface Subject {
  /** PEP 503 name, or PYTHON / CUDA. */
  key: string;
  at: Place;
  admits: Admits;
  /** How a message quotes it: `numpy==1.24.4`, `Python 3.9 (apt-get install python3.9)`. */
  shown: string;
  /** The version part as written, for a finding's `actual`: `==1.24.4`, `3.9`, `12.1`. */
  actual: string;
  /** The token rewritten so that it meets `specifier`, or null when no single rewrite is known. */
  fixFor(specifier: string): string | null;
  /** The pin it is, for package subjects. */
  pin: Pin | null;
}

export function pinSubject(pin: Pin): Subject {
  return {
    key: pin.key,
    at: pin.at,
    admits: pin.admits,
    shown: requirementText(pin.requirement),
    actual: pin.requirement.specifier,
    fixFor: (specifier) => requirementWith(pin.requirement, specifier),
    pin,
  };
}

/**
 * The interpreters of a set: each Python a Dockerfile stage selects (its token is the version
 * itself: `3.9` of `python3.9`, `3.12` of `python:3.12-slim`) and each pyproject `requires-python`.
 */
export function pythonSubjects(view: SetView, context: CheckContext): Subject[] {
  const subjects: Subject[] = [];
  for (const { fact, file } of view.pythons) {
    const admits = context.specifiers.version(fact.version);
    if (!admits) continue;
    subjects.push({
      key: PYTHON, at: { file, span: factSpan(fact) }, admits, shown: `Python ${fact.version} (${fact.source})`, actual: fact.version,
      fixFor: (specifier) => namedRelease(specifier), pin: null,
    });
  }
  for (const { fact, file } of view.requiresPython) {
    const admits = context.specifiers.admits(fact.specifier);
    if (!admits) continue;
    subjects.push({
      key: PYTHON, at: { file, span: factSpan(fact) }, admits, shown: `requires-python ${fact.specifier}`, actual: fact.specifier,
      fixFor: (specifier) => specifier, pin: null,
    });
  }
  return subjects;
}

/**
 * The CUDA versions of a set: base images (an nvidia/cuda image is rewritten whole, to a tag that
 * exists), `ENV CUDA_VERSION`, PyTorch wheel indexes (`/whl/cu121`) and `+cu121` local labels.
 */
export function cudaSubjects(view: SetView, context: CheckContext): Subject[] {
  const subjects: Subject[] = [];
  for (const { fact, file } of view.cuda) {
    const admits = context.specifiers.version(fact.version);
    if (!admits) continue;
    const image = view.images.find((candidate) => candidate.file === file && candidate.fact.line === fact.line && candidate.fact.ref === fact.source);
    if (image && isNvidiaCudaImage(image.fact)) {
      subjects.push(nvidiaImageSubject(image, admits, context));
    } else {
      subjects.push({
        key: CUDA, at: { file, span: factSpan(fact) }, admits, shown: `CUDA ${fact.version} (${fact.source})`, actual: fact.version,
        // A version inside another image's tag (pytorch/pytorch:...-cuda12.1-...) has no safe rewrite.
        fixFor: (specifier) => (image ? null : namedRelease(specifier)), pin: null,
      });
    }
  }
  for (const { fact, file } of view.indexes) {
    const cuda = fact.cuda;
    const admits = cuda && cuda !== 'cpu' ? context.specifiers.version(cuda) : null;
    if (!cuda || !admits) continue;
    subjects.push({
      key: CUDA, at: { file, span: factSpan(fact) }, admits, shown: `CUDA ${cuda} (${fact.url})`, actual: cuda,
      fixFor: (specifier) => {
        const minor = minorOf(namedRelease(specifier) ?? '');
        return minor ? fact.url.replace(cudaLabel(cuda), cudaLabel(minor)) : null;
      },
      pin: null,
    });
  }
  for (const pin of view.pins) {
    const exact = pin.admits.exact;
    const label = exact ? localLabel(exact) : null;
    const cuda = label ? cudaOfLabel(label) : null;
    const admits = cuda ? context.specifiers.version(cuda) : null;
    if (!exact || !cuda || !admits) continue;
    subjects.push({
      key: CUDA, at: pin.at, admits, shown: `CUDA ${cuda} (${requirementText(pin.requirement)})`, actual: cuda,
      fixFor: (specifier) => {
        const minor = minorOf(namedRelease(specifier) ?? '');
        return minor ? requirementWith(pin.requirement, `==${exact.release.join('.')}+${cudaLabel(minor)}`) : null;
      },
      pin,
    });
  }
  return subjects;
}

function nvidiaImageSubject(image: InFile<ImageRef>, admits: Admits, context: CheckContext): Subject {
  const { fact, file } = image;
  const tag = fact.tag === null ? null : parseCudaTag(fact.tag);
  const tags = cudaTagIndex(context.matrix.facts);
  return {
    key: CUDA, at: { file, span: factSpan(fact) }, admits, shown: `CUDA ${tag?.version ?? '?'} (${fact.ref})`, actual: tag?.version ?? fact.ref,
    fixFor: (specifier) => {
      const allowed = context.specifiers.admits(specifier);
      if (!tag || !allowed) return null;
      const replacement = tags.newest(tag.variant, (version) => contains(allowed.set, version));
      return replacement ? withTag(fact, replacement) : null;
    },
    pin: null,
  };
}

/** The set's subjects of `key` in a matrix rule: its pins of that package, or its interpreters. */
export function subjectsOf(key: string, view: SetView, context: CheckContext): Subject[] {
  if (key === PYTHON) return pythonSubjects(view, context);
  return (view.pinsByKey.get(key) ?? []).map(pinSubject);
}

/** The closing sentence of a message: what to write instead. */
export function instead(subject: Subject, fix: string | null, specifier: string): string {
  if (fix) return `${subject.pin ? 'Pin' : 'Use'} ${fix} instead.`;
  return `Choose a version inside ${subject.key}${specifier}.`;
}
