// Reading a response body with a byte limit, shared by the CLI's URL input and safe-fetch. Kept apart from
// safe-fetch so that reading a URL from the command line does not load undici.

/** Reads a body chunk by chunk, throwing `tooLarge()` as soon as it passes the limit (or when the declared length does). */
export async function readCapped(
  body: Pick<ReadableStream<Uint8Array>, 'getReader' | 'cancel'> | null,
  declaredLength: string | null,
  maxBytes: number,
  tooLarge: () => Error,
): Promise<Uint8Array> {
  const declared = Number(declaredLength ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
