import { answerMessage } from '../../src/core/answer.js';
import { itemsOf } from './answer-parts.js';
import { catalog } from './catalog.js';

/** The codes the answer to a message explains, in order, each in its canonical form (or the name as written). */
export const codesIn = (text: string) => itemsOf(answerMessage(catalog, text)).map((item) => item.code);
