import type { Express } from 'express';

/** What Express 4 keeps per `use`/`route` in a router's stack (not in its public types). */
interface Layer {
  readonly name: string;
  readonly regexp: RegExp;
  readonly keys: readonly { readonly name: string }[];
  readonly route?: { readonly path: string; readonly methods: Readonly<Record<string, boolean>> };
  readonly handle: { readonly stack?: readonly Layer[] };
}

/** The path a `use` layer is mounted at, back from its regexp ('' at the root; `:name` for params). */
function mountPath(layer: Layer): string {
  const source = layer.regexp.source;
  if (source === '^\\/?(?=\\/|$)') return '';
  let param = 0;
  const path = source
    .replace(/^\^/, '')
    .replace(/\\\/\?\(\?=\\\/\|\$\)$/, '')
    .replace(/\(\?:\(\[\^\\\/\]\+\?\)\)/g, () => `:${layer.keys[param++]?.name ?? '?'}`)
    .replace(/\\(.)/g, '$1');
  if (/[()[\]|^$?*+]/.test(path)) throw new Error(`cannot read the mount path of /${source}/`);
  return path;
}

function walk(stack: readonly Layer[], prefix: string, routes: Set<string>): void {
  for (const layer of stack) {
    if (layer.route) {
      const path = `${prefix}${layer.route.path}`.replace(/(.)\/$/, '$1');
      for (const method of Object.keys(layer.route.methods)) routes.add(`${method.toUpperCase()} ${path}`);
    } else if (layer.handle.stack) {
      walk(layer.handle.stack, `${prefix}${mountPath(layer)}`, routes);
    }
  }
}

/**
 * Every route (`METHOD /path`, params as `:name`, no trailing slash) registered on the app,
 * through every nested router. Plain middleware (`use` of a function) is not a route and is not
 * listed; a router hidden inside a closure would not be either, so routers are mounted directly.
 */
export function registeredRoutes(app: Express): string[] {
  const routes = new Set<string>();
  const router = (app as unknown as { _router?: { stack: readonly Layer[] } })._router;
  if (!router) throw new Error('the app has no router yet');
  walk(router.stack, '', routes);
  return [...routes].sort();
}
