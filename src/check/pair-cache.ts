// A question about two things, answered once per pair for the whole check.

/** The answer stored under (`first`, `second`), computed by `answer` the first time it is asked. */
export function answerOnce<A, B, V>(cache: Map<A, Map<B, V>>, first: A, second: B, answer: () => V): V {
  let answers = cache.get(first);
  if (!answers) {
    answers = new Map();
    cache.set(first, answers);
  }
  let known = answers.get(second);
  if (known === undefined) {
    known = answer();
    answers.set(second, known);
  }
  return known;
}
