// Reading a request body without trusting its size: the proxy and the fake cloud both stop
// at a limit, and neither keeps more than that in memory.

/**
 * The stream's text, or undefined as soon as it passes `limit` bytes (the rest is not
 * read). The cancel is not awaited: the cancel of a tee'd stream (msw clones requests)
 * settles only once the other branch is cancelled too.
 */
export async function readTextUpTo(
  stream: ReadableStream<Uint8Array>,
  limit: number,
): Promise<string | undefined> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}
