import { AppError } from '@kompetenta/core';
import type { Express } from 'express';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { Server as NetServer, type AddressInfo } from 'node:net';

/**
 * After stop() begins, idle keep-alive connections stay open this long, so requests already on
 * their way on them are answered (with `Connection: close`) rather than reset; the soak found
 * clients' commits reset when idle connections were cut at the signal.
 */
const IDLE_GRACE_MS = 1_000;

/** A listening HTTP server and how to stop it gracefully. */
export interface RunningServer {
  readonly server: Server;
  /** The port actually bound (useful with port 0 in tests). */
  readonly port: number;
  /**
   * Stops accepting connections, lets in-flight requests finish, closes idle keep-alive
   * connections at once and cuts the rest after `timeoutMs`.
   */
  stop(timeoutMs: number): Promise<void>;
}

/** A certificate and its private key (PEM) for serving HTTPS directly. */
export interface TlsCredentials {
  readonly cert: Buffer | string;
  readonly key: Buffer | string;
}

/** Serves `app` over HTTP, or over HTTPS when `tls` is given; both stop the same graceful way. */
export function listen(
  app: Express,
  port: number,
  host: string | undefined,
  tls?: TlsCredentials,
): Promise<RunningServer> {
  const server: Server = tls ? createHttpsServer({ cert: tls.cert, key: tls.key }, app) : createServer(app);
  const inFlight = new Set<ServerResponse>();
  let stopping = false;
  let idleGraceOver = false;
  // Before the app's own listener, which may answer synchronously.
  server.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => {
    inFlight.add(res);
    // While stopping, a request on a kept-alive connection is answered, and the connection closed.
    if (stopping) res.setHeader('Connection', 'close');
    res.on('close', () => {
      inFlight.delete(res);
      // A keep-alive connection would otherwise hold shutdown open until the client drops it.
      if (idleGraceOver) server.closeIdleConnections();
    });
  });
  const stop = (timeoutMs: number) => {
    stopping = true;
    for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
    const grace = setTimeout(
      () => {
        idleGraceOver = true;
        server.closeIdleConnections();
      },
      Math.min(IDLE_GRACE_MS, timeoutMs),
    );
    grace.unref();
    return stopServer(server, timeoutMs);
  };
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE')
        reject(
          new AppError(
            'APP_PORT_IN_USE',
            `Port ${port} is already in use; stop the other process or set PORT.`,
          ),
        );
      else if (error.code === 'EACCES')
        reject(
          new AppError(
            'APP_CONFIG_INVALID',
            `Not allowed to listen on port ${port}; choose a PORT above 1023.`,
          ),
        );
      else reject(error);
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve({
        server,
        port: (server.address() as AddressInfo).port,
        stop,
      });
    });
  });
}

function stopServer(server: Server, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => server.closeAllConnections(), timeoutMs);
    timer.unref();
    // net.Server's close stops accepting but, unlike http.Server's, does not cut idle keep-alive
    // connections at once: a request a client has just written on one (unread yet under load) is
    // answered instead of reset. They are closed after IDLE_GRACE_MS (see stop).
    NetServer.prototype.close.call(server, () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
