// What a signing client loads on its first call, as one module so that browsers fetch
// it as one chunk: the signer, the credentials resolver and the validator.
export { resolveCredentials } from "../credentials/resolve.js";
export { createSigningTransport } from "../transport/signing.js";
export { validate } from "./validate.js";
