/** Every parse or execution failure of a template, with Go's message text. */
export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

/**
 * Thrown by a FuncMap function when an argument has the wrong Go type: reported as Go's
 * reflect check does (`wrong type for value; expected string; got float64`), not as
 * `error calling f: ...`.
 */
export class ArgTypeError extends Error {
  constructor(expected: string, got: string) {
    super(`wrong type for value; expected ${expected}; got ${got}`);
    this.name = 'ArgTypeError';
  }
}

/** Thrown by a FuncMap function whose arity does not match: `wrong number of args for f: want N got M`. */
export class ArgCountError extends Error {
  constructor(readonly want: number, readonly got: number, readonly variadic = false) {
    super(`want ${variadic ? 'at least ' : ''}${want} got ${got}`);
    this.name = 'ArgCountError';
  }
}
