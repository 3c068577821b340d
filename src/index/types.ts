// What the index client answers, as plain data: the check rules (src/check/rules/) read these and
// never the network.

/** One file an index lists for a project (PEP 691 `files[]`, or a PEP 503 anchor). */
export interface DistFile {
  filename: string;
  /** Absolute URL, without credentials. */
  url: string;
  /** `sha256` and other hashes the index gives (from the JSON, or the URL's fragment). */
  hashes: Record<string, string>;
  /** PEP 503 `data-requires-python`, PEP 691 `requires-python`; null when the index says nothing. */
  requiresPython: string | null;
  /** PEP 592: null when not yanked, else the reason (`""` when none is given). */
  yanked: string | null;
  /** PEP 658/714: the index serves `<url>.metadata`. */
  hasMetadata: boolean;
}

/** A project's page on one index (or the files of one find-links location for it). */
export interface ProjectPage {
  /** The page's URL (or the folder's), without credentials. */
  source: string;
  files: DistFile[];
}

/** What one index says about one project. */
export type ProjectAnswer =
  | { status: 'found'; page: ProjectPage }
  /** The index answered 404 (or a find-links location lists no file of the project). */
  | { status: 'missing'; source: string }
  /** No answer that proves anything: a timeout, a 5xx, a refused address, a page that could not be read. */
  | { status: 'unreachable'; source: string; reason: string };

/** The core metadata fields the rules read (PEP 566 / PEP 643). */
export interface CoreMetadata {
  name: string;
  version: string;
  requiresPython: string | null;
  requiresDist: string[];
}

export type MetadataAnswer = { ok: true; metadata: CoreMetadata; source: string } | { ok: false; source: string; reason: string };
