// The part of HCL that docker-bake.hcl files use, read into plain values with their lines: blocks with
// labels (`target "app" { ... }`), attributes (`args = { A = "1" }`), strings (kept as written, `${...}`
// included, for the caller to interpolate), numbers, booleans, lists and objects. JSON is read by the
// same code (an object whose keys are quoted and separated by `:`). Anything else (function calls,
// conditionals, `for` expressions, heredocs) is read as `other`: its value is unknown.

export type HclValue =
  | { kind: 'string'; text: string; line: number }
  | { kind: 'list'; items: HclValue[]; line: number }
  | { kind: 'object'; entries: Map<string, HclValue>; line: number }
  | { kind: 'other'; line: number };

interface Token {
  kind: 'word' | 'string' | 'punct' | 'newline';
  text: string;
  line: number;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === '\n') {
      tokens.push({ kind: 'newline', text: '\n', line });
      line += 1;
      i += 1;
    } else if (ch === ' ' || ch === '\t' || ch === '\r') {
      i += 1;
    } else if (ch === '#' || text.startsWith('//', i)) {
      while (i < text.length && text[i] !== '\n') i += 1;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      for (; i < stop; i++) if (text[i] === '\n') line += 1;
    } else if (ch === '"') {
      const start = line;
      let value = '';
      let depth = 0;
      i += 1;
      while (i < text.length && (text[i] !== '"' || depth > 0) && text[i] !== '\n') {
        if (text[i] === '\\') {
          const next = text[i + 1] ?? '';
          value += next === 'n' ? '\n' : next === 't' ? '\t' : next;
          i += 2;
          continue;
        }
        if (text.startsWith('${', i)) depth += 1;
        else if (text[i] === '}' && depth > 0) depth -= 1;
        value += text[i];
        i += 1;
      }
      i += 1;
      tokens.push({ kind: 'string', text: value, line: start });
    } else if (/[A-Za-z0-9_.-]/.test(ch)) {
      const start = i;
      while (i < text.length && /[A-Za-z0-9_.-]/.test(text[i] as string)) i += 1;
      tokens.push({ kind: 'word', text: text.slice(start, i), line });
    } else {
      // `<<EOT` heredocs and operators are single punctuation here; what they belong to reads as `other`.
      tokens.push({ kind: 'punct', text: ch, line });
      i += 1;
    }
  }
  return tokens;
}

/** Lists and objects nested deeper than this are read as `other` (bake files nest two or three levels). */
const MAX_DEPTH = 32;

class Parser {
  private at = 0;
  private depth = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.at];
  }

  private skipNewlines(): void {
    while (this.peek()?.kind === 'newline') this.at += 1;
  }

  /** A body: attributes and blocks until `}` or the end; blocks become nested objects keyed by their labels. */
  body(): Map<string, HclValue> {
    this.depth += 1;
    try {
      return this.blockBody();
    } finally {
      this.depth -= 1;
    }
  }

  private blockBody(): Map<string, HclValue> {
    const entries = new Map<string, HclValue>();
    for (;;) {
      this.skipNewlines();
      const first = this.peek();
      if (first === undefined || (first.kind === 'punct' && first.text === '}')) return entries;
      this.at += 1;
      if (first.kind !== 'word' && first.kind !== 'string') {
        this.skipLine();
        continue;
      }
      const next = this.peek();
      if (next?.kind === 'punct' && (next.text === '=' || next.text === ':')) {
        this.at += 1;
        entries.set(first.text, this.expression());
        continue;
      }
      const labels: string[] = [];
      while (this.peek()?.kind === 'string' || this.peek()?.kind === 'word') labels.push(this.tokens[this.at++]!.text);
      if (!(this.peek()?.kind === 'punct' && this.peek()?.text === '{')) {
        this.skipLine();
        continue;
      }
      this.at += 1;
      if (this.depth >= MAX_DEPTH) {
        this.skipLine();
        continue;
      }
      const block: HclValue = { kind: 'object', entries: this.body(), line: first.line };
      this.at += 1;
      // `target "app" {}` lands at entries.target.entries.app.
      let holder = entries;
      for (const key of [first.text, ...labels.slice(0, -1)]) {
        let child = holder.get(key);
        if (child?.kind !== 'object') {
          child = { kind: 'object', entries: new Map(), line: first.line };
          holder.set(key, child);
        }
        holder = child.entries;
      }
      const last = labels[labels.length - 1];
      if (last === undefined) holder.set(first.text, block);
      else holder.set(last, block);
    }
  }

  private skipLine(): void {
    let depth = 0;
    for (let token = this.peek(); token !== undefined; token = this.peek()) {
      if (token.kind === 'newline' && depth === 0) return;
      if (token.kind === 'punct' && '{[('.includes(token.text)) depth += 1;
      if (token.kind === 'punct' && '}])'.includes(token.text)) {
        if (depth === 0) return;
        depth -= 1;
      }
      this.at += 1;
    }
  }

  expression(): HclValue {
    this.skipNewlines();
    const token = this.peek();
    if (token === undefined) return { kind: 'other', line: 1 };
    if (this.depth >= MAX_DEPTH) {
      this.skipLine();
      return { kind: 'other', line: token.line };
    }
    this.depth += 1;
    try {
      return this.value(token);
    } finally {
      this.depth -= 1;
    }
  }

  private value(token: Token): HclValue {
    const start = this.at;
    let value: HclValue;
    if (token.kind === 'string') {
      this.at += 1;
      value = { kind: 'string', text: token.text, line: token.line };
    } else if (token.kind === 'word' && /^(?:-?[0-9][0-9.]*|true|false)$/.test(token.text)) {
      this.at += 1;
      value = { kind: 'string', text: token.text, line: token.line };
    } else if (token.kind === 'word' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(token.text)) {
      // A bare variable: `args = { CUDA = CUDA_VERSION }`.
      this.at += 1;
      value = { kind: 'string', text: `\${${token.text}}`, line: token.line };
    } else if (token.kind === 'punct' && token.text === '[') {
      this.at += 1;
      const items: HclValue[] = [];
      for (;;) {
        this.skipNewlines();
        const next = this.peek();
        if (next === undefined) break;
        if (next.kind === 'punct' && next.text === ']') {
          this.at += 1;
          break;
        }
        if (next.kind === 'punct' && next.text === ',') {
          this.at += 1;
          continue;
        }
        const before = this.at;
        items.push(this.expression());
        if (this.at === before) this.at += 1;
      }
      value = { kind: 'list', items, line: token.line };
    } else if (token.kind === 'punct' && token.text === '{') {
      this.at += 1;
      const entries = new Map<string, HclValue>();
      for (;;) {
        this.skipNewlines();
        const key = this.peek();
        if (key === undefined) break;
        this.at += 1;
        if (key.kind === 'punct' && key.text === '}') break;
        if (key.kind === 'punct' && key.text === ',') continue;
        const separator = this.peek();
        if (
          (key.kind === 'word' || key.kind === 'string') &&
          separator?.kind === 'punct' &&
          (separator.text === '=' || separator.text === ':')
        ) {
          this.at += 1;
          entries.set(key.text, this.expression());
        }
      }
      value = { kind: 'object', entries, line: token.line };
    } else {
      this.skipLine();
      return { kind: 'other', line: token.line };
    }
    // `"a" == b ? x : y`, `f(x)`, `x.y`: what follows a value on its line makes it an expression we do not evaluate.
    const after = this.peek();
    if (after !== undefined && after.kind !== 'newline' && !(after.kind === 'punct' && ',}]'.includes(after.text))) {
      this.at = start;
      this.skipLine();
      return { kind: 'other', line: token.line };
    }
    return value;
  }
}

/** A bake file's top level: HCL blocks and attributes, or a JSON object, as one map. */
export function readHcl(text: string): Map<string, HclValue> {
  const parser = new Parser(tokenize(text));
  if (text.trimStart().startsWith('{')) {
    const value = parser.expression();
    return value.kind === 'object' ? value.entries : new Map();
  }
  return parser.body();
}
