import { answerMessage } from '../../src/core/answer.js';
import { catalog } from './catalog.js';

/** The codes the answer to a message explains, in order: Intune, Windows Update, decoded or as written. */
export const codesIn = (text: string) =>
  answerMessage(catalog, text).items.map((item) =>
    item.kind === 'intune'
      ? item.entry.code
      : item.kind === 'windows-update'
        ? item.wu.code
        : (item.decode?.code ?? item.token.name),
  );
