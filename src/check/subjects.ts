// Everything a specifier can be checked against, in one shape: a package pin, the interpreter a
// stage selects or a pyproject requires, the CUDA version an image, a wheel index or a `+cu121`
// label selects. Each knows its token, how messages quote it, and how to rewrite it.

import type { ImageRef, PythonFact } from '../model.js';
import type { CheckContext, InFile, Pin, SetView, Subject } from './context.js';
import { factSpan, profileAllows, setPython } from './context.js';
import { cudaTagIndex, isNvidiaCudaImage, parseCudaTag, withTag } from './cuda-tags.js';
import { requirementWith, type Place } from './finding-builder.js';
import { contains } from '../pep440/specifier.js';
import { cudaOfLabel } from '../parse/pytorch-index.js';
import { cudaLabel, fit, localLabel, minorOf, namedRelease, type Admits } from './versions.js';

/** The pseudo-packages of `when`/`require` and of a profile's `python`/`cuda`. */
export const PYTHON = 'python';
export const CUDA = 'cuda';

// Subject is declared beside the SetView that keeps a set's subjects (context.ts), so that the two
// modules do not import each other; importers keep reading it from here.
export type { Subject } from './context.js';

/**
 * A package pin as a subject. A class, not a literal with a closure: every set makes one for each
 * pin a rule looks at, and its place and quotation are built only for a finding (most pins are fine).
 */
class PinSubject implements Subject {
  readonly pseudo = false;

  constructor(readonly pin: Pin) {}

  get key(): string {
    return this.pin.key;
  }

  get at(): Place {
    return this.pin.at;
  }

  get admits(): Admits {
    return this.pin.admits;
  }

  get shown(): string {
    return this.pin.shown;
  }

  get actual(): string {
    return this.pin.requirement.specifier;
  }

  fixFor(specifier: string): string {
    return requirementWith(this.pin.requirement, specifier);
  }
}

export function pinSubject(pin: Pin): Subject {
  return new PinSubject(pin);
}

/**
 * Every interpreter a set names: each Python a Dockerfile stage selects (its token is the version
 * itself: `3.9` of `python3.9`, `3.12` of `python:3.12-slim`) and each pyproject `requires-python`.
 */
export function pythonSubjects(view: SetView, context: CheckContext): Subject[] {
  const subjects = view.pythons.map((python) => pythonFactSubject(python, context));
  return [...subjects, ...requiresPythonSubjects(view, context)].filter((subject): subject is Subject => subject !== null);
}

/** The interpreter the set installs into (the last one its stages select) and its requires-python. */
export function setPythonSubjects(view: SetView, context: CheckContext): Subject[] {
  const python = setPython(view);
  const subjects = [python ? pythonFactSubject(python, context) : null, ...requiresPythonSubjects(view, context)];
  return subjects.filter((subject): subject is Subject => subject !== null);
}

function pythonFactSubject({ fact, file }: InFile<PythonFact>, context: CheckContext): Subject | null {
  const admits = context.specifiers.version(fact.version);
  if (!admits) return null;
  return {
    key: PYTHON,
    pseudo: true,
    at: { file, span: factSpan(fact) },
    admits,
    shown: `Python ${fact.version} (${fact.source})`,
    actual: fact.version,
    fixFor: (specifier) => namedRelease(specifier),
    pin: null,
  };
}

function requiresPythonSubjects(view: SetView, context: CheckContext): Array<Subject | null> {
  return view.requiresPython.map(({ fact, file }) => {
    const admits = context.specifiers.admits(fact.specifier);
    if (!admits) return null;
    return {
      key: PYTHON,
      pseudo: true,
      at: { file, span: factSpan(fact) },
      admits,
      shown: `requires-python ${fact.specifier}`,
      actual: fact.specifier,
      fixFor: (specifier: string) => specifier,
      pin: null,
    };
  });
}

/**
 * Every CUDA version a set names: base images (an nvidia/cuda image is rewritten whole, to a tag that
 * exists), `ENV CUDA_VERSION`, PyTorch wheel indexes (`/whl/cu121`) and `+cu121` local labels.
 */
export function cudaSubjects(view: SetView, context: CheckContext): Subject[] {
  return [...imageCudaSubjects(view, context), ...wheelCudaSubjects(view, context, view.writtenWhere(mayHaveLocalLabel))];
}

/** The CUDA versions of the set's base images and `ENV CUDA_VERSION` lines. */
function imageCudaSubjects(view: SetView, context: CheckContext): Subject[] {
  const subjects: Subject[] = [];
  for (const { fact, file } of view.cuda) {
    const admits = context.specifiers.version(fact.version);
    if (!admits) continue;
    const image = view.images.find(
      (candidate) => candidate.file === file && candidate.fact.line === fact.line && candidate.fact.ref === fact.source,
    );
    const nvidia = image && isNvidiaCudaImage(image.fact) ? nvidiaImageSubject(image, context) : null;
    if (nvidia) {
      subjects.push(nvidia);
    } else {
      subjects.push({
        key: CUDA,
        pseudo: true,
        at: { file, span: factSpan(fact) },
        admits,
        shown: `CUDA ${fact.version} (${fact.source})`,
        actual: fact.version,
        // A version inside another image's tag (pytorch/pytorch:...-cuda12.1-...) has no safe rewrite.
        fixFor: (specifier) => (image ? null : namedRelease(specifier)),
        pin: null,
      });
    }
  }
  return subjects;
}

/** The torch family's wheel packages: their `+cu121` labels name the CUDA build. */
export const TORCH_WHEELS: readonly string[] = ['torch', 'torchvision', 'torchaudio'];

/** A local label comes after a `+`: a pin without one is passed over before its specifier is analysed (or its pin built). */
function mayHaveLocalLabel(specifier: string): boolean {
  return specifier.includes('+');
}

/**
 * The CUDA build the set's torch wheels come from: the PyTorch indexes it installs from and the
 * `+cuXYZ` labels of its torch-family pins; none when the set installs no torch.
 */
export function torchCudaSubjects(view: SetView, context: CheckContext): Subject[] {
  // Three families ask: found once per set.
  view.torchBuilds ??=
    view.pinsOf('torch').length === 0
      ? []
      : wheelCudaSubjects(
          view,
          context,
          view.writtenOf(TORCH_WHEELS).filter((pin) => mayHaveLocalLabel(pin.requirement.specifier)),
        );
  return view.torchBuilds;
}

/** The set's PyTorch indexes, and the `+cuXYZ` labels of those of `labelled` (pins that may have one) the set installs. */
function wheelCudaSubjects(view: SetView, context: CheckContext, labelled: readonly Pin[]): Subject[] {
  const subjects: Subject[] = [];
  for (const { fact, file } of view.indexes) {
    const cuda = fact.cuda;
    const admits = cuda && cuda !== 'cpu' ? context.specifiers.version(cuda) : null;
    if (!cuda || !admits) continue;
    subjects.push({
      key: CUDA,
      pseudo: true,
      at: { file, span: factSpan(fact) },
      admits,
      shown: `CUDA ${cuda} (${fact.url})`,
      actual: cuda,
      fixFor: (specifier) => {
        const minor = minorOf(namedRelease(specifier) ?? '');
        return minor ? fact.url.replace(cudaLabel(cuda), cudaLabel(minor)) : null;
      },
      pin: null,
    });
  }
  for (const pin of labelled) {
    if (!view.installs(pin)) continue;
    const exact = pin.admits.exact;
    const label = exact ? localLabel(exact) : null;
    const cuda = label ? cudaOfLabel(label) : null;
    const admits = cuda ? context.specifiers.version(cuda) : null;
    if (!exact || !cuda || !admits) continue;
    subjects.push({
      key: CUDA,
      pseudo: true,
      at: pin.at,
      admits,
      shown: `CUDA ${cuda} (${pin.shown})`,
      actual: cuda,
      fixFor: (specifier) => {
        const minor = minorOf(namedRelease(specifier) ?? '');
        return minor ? requirementWith(pin.requirement, `==${exact.release.join('.')}+${cudaLabel(minor)}`) : null;
      },
      pin,
    });
  }
  return subjects;
}

/** An nvidia/cuda base image as a CUDA subject: rewritten whole, to the newest published tag that fits. */
export function nvidiaImageSubject(image: InFile<ImageRef>, context: CheckContext): Subject | null {
  const { fact, file } = image;
  const tag = fact.tag === null ? null : parseCudaTag(fact.tag);
  const admits = tag ? context.specifiers.version(tag.version) : null;
  if (!tag || !admits) return null;
  return {
    key: CUDA,
    pseudo: true,
    at: { file, span: factSpan(fact) },
    admits,
    shown: `CUDA ${tag.version} (${fact.ref})`,
    actual: tag.version,
    fixFor: (specifier) => {
      // The tag table is built on first use: most image subjects are never rewritten.
      const allowed = context.specifiers.admits(specifier);
      const replacement = allowed
        ? cudaTagIndex(context.matrix.facts).newest(tag.variant, (version) => contains(allowed.set, version))
        : null;
      return replacement ? withTag(fact, replacement) : null;
    },
    pin: null,
  };
}

/** Does the subject fit the profile? null when the profile says nothing about it. */
function fitsProfile(context: CheckContext, subject: Subject): boolean | null {
  const allowed = profileAllows(context, subject.key, subject.pseudo);
  return allowed ? fit(subject.admits, allowed.admits.set) === 'inside' : null;
}

/**
 * When two things disagree, the one to change: under a profile the side that deviates from it
 * (`other`, when `usual` is the profile's and `other` is not); otherwise `usual`.
 */
export function sideToChange(context: CheckContext, usual: Subject, other: Subject): Subject {
  return fitsProfile(context, usual) === true && fitsProfile(context, other) === false ? other : usual;
}

/** The closing sentence of a message: what to write instead. */
export function instead(subject: Subject, fix: string | null, specifier: string): string {
  if (fix) return `${subject.pin ? 'Pin' : 'Use'} ${fix} instead.`;
  return `Choose a version inside ${subject.key}${specifier}.`;
}
