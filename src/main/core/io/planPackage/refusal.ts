// A refusal of a file from elsewhere (a plan package, a return file): the first check
// that fails answers, with a stable reason key (its words are the catalog's) and the
// values those words name.

export class Refused extends Error {
  constructor(
    readonly reason: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(reason);
  }
}

export const refuse = (reason: string, params: Record<string, string | number> = {}): never => {
  throw new Refused(reason, params);
};
