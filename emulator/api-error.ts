/** An API error answered as JumpCloud does: `{code, message, status}` per the spec, plus `error` as real responses carry. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Payload Too Large",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
};

export function statusText(status: number): string {
  return STATUS_TEXT[status] ?? "Error";
}

export function errorBody(status: number, message: string): Record<string, unknown> {
  return { code: status, message, status: statusText(status), error: statusText(status) };
}
