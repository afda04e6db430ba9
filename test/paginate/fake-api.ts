// A fake Alibaba Cloud for pagination and waiter tests: the real clients (signing,
// flattening, validation) talk to a handler that answers per action.
import { createEciClient, createSlbClient, createVpcClient } from "../../src/index.js";

/** One request as the handler sees it: the action and its decoded wire parameters. */
export interface FakeCall {
  action: string;
  params: Record<string, string>;
}

/** Returns the JSON body of a 200 answer, or a full Response (errors). */
export type FakeHandler = (call: FakeCall, signal?: AbortSignal) => unknown;

/** A fetch that routes each signed request to `handler`, recording every call unless `record` is false. */
export function fakeApi(handler: FakeHandler, { record = true } = {}) {
  const calls: FakeCall[] = [];
  let count = 0;
  const fetch = async (input: string, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(input);
    const headers = (init.headers ?? {}) as Record<string, string>;
    const call: FakeCall = {
      action: headers["x-acs-action"] ?? "",
      params: Object.fromEntries(url.searchParams),
    };
    count++;
    if (record) calls.push(call);
    const answer = await handler(call, init.signal ?? undefined);
    if (answer instanceof Response) return answer;
    return new Response(JSON.stringify({ RequestId: `req-${count}`, ...(answer as object) }), {
      status: 200,
      headers: { "content-type": "application/json" },
    });
  };
  const options = {
    regionId: "cn-hangzhou",
    credentials: { accessKeyId: "id", accessKeySecret: "secret" },
    endpoint: "http://fake.test",
    fetch,
    retry: false as const,
  };
  return {
    calls,
    /** requests answered so far */
    get count() {
      return count;
    },
    eci: createEciClient(options),
    vpc: createVpcClient(options),
    slb: createSlbClient(options),
  };
}

/** A POP error answer. */
export const popFailure = (status: number, code: string, message = `${code} happened`) =>
  new Response(JSON.stringify({ RequestId: "req-err", Code: code, Message: message }), {
    status,
    headers: { "content-type": "application/json" },
  });
