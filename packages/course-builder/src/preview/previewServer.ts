import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import { AppError, isAppError } from '@kompetenta/core';
import type { ScormVersion } from '@kompetenta/scorm-runtime';
import { packageEntries, prepareCourse } from '../buildCourse';
import { contentType, harnessFiles } from './harnessFiles';

/**
 * What {@link startPreview} serves: course `slug` from `coursesDir`, packaged as `version`, on
 * `port` (0: any free port) of `host` (default `127.0.0.1`).
 */
export interface PreviewOptions {
  readonly coursesDir: string;
  readonly slug: string;
  readonly version: ScormVersion;
  readonly port: number;
  readonly host?: string;
}

/** A running preview: `url` opens the stand-in LMS page with the course launched. */
export interface PreviewServer {
  readonly url: string;
  /** Stops listening; resolves once the server is closed. */
  close(): Promise<void>;
}

/**
 * Serves a course for authors: the stand-in LMS page at `/` (scorm-again, every call and the data
 * model shown live) and the package at `/course/`. The course is rebuilt from source each time
 * `/course/index.html` is loaded, so a browser reload shows the author's latest edits; source
 * problems are shown as a plain list instead of the course.
 */
export async function startPreview(options: PreviewOptions): Promise<PreviewServer> {
  let files = new Map<string, Buffer>();
  const rebuild = async (): Promise<void> => {
    const entries = await packageEntries(prepareCourse(options.coursesDir, options.slug), options.version);
    files = new Map(entries.map((e) => [e.path, e.data]));
  };
  await rebuild();
  const app = express();
  for (const [path, file] of harnessFiles()) {
    app.get(path, (_req, res) => void res.type(file.type).send(file.data));
  }
  app.get('/course/*', (req: Request, res: Response, next: NextFunction) => {
    const path = decodeURIComponent(req.path.slice('/course/'.length)) || 'index.html';
    const serve = (): void => {
      const data = files.get(path);
      if (data) res.type(contentType(path)).send(data);
      else res.status(404).type('text/plain').send(`Not in the package: ${path}`);
    };
    if (path !== 'index.html') return serve();
    rebuild().then(serve, (error: unknown) => {
      if (isAppError(error, 'COURSE_SOURCE_INVALID'))
        res.status(500).type('text/plain; charset=utf-8').send(error.message);
      else next(error);
    });
  });
  const host = options.host ?? '127.0.0.1';
  const server = await new Promise<ReturnType<typeof app.listen>>((resolve, reject) => {
    const s = app.listen(options.port, host, () => resolve(s));
    s.on('error', (error) =>
      reject(
        new AppError('COURSE_PREVIEW_FAILED', `Cannot listen on ${host}:${options.port}: ${error.message}`),
      ),
    );
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}/?version=${options.version}&launch=course/index.html`,
    close: () =>
      new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
