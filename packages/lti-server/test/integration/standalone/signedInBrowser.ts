import { generateOpaqueToken, hashOpaqueToken, type Stores, type WebAccess } from '@kompetenta/core';
import type { ManualClock } from '@kompetenta/test-utils';
import type { Express } from 'express';
import request from 'supertest';
import { HANDOFF_PATH } from '../../../src/session/handoff';

/** A signed-in browser: the handoff's session cookie and the CSRF cookie, kept between requests. */
export async function signedIn(
  server: Express,
  stores: Stores,
  clock: ManualClock,
  who: { id: string; organisationId: string; access: WebAccess },
) {
  const jar = new Map<string, string>();
  const keep = (res: request.Response) => {
    for (const raw of ([] as string[]).concat((res.headers['set-cookie'] as string[] | undefined) ?? [])) {
      const [name, value] = raw.split(';')[0]!.split('=');
      if (value) jar.set(name!, value);
    }
    return res;
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  // A handoff link with the person's own access (the LTI handoff always gives org_admin).
  const token = generateOpaqueToken();
  await stores.signInLinks.create({
    tokenHash: hashOpaqueToken(token),
    personId: who.id,
    organisationId: who.organisationId,
    purpose: 'handoff',
    access: who.access,
    createdAt: clock.now(),
    expiresAt: new Date(clock.now().getTime() + 60_000),
  });
  keep(await request(server).get(`${HANDOFF_PATH}?token=${token}`));
  const get = async (path: string) =>
    keep(await request(server).get(path).set('Cookie', cookie()).set('Accept', 'text/html'));
  return {
    get,
    /** The Cookie header this browser sends (for requests the helpers here do not make). */
    cookie,
    /** Posts `form` to `action` with the CSRF token of the page at `pagePath`. */
    async submit(form: Record<string, string>, action = '/org/events/invitations', pagePath = '/org/events') {
      const page = await get(pagePath);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
      return keep(
        await request(server)
          .post(action)
          .set('Cookie', cookie())
          .set('Accept', 'text/html')
          .type('form')
          .send({ ...form, _csrf: csrf }),
      );
    },
  };
}
