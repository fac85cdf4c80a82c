import { AppError } from '@kompetenta/core';

/**
 * The two requests of Dynamic Registration to the platform, with the registration token as a
 * bearer token on both (Moodle requires it on the configuration too) and a time limit. Anything
 * but a 2xx JSON answer is LTI_REGISTRATION_FAILED, naming the URL and status.
 */
export async function platformRequest(
  url: string,
  init: { method: 'GET' | 'POST'; token: string | null; body?: unknown; timeoutMs: number },
): Promise<unknown> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.token !== null) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method,
      headers,
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      redirect: 'error',
      signal: AbortSignal.timeout(init.timeoutMs),
    });
  } catch (error) {
    throw new AppError(
      'LTI_REGISTRATION_FAILED',
      `${init.method} ${url} failed: ${error instanceof Error ? error.message : String(error)}`,
      { url },
      { cause: error },
    );
  }
  const text = await response.text();
  if (!response.ok) {
    throw new AppError('LTI_REGISTRATION_FAILED', `${init.method} ${url} answered ${response.status}.`, {
      url,
      status: response.status,
      body: text.slice(0, 500),
    });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new AppError(
      'LTI_REGISTRATION_FAILED',
      `${init.method} ${url} did not answer JSON.`,
      { url },
      { cause: error },
    );
  }
}
