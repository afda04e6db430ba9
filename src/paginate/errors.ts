/**
 * A listing cannot go on safely: the server handed back a token it had already given
 * (which would loop forever), or the item list was not a list. Items already yielded
 * are valid; the ones after them were not fetched.
 */
export class PaginationError extends Error {
  /** always `PaginationError` */
  override name = "PaginationError";
  /** the action being paged */
  readonly action: string;
  /** number of the page that was answered last (from 1 for token-style actions) */
  readonly pageNumber: number;

  constructor(action: string, pageNumber: number, message: string) {
    super(`${action}: ${message} (after page ${pageNumber})`);
    this.action = action;
    this.pageNumber = pageNumber;
  }
}
