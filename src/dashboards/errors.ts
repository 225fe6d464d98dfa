/**
 * Errors of the dashboards module. DashboardApiError carries the HTTP status and Grafana's
 * JSON body ({message} or {message, status}) the API answers with.
 */

export class DashboardApiError extends Error {
  override name = 'DashboardApiError';
  /**
   * @param code HTTP status code.
   * @param status Grafana's machine-readable status ("version-mismatch", "name-exists", ...),
   *   present in the body only when set.
   */
  constructor(
    message: string,
    readonly code: number,
    readonly status?: string,
  ) {
    super(message);
  }

  /** The JSON body Grafana answers with. */
  body(): Record<string, string> {
    return this.status === undefined ? { message: this.message } : { message: this.message, status: this.status };
  }
}

/** A dashboard JSON that does not have the shape Grafana's model requires (400). */
export class DashboardValidationError extends DashboardApiError {
  override name = 'DashboardValidationError';
  constructor(message: string) {
    super(message, 400);
  }
}

/** A provisioning file (YAML or dashboard JSON) that cannot be used; logged, never fatal. */
export class ProvisioningError extends Error {
  override name = 'ProvisioningError';
  constructor(
    message: string,
    readonly file: string,
  ) {
    super(`${file}: ${message}`);
  }
}

export function errMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
