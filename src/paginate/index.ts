export { PaginationError } from "./errors.js";
export { paginate } from "./items.js";
export { paginatePages } from "./pages.js";
export type {
  Page,
  PageableAction,
  PageableClient,
  PageInput,
  PageItem,
  PageResponse,
  PagesOf,
  PaginateOptions,
} from "./types.js";
