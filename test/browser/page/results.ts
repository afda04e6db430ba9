// What the console page writes into `<pre id="result">` once it is done; the test reads it.

/** One container group as the page listed it. */
export interface ListedGroup {
  id: string;
  name: string;
  status: string;
}

/** The page's findings, as JSON in the DOM. */
export interface ConsoleResults {
  /** every group `paginate` yielded, in order */
  groups: ListedGroup[];
  /** the image cache the page created and waited for */
  cache?: {
    id: string;
    status: string;
    /** each `onProgress` report: status and detail (`45%`) */
    progress: { status: string | undefined; detail: string | undefined }[];
  };
  /** the call the proxy's allow-list refused */
  denied?: {
    /** `instanceof PopError` in the page (PermissionError is one) */
    isPopError: boolean;
    name: string;
    /** PopError.kind: `permission` for a 403 */
    kind: string;
    code: string;
    statusCode: number;
    requestId: string | undefined;
    message: string;
  };
  /** set when something unexpected was thrown; the page still finishes */
  failure?: string;
}
