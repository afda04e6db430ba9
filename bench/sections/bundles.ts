// Browser bundle sizes of the two pages of issue 9, and the official SDK's failure.
import { BundleError, type BundleMeasure, byArea, measureBundle, PAGES } from "../lib/bundle.js";

export type PageSize = Omit<BundleMeasure, "code"> & {
  areas: { area: string; bytes: number }[];
  hasSigningCode: boolean;
};

export interface BundlesResult {
  proxy: PageSize;
  sts: PageSize;
  official:
    | { bundled: false; errorCount: number; errors: string[] }
    | { bundled: true; gzipBytes: number };
}

async function page(name: keyof typeof PAGES): Promise<PageSize> {
  const { page, lazy } = PAGES[name];
  const { code, ...measure } = await measureBundle(page, lazy);
  return {
    ...measure,
    areas: byArea(measure.modules),
    hasSigningCode:
      code.includes("ACS3-HMAC-SHA256") ||
      measure.modules.some((m) => m.path.includes("@noble/hashes")),
  };
}

export async function bundles(): Promise<BundlesResult> {
  let official: BundlesResult["official"];
  try {
    const measure = await measureBundle("bench/fixtures/official-page.js");
    official = { bundled: true, gzipBytes: measure.gzipBytes };
  } catch (error) {
    if (!(error instanceof BundleError)) throw error;
    official = {
      bundled: false,
      errorCount: error.errors.length,
      errors: error.errors.slice(0, 4),
    };
  }
  return { proxy: await page("proxy"), sts: await page("sts"), official };
}
