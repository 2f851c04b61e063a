import { PermanentError } from "../../errors";

/**
 * The body of `response` as text, refusing one larger than `maxBytes` without holding more than
 * that: a declared `content-length` over the cap fails before reading, and a body that streams
 * past it is cancelled at once, which closes the connection. Bytes are counted after decoding
 * (`content-encoding`), so a small compressed body cannot unpack into a huge one.
 */
export async function readCappedBody(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return "";
  const tooLarge = () => new PermanentError(`response body is larger than ${maxBytes.toLocaleString("en-US")} bytes`);
  const encoded = (response.headers.get("content-encoding") ?? "identity") !== "identity";
  if (!encoded && Number(response.headers.get("content-length")) > maxBytes) {
    await response.body.cancel().catch(() => {});
    throw tooLarge();
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}
