// The interpreter and CUDA of framework images whose tags do not say them: Docker Hub's
// `pytorch/pytorch:<torch>-cuda<X.Y>-cudnn<N>-<flavour>` (its tag names torch and CUDA, not Python,
// which changed between releases and even between the CUDA variants of one release) and NVIDIA's
// `nvcr.io/nvidia/pytorch:YY.MM-py3` (a container release). Only tags a source states are known
// (data/framework_images.csv); any other is unknown, never guessed.

import { bareRequirement, type Requirement, type Span } from '../model.js';
import { FRAMEWORK_IMAGE_ROWS } from './framework-images-data.js';
import type { ImageVersion, ParsedImage } from './dockerfile-image.js';

export interface FrameworkImageRow {
  /** `pytorch/pytorch`, `nvcr.io/nvidia/pytorch`. */
  image: string;
  tag: string;
  /** The Python minor of the image's default interpreter, or null where no source states it. */
  python: string | null;
  /** The CUDA toolkit, or null where the tag says it (pytorch/pytorch) or no source does. */
  cuda: string | null;
  /** torch as the image ships it (NGC's are pre-release snapshots: `2.10.0a0+b4e4ee81d3`). */
  torch: string | null;
  /** Where the row's facts are stated. */
  source: string;
}

const BY_REFERENCE = new Map(FRAMEWORK_IMAGE_ROWS.map((row) => [`${row.image}:${row.tag}`, row]));

/** Docker Hub's official images may be written with their registry: `docker.io/pytorch/pytorch`. */
const DOCKER_HUB = /^(?:docker\.io\/|registry-1\.docker\.io\/|index\.docker\.io\/)/;

/** The row of a framework image the table knows, or null. */
export function frameworkImageRow(image: ParsedImage): FrameworkImageRow | null {
  if (image.tag === null) return null;
  return BY_REFERENCE.get(`${image.name.replace(DOCKER_HUB, '')}:${image.tag}`) ?? null;
}

/** `2.5.1` of `pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime`: the torch release the image ships. */
const PYTORCH_TAG_TORCH = /^\d+\.\d+\.\d+(?=-)/;

/** The torch a pytorch/pytorch image ships, from its tag, with its offsets in the reference. */
export function torchFromImage(image: ParsedImage): ImageVersion | null {
  if (image.tag === null || image.name.replace(DOCKER_HUB, '') !== 'pytorch/pytorch') return null;
  const match = PYTORCH_TAG_TORCH.exec(image.tag);
  if (match === null) return null;
  const start = image.name.length + 1;
  return { version: match[0], start, end: start + match[0].length };
}

/** A package the stage's base image ships, as a requirement of the stage (Requirement.installer `image`). */
export function imageRequirement(name: string, found: ImageVersion, span: Span, stage: string): Requirement {
  return { ...bareRequirement(name, name, `==${found.version}`, span), stage, installer: 'image' };
}
