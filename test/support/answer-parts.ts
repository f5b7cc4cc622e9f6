import type { Answer } from '../../src/core/answer.js';

export { itemsOf } from '../../src/core/answer.js';

/** A search answer's hits and terms; undefined for every other kind of answer. */
export function searchOf(answer: Answer) {
  return answer.kind === 'search' ? answer.search : undefined;
}
