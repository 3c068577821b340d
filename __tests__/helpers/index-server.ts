// A package index on 127.0.0.1 for the index tests: PEP 691 JSON or PEP 503 HTML pages (by the
// Accept header, or forced), PEP 658 metadata files, wheels and sdists built here, yanked files, and
// faults on chosen paths (a status, headers, a delay, a body), the first N times or always.

import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { crc32, deflateRawSync, gzipSync } from 'node:zlib';

export interface FakeRelease {
  version: string;
  requiresPython?: string;
  requiresDist?: string[];
  /** Wheel tags, e.g. `py3-none-any`, `cp310-cp310-manylinux_2_17_x86_64`; default one `py3-none-any`. */
  wheels?: string[];
  sdist?: boolean;
  /** true, or the reason. */
  yanked?: true | string;
  /** Whether the index serves `.metadata` files (default true). */
  metadataFiles?: boolean;
  /** Replaces the metadata text served (for malformed metadata). */
  metadataText?: string;
  /** The sdist's PKG-INFO Metadata-Version (default 2.2: its requirements can be trusted). */
  sdistMetadataVersion?: string;
  /** Bytes of incompressible data after METADATA in the wheel, so that its end holds only the central directory. */
  paddingBytes?: number;
}

export interface FakeProject {
  name: string;
  releases: FakeRelease[];
}

export interface Fault {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  delayMs?: number;
  /** Faulty this many times, then normal; default always. */
  times?: number;
}

export interface IndexServerOptions {
  projects: FakeProject[];
  /** `json`, `html`, or `accept` (default: as the Accept header asks). */
  format?: 'json' | 'html' | 'accept';
  latencyMs?: number;
  /** By path (`/simple/numpy/`). */
  faults?: Record<string, Fault>;
  /** Whether files are served in ranges when asked (default true). */
  ranges?: boolean;
}

export interface RecordedRequest {
  path: string;
  accept: string | undefined;
  authorization: string | undefined;
  ifNoneMatch: string | undefined;
  range: string | undefined;
}

export interface IndexServer {
  /** `http://127.0.0.1:PORT/simple` */
  url: string;
  origin: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export function normalise(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}

export function metadataText(project: string, release: FakeRelease): string {
  if (release.metadataText !== undefined) return release.metadataText;
  const lines = ['Metadata-Version: 2.1', `Name: ${project}`, `Version: ${release.version}`];
  if (release.requiresPython) lines.push(`Requires-Python: ${release.requiresPython}`);
  for (const requirement of release.requiresDist ?? []) lines.push(`Requires-Dist: ${requirement}`);
  return lines.join('\n') + '\n\nA description.\n';
}

interface ServedFile {
  filename: string;
  project: string;
  release: FakeRelease;
  wheel: boolean;
}

function filesOf(project: FakeProject): ServedFile[] {
  const stem = project.name.replace(/[-.]+/g, '_');
  return project.releases.flatMap((release) => [
    ...(release.wheels ?? ['py3-none-any']).map((tags) => ({
      filename: `${stem}-${release.version}-${tags}.whl`,
      project: project.name,
      release,
      wheel: true,
    })),
    ...(release.sdist ? [{ filename: `${stem}-${release.version}.tar.gz`, project: project.name, release, wheel: false }] : []),
  ]);
}

/** A zip holding the given files, deflated: what a wheel is. */
export function zipOf(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text);
    const packed = deflateRawSync(data);
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    directory.push(central, nameBytes);
    offset += 30 + nameBytes.length + packed.length;
  }
  const directoryBytes = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directoryBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directoryBytes, end]);
}

export function wheelOf(project: string, release: FakeRelease): Buffer {
  const stem = project.replace(/[-.]+/g, '_');
  return zipOf({
    [`${stem}-${release.version}.dist-info/METADATA`]: metadataText(project, release),
    [`${stem}/data.bin`]: randomBytes(release.paddingBytes ?? 0).toString('latin1'),
    [`${stem}-${release.version}.dist-info/WHEEL`]: 'Wheel-Version: 1.0\n',
  });
}

/** A .tar.gz holding the given files (ustar headers): what an sdist is. */
export function tarGzOf(entries: Record<string, string>): Buffer {
  const blocks: Buffer[] = [];
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text);
    const header = Buffer.alloc(512);
    header.write(name, 0, 100);
    header.write('0000644\0', 100);
    header.write('0000000\0', 108);
    header.write('0000000\0', 116);
    header.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124);
    header.write('00000000000\0', 136);
    header.write('0', 156);
    header.write('ustar\u000000', 257);
    header.write('        ', 148);
    let sum = 0;
    for (const byte of header) sum += byte;
    header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    blocks.push(header, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}

export function sdistOf(project: string, release: FakeRelease): Buffer {
  const folder = `${project.replace(/[-.]+/g, '_')}-${release.version}`;
  const metadata = metadataText(project, release).replace(
    /^Metadata-Version: [^\n]*/,
    `Metadata-Version: ${release.sdistMetadataVersion ?? '2.2'}`,
  );
  return tarGzOf({ [`${folder}/setup.py`]: 'from setuptools import setup\nsetup()\n', [`${folder}/PKG-INFO`]: metadata });
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export async function startIndexServer(options: IndexServerOptions): Promise<IndexServer> {
  const requests: RecordedRequest[] = [];
  const faultsLeft = new Map(Object.entries(options.faults ?? {}).map(([path, fault]) => [path, fault.times ?? Infinity]));
  const projects = new Map(options.projects.map((project) => [normalise(project.name), project]));
  const server = http.createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0] as string;
    requests.push({
      path,
      accept: request.headers.accept,
      authorization: request.headers.authorization,
      ifNoneMatch: request.headers['if-none-match'] as string | undefined,
      range: request.headers.range,
    });
    const fault = options.faults?.[path];
    const left = faultsLeft.get(path) ?? 0;
    const respond = (): void => {
      if (fault && left > 0) {
        faultsLeft.set(path, left - 1);
        response.writeHead(fault.status ?? 200, fault.headers ?? {});
        response.end(fault.body ?? '');
        return;
      }
      serve(path, request, response, projects, options.format ?? 'accept', options.ranges ?? true);
    };
    const delay = (options.latencyMs ?? 0) + (fault && left > 0 ? (fault.delayMs ?? 0) : 0);
    if (delay > 0) setTimeout(respond, delay);
    else respond();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/simple`,
    origin,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function serve(
  path: string,
  request: http.IncomingMessage,
  response: http.ServerResponse,
  projects: Map<string, FakeProject>,
  format: 'json' | 'html' | 'accept',
  ranges: boolean,
): void {
  const page = /^\/simple\/([^/]+)\/$/.exec(path);
  if (page) {
    const project = projects.get(page[1] as string);
    if (!project || normalise(project.name) !== page[1]) {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
      return;
    }
    const etag = `"${normalise(project.name)}-${project.releases.length}"`;
    if (request.headers['if-none-match'] === etag) {
      response.writeHead(304, { etag });
      response.end();
      return;
    }
    const json =
      format === 'json' || (format === 'accept' && (request.headers.accept ?? '').includes('application/vnd.pypi.simple.v1+json'));
    const files = filesOf(project);
    if (json) {
      response.writeHead(200, { 'content-type': 'application/vnd.pypi.simple.v1+json', etag });
      response.end(
        JSON.stringify({
          meta: { 'api-version': '1.1' },
          name: normalise(project.name),
          files: files.map((file) => ({
            filename: file.filename,
            url: `../../files/${file.filename}`,
            hashes: {},
            ...(file.release.requiresPython ? { 'requires-python': file.release.requiresPython } : {}),
            ...(file.release.yanked ? { yanked: file.release.yanked } : {}),
            ...(file.release.metadataFiles !== false && file.wheel ? { 'core-metadata': true } : {}),
          })),
        }),
      );
      return;
    }
    const anchors = files.map((file) => {
      const attributes = [`href="../../files/${file.filename}"`];
      if (file.release.requiresPython) attributes.push(`data-requires-python="${escapeHtml(file.release.requiresPython)}"`);
      if (file.release.yanked) attributes.push(`data-yanked="${escapeHtml(file.release.yanked === true ? '' : file.release.yanked)}"`);
      if (file.release.metadataFiles !== false && file.wheel) attributes.push('data-dist-info-metadata="true"');
      return `<a ${attributes.join(' ')}>${file.filename}</a><br/>`;
    });
    response.writeHead(200, { 'content-type': 'text/html', etag });
    response.end(`<!DOCTYPE html><html><body>${anchors.join('\n')}</body></html>`);
    return;
  }
  const fileMatch = /^\/files\/([^/]+?)(\.metadata)?$/.exec(path);
  if (fileMatch) {
    for (const project of projects.values()) {
      const file = filesOf(project).find((candidate) => candidate.filename === fileMatch[1]);
      if (!file) continue;
      if (fileMatch[2]) {
        if (file.release.metadataFiles === false || !file.wheel) break;
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.end(metadataText(file.project, file.release));
        return;
      }
      const body = file.wheel ? wheelOf(file.project, file.release) : sdistOf(file.project, file.release);
      const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.range ?? '');
      if (ranges && range) {
        const start = range[1] === '' ? Math.max(0, body.length - Number(range[2])) : Number(range[1]);
        const end = range[1] === '' || range[2] === '' ? body.length - 1 : Math.min(Number(range[2]), body.length - 1);
        response.writeHead(206, { 'content-type': 'application/octet-stream', 'content-range': `bytes ${start}-${end}/${body.length}` });
        response.end(body.subarray(start, end + 1));
        return;
      }
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      response.end(body);
      return;
    }
  }
  response.writeHead(404, { 'content-type': 'text/plain' });
  response.end('not found');
}
