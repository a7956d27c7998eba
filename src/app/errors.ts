// Owns the error shape use cases return: a stable, log-safe code plus a
// sentence a practitioner understands. Cards show the message; logs the code.
export class UseCaseError extends Error {
  constructor(readonly code: string, readonly userMessage: string, readonly details?: Record<string, string>) {
    super(`${code}: ${userMessage}`);
  }
}

export class AccessDeniedError extends UseCaseError {
  constructor(code = 'ACCESS_DENIED', userMessage = "You don't have access to this. If you think you should, ask your team manager or administrator.") {
    super(code, userMessage);
  }
}

export type Result<T, E extends string = string> = { ok: true; value: T } | { ok: false; code: E; message: string };
