/** At most this much of standard input is read: a day of an agent's log, not an endless stream. */
export const STDIN_LIMIT_BYTES = 1024 * 1024;

export interface StdinText {
  text: string;
  /** There was more than `limit` bytes; only the first `limit` were read. */
  truncated: boolean;
}

/**
 * Standard input as text, up to `limit` bytes. UTF-8 unless a byte order mark
 * says UTF-16 (Windows tools write logs that way; `type log.txt | intune-err`).
 */
export async function readInput(
  stream: AsyncIterable<Buffer | string>,
  limit: number = STDIN_LIMIT_BYTES,
): Promise<StdinText> {
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    if (size + bytes.length > limit) {
      chunks.push(bytes.subarray(0, limit - size));
      truncated = true;
      // Leaving the loop destroys the stream: the writer gets EPIPE instead of filling memory.
      break;
    }
    chunks.push(bytes);
    size += bytes.length;
  }
  return { text: decode(Buffer.concat(chunks)), truncated };
}

function decode(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  // TextDecoder drops a UTF-8 byte order mark and turns a character cut at the limit into U+FFFD.
  return new TextDecoder('utf-8').decode(bytes);
}
