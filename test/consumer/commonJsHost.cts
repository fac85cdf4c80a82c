/**
 * A CommonJS host (a .cts file: its imports compile to `require`, resolved with the `require`
 * condition), and the boundary of the public surface: a package's internals are not importable by
 * deep path, because `exports` lists only its entry points.
 */
import * as kompetentaCore from '@kompetenta/core';
import * as courseBuilder from '@kompetenta/course-builder';

export const registry = kompetentaCore.errorRegistry;
export const validate = courseBuilder.validateCourse;

// @ts-expect-error — dist/ files are not part of the package's exports
import type * as deepPath from '@kompetenta/core/dist/errors/AppError';
export type DeepPath = typeof deepPath;
