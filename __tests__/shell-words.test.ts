import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { endOfConstruct, tokenizeShell } from '../src/parse/shell-words.js';
import type { ShellToken } from '../src/parse/shell-words.js';

/** Words as written and operators as `<op>`, the way a reader would list them. */
function shape(tokens: ShellToken[]): string[] {
  return tokens.map((token) => (token.kind === 'word' ? token.raw : `<${token.op === '\n' ? 'NL' : token.op}>`));
}

describe('tokenizeShell: shell mode', () => {
  it('splits commands on &&, ||, ;, |, & and newlines', () => {
    const { tokens, error } = tokenizeShell('apt-get update && apt-get install -y python3.10 || true; pip freeze | grep torch &\nls');
    assert.equal(error, null);
    assert.deepEqual(shape(tokens), [
      'apt-get',
      'update',
      '<&&>',
      'apt-get',
      'install',
      '-y',
      'python3.10',
      '<||>',
      'true',
      '<;>',
      'pip',
      'freeze',
      '<|>',
      'grep',
      'torch',
      '<&>',
      '<NL>',
      'ls',
    ]);
  });

  it('keeps quotes and escapes inside the word, as written', () => {
    const text = `pip install "torch==2.1.2" 'numpy>=1.21,<2' uvicorn\\[standard\\] "a b"c`;
    const { tokens } = tokenizeShell(text);
    assert.deepEqual(shape(tokens), ['pip', 'install', '"torch==2.1.2"', "'numpy>=1.21,<2'", 'uvicorn\\[standard\\]', '"a b"c']);
  });

  it('gives every word its offsets in the text', () => {
    const text = '  pip  install "torch==2.1.2"';
    for (const token of tokenizeShell(text).tokens) {
      if (token.kind === 'word') assert.equal(text.slice(token.start, token.end), token.raw);
    }
    const torch = tokenizeShell(text).tokens[2]!;
    assert.deepEqual([torch.start, torch.end], [15, 29]);
  });

  it('keeps $(...), $((...)), ${...} and backquotes whole, with what nests in them', () => {
    const text = 'V="$(python -c "import sys; print(sys.version)")" N=$((1 + (2))) U=${A:-${B:-x y}} T=`date +%s` && echo ok';
    const { tokens, error } = tokenizeShell(text);
    assert.equal(error, null);
    assert.deepEqual(shape(tokens), [
      'V="$(python -c "import sys; print(sys.version)")"',
      'N=$((1 + (2)))',
      'U=${A:-${B:-x y}}',
      'T=`date +%s`',
      '<&&>',
      'echo',
      'ok',
    ]);
  });

  it('reads redirections, with a file descriptor when one is written', () => {
    const { tokens } = tokenizeShell('pip install x >/dev/null 2>&1 <<EOF cat <<-"END" >> log &>all');
    assert.deepEqual(shape(tokens), [
      'pip',
      'install',
      'x',
      '<>>',
      '/dev/null',
      '<2>&>',
      '1',
      '<<<>',
      'EOF',
      'cat',
      '<<<->',
      '"END"',
      '<>>>',
      'log',
      '<&>>',
      'all',
    ]);
  });

  it('treats # as a comment only at the start of a word', () => {
    const { tokens } = tokenizeShell('pip install x # and y\npip install a#b');
    assert.deepEqual(shape(tokens), ['pip', 'install', 'x', '<NL>', 'pip', 'install', 'a#b']);
  });

  it('joins lines at an escaped newline, inside a word and between words', () => {
    const { tokens } = tokenizeShell('pip install \\\n  torch==2.1\\\n.2');
    assert.deepEqual(shape(tokens), ['pip', 'install', 'torch==2.1\\\n.2']);
  });

  it('splits subshells and groups', () => {
    const { tokens } = tokenizeShell('(cd /tmp && pip install a) && { pip install b; }');
    assert.deepEqual(shape(tokens), [
      '<(>',
      'cd',
      '/tmp',
      '<&&>',
      'pip',
      'install',
      'a',
      '<)>',
      '<&&>',
      '{',
      'pip',
      'install',
      'b',
      '<;>',
      '}',
    ]);
  });

  it('uses the escape character it is given: a backquote leaves backslashes literal', () => {
    const { tokens } = tokenizeShell('pip install -r C:\\app\\req.txt `"x y', { escape: '`' });
    assert.deepEqual(shape(tokens), ['pip', 'install', '-r', 'C:\\app\\req.txt', '`"x', 'y']);
  });

  it('reports an unterminated quote or substitution where it opens, and still returns the words', () => {
    const single = tokenizeShell("pip install 'torch==2.1.2");
    assert.deepEqual(single.error, { message: 'unterminated single quote', offset: 12 });
    assert.deepEqual(shape(single.tokens), ['pip', 'install', "'torch==2.1.2"]);
    assert.deepEqual(tokenizeShell('echo "abc').error, { message: 'unterminated double quote', offset: 5 });
    assert.deepEqual(tokenizeShell('echo $(date').error, { message: 'unterminated $(...) command substitution', offset: 5 });
    assert.deepEqual(tokenizeShell('echo ${X:-a').error, { message: 'unterminated ${...} expansion', offset: 5 });
    assert.deepEqual(tokenizeShell('echo `date').error, { message: 'unterminated backquote', offset: 5 });
  });
});

describe('tokenizeShell: word mode (BuildKit instruction arguments)', () => {
  it('splits on blanks only: operators and comments are plain text', () => {
    const { tokens } = tokenizeShell('<<EOF cat&&x #y $(a b)', { operators: false });
    assert.deepEqual(shape(tokens), ['<<EOF', 'cat&&x', '#y', '$(a', 'b)']);
  });

  it('keeps quoted blanks and ${...} defaults in one word', () => {
    const { tokens } = tokenizeShell('FOO="a b" BAR=${X:-c d} \'e f\'', { operators: false });
    assert.deepEqual(shape(tokens), ['FOO="a b"', 'BAR=${X:-c d}', "'e f'"]);
  });
});

describe('endOfConstruct', () => {
  it('finds the end of a nested substitution', () => {
    const text = 'x$(a "$(b)" `c`)y';
    assert.equal(text.slice(1, endOfConstruct(text, 1)), '$(a "$(b)" `c`)');
    assert.equal(endOfConstruct('${a', 0), 3);
  });
});

describe('tokenizeShell: hostile input', () => {
  it('reads deep nesting and long runs without a stack overflow', () => {
    const deep = '$('.repeat(50_000) + ')'.repeat(50_000);
    const result = tokenizeShell(deep);
    assert.equal(result.error, null);
    assert.equal(result.tokens.length, 1);
    assert.deepEqual(tokenizeShell('"'.repeat(100_001)).error, { message: 'unterminated double quote', offset: 100_000 });
    assert.deepEqual(
      tokenizeShell(' '.repeat(200_000) + '\\').tokens.map((token) => token.start),
      [200_000],
    );
  });
});
