/**
 * The SDK's XML parser builds every text value one character at a time: the credential report's
 * base64 Content (1.5 million characters at 10,000 users) became 47 MiB of string pieces alive at
 * once, a spike that grows with the number of users. This middleware takes Content out of the raw
 * response by a byte search, before the parser runs, and hands the parser the rest.
 */
import type { DeserializeHandler, DeserializeHandlerArguments, DeserializeMiddleware, MetadataBearer } from '@smithy/types';

const OPEN = Buffer.from('<Content>');
const CLOSE = Buffer.from('</Content>');

interface RawResponse {
  statusCode?: number;
  body?: unknown;
}

interface CommandWithStack {
  readonly middlewareStack: { add(middleware: DeserializeMiddleware<object, MetadataBearer>, options: { step: 'deserialize'; priority: 'low'; name: string }): void };
}

/**
 * Lifts the Content of a GetCredentialReport command's successful response; the returned
 * function gives the decoded bytes, or undefined when the response held none (or never reached
 * the network, as with client mocks in tests: then the SDK's own output holds it).
 */
export function liftReportContent(command: CommandWithStack): () => Uint8Array | undefined {
  let lifted: Uint8Array | undefined;
  const middleware: DeserializeMiddleware<object, MetadataBearer> =
    (next: DeserializeHandler<object, MetadataBearer>) => async (args: DeserializeHandlerArguments<object>) => {
      const result = await next(args);
      const response = result.response as RawResponse;
      if (response.statusCode !== 200 || !isAsyncIterable(response.body)) return result;
      const xml = await readAll(response.body);
      const open = xml.indexOf(OPEN);
      const close = open < 0 ? -1 : xml.indexOf(CLOSE, open);
      if (close < 0) {
        response.body = xml;
        return result;
      }
      lifted = Buffer.from(xml.toString('latin1', open + OPEN.length, close), 'base64');
      response.body = Buffer.concat([xml.subarray(0, open + OPEN.length), xml.subarray(close)]);
      return result;
    };
  // Deserialize step, low priority: inside the SDK's deserializer, so it sees the raw response first.
  command.middlewareStack.add(middleware, { step: 'deserialize', priority: 'low', name: 'bulwarkLiftReportContent' });
  return () => lifted;
}

function isAsyncIterable(body: unknown): body is AsyncIterable<Uint8Array> {
  return typeof body === 'object' && body !== null && Symbol.asyncIterator in body;
}

async function readAll(body: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return Buffer.concat(chunks);
}
