/**
 * Responses as the go-swagger server writes them: payloads as JSON followed by a newline,
 * string payloads (errors of the handlers) as a JSON string, errors of the OpenAPI layer as
 * {"code":..,"message":..} without newline, empty bodies without a content type.
 */
import type { SwaggerError } from './decode.js';
import { goJSONString } from './encode.js';

export interface Reply {
  status: number;
  /** The body, or null for none. Bodies are always JSON. */
  body: string | null;
  headers?: Record<string, string>;
}

/** A model payload (already JSON text). */
export function jsonReply(status: number, json: string): Reply {
  return { status, body: `${json}\n` };
}

/** A handler's string payload, e.g. an error text ("silence not found"). */
export function stringReply(status: number, msg: string): Reply {
  return jsonReply(status, goJSONString(msg));
}

export function emptyReply(status: number): Reply {
  return { status, body: null };
}

/** go-openapi errors.ServeError. */
export function apiErrorReply(status: number, code: number, message: string, headers?: Record<string, string>): Reply {
  const r: Reply = { status, body: `{"code":${code},"message":${goJSONString(message)}}` };
  if (headers !== undefined) r.headers = headers;
  return r;
}

export function swaggerErrorReply(e: SwaggerError): Reply {
  return apiErrorReply(e.status, e.code, e.message);
}
