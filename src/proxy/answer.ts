// The answers the proxy makes itself, in the PopError body shape the page's client reads.

/** A refusal or failure: the HTTP status and the JSON body for the browser. */
export interface Failure {
  status: number;
  body: { RequestId: string; Code: string; Message: string; [field: string]: unknown };
}

export const fail = (
  status: number,
  code: string,
  message: string,
  extra: object = {},
): Failure => ({
  status,
  body: { RequestId: crypto.randomUUID(), Code: code, Message: message, ...extra },
});

export const json = (status: number, body: unknown, headers?: Record<string, string>) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
