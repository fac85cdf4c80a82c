import { describeEachEngine } from '@kompetenta/test-utils';
import { expect } from 'chai';
import request from 'supertest';
import {
  authorize,
  createLaunchWorld,
  learner,
  loginParams,
  PUBLIC_URL,
  type LaunchWorld,
} from './launchHarness';

interface StorageConfig {
  mode: 'put' | 'get';
  target: string;
  origin: string;
  key: string;
  value?: string;
  next?: string;
}

function storageConfig(html: string): StorageConfig {
  const json = /<script type="application\/json" id="kompetenta-lti-storage">([^<]*)<\/script>/.exec(
    html,
  )?.[1];
  if (json === undefined) throw new Error(`no storage config in the page:\n${html}`);
  return JSON.parse(json) as StorageConfig;
}

function hiddenFields(html: string): Record<string, string> {
  const decode = (text: string) =>
    text.replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)));
  const fields: Record<string, string> = {};
  for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)"/g)) {
    fields[decode(name ?? '')] = decode(value ?? '');
  }
  return fields;
}

/** A launch that got through: the landing page, or (once the player lands) its redirect. */
function expectLaunched(res: request.Response): void {
  expect([200, 303], res.text).to.include(res.status);
  expect(res.text).not.to.contain('LTI_');
}

describeEachEngine(
  'LTI launch inside the LMS frame: platform storage and the new-window path',
  (database) => {
    let world: LaunchWorld;
    let peopleBefore: number;
    before(async () => {
      world = await createLaunchWorld(database());
    });
    beforeEach(async () => {
      peopleBefore = await world.peopleCount();
    });
    after(() => world.close());

    /** A login with `lti_storage_target`: the page that keeps the binding in the platform's storage. */
    async function storageLogin(hint: string) {
      world.emulator.prepareLaunch(hint, { user: learner(), course: 'handledare' });
      const res = await request(world.app)
        .get('/lti/login')
        .query(loginParams(world, hint, { lti_storage_target: '_parent' }))
        .expect(200);
      const put = storageConfig(res.text);
      const form = await authorize(new URL(String(put.next)));
      return { put, form, page: res.text };
    }

    it('keeps the binding in platform storage at login and launches without a cookie', async () => {
      const { put, form, page } = await storageLogin('hint-storage');
      expect(put).to.include({
        mode: 'put',
        target: '_parent',
        origin: new URL(world.emulator.authUrl).origin,
      });
      expect(put.key).to.match(/^kompetenta_lti_/);
      expect(put.value).to.have.length.greaterThan(40);
      expect(page).to.contain(`<script src="${PUBLIC_URL}/lti/assets/lti-storage.js"></script>`);
      expect(new URL(String(put.next)).origin).to.equal(new URL(world.emulator.authUrl).origin);

      // The id_token arrives without the cookie (blocked in the frame): the page that reads storage.
      const bridge = await request(world.app).post('/lti/launch').type('form').send(form.fields).expect(200);
      const get = storageConfig(bridge.text);
      expect(get).to.deep.equal({ mode: 'get', target: '_parent', origin: put.origin, key: put.key });
      expect(await world.peopleCount(), 'nothing stored before the binding is checked').to.equal(
        peopleBefore,
      );
      const fields = hiddenFields(bridge.text);
      expect(fields).to.include({
        id_token: form.fields.id_token,
        state: form.fields.state,
        lti_storage_binding: '',
      });

      // What the script posts after lti.get_data answered with the value it put.
      const launched = await request(world.app)
        .post('/lti/launch')
        .type('form')
        .send({ ...fields, lti_storage_binding: put.value });
      expectLaunched(launched);
      expect(await world.peopleCount()).to.equal(peopleBefore + 1);

      const replay = await request(world.app)
        .post('/lti/launch')
        .type('form')
        .send({ ...fields, lti_storage_binding: put.value });
      expect(replay.status).to.equal(400);
      expect(replay.text).to.contain('LTI_STATE_UNKNOWN');
    });

    it('refuses a storage value that is not the one put at login, storing nothing', async () => {
      const { form } = await storageLogin('hint-storage-wrong');
      const res = await request(world.app)
        .post('/lti/launch')
        .type('form')
        .send({ ...form.fields, lti_storage_binding: 'not-the-secret' });
      expect(res.status).to.equal(403);
      expect(res.text).to.contain('LTI_STATE_BROWSER_MISMATCH').and.not.contain('nytt fönster');
      expect(await world.peopleCount()).to.equal(peopleBefore);
    });

    it('offers a new window when neither the cookie nor platform storage came back, and that window launches', async () => {
      world.emulator.prepareLaunch('hint-blocked', { user: learner(), course: 'handledare' });
      const params = loginParams(world, 'hint-blocked', { lti_message_hint: 'message-42' });
      const login = await request(world.app).get('/lti/login').query(params).expect(302);
      const form = await authorize(new URL(String(login.headers.location)));
      const blocked = await request(world.app).post('/lti/launch').type('form').send(form.fields);
      expect(blocked.status).to.equal(403);
      expect(blocked.text)
        .to.contain('<html lang="sv">')
        .and.contain('Öppna kursen i ett nytt fönster')
        .and.contain('lang="en"')
        .and.contain('target="_blank"')
        .and.contain(`action="${PUBLIC_URL}/lti/login"`)
        .and.contain('LTI_STATE_BROWSER_MISMATCH');
      expect(blocked.text.match(/<h1[\s>]/g)).to.have.length(1);
      expect(await world.peopleCount()).to.equal(peopleBefore);
      const restart = hiddenFields(blocked.text);
      expect(restart).to.deep.equal(params);

      // The new window: a first-party browser that starts the login again and keeps its cookie.
      const window = request.agent(world.app);
      const again = await window.get('/lti/login').query(restart).expect(302);
      const relaunch = await authorize(new URL(String(again.headers.location)));
      expectLaunched(await window.post('/lti/launch').type('form').send(relaunch.fields));
      expect(await world.peopleCount()).to.equal(peopleBefore + 1);
    });

    it('refuses a frame name that is not one', async () => {
      const res = await request(world.app)
        .get('/lti/login')
        .query(loginParams(world, 'hint-bad-target', { lti_storage_target: 'x"><script>' }));
      expect(res.status).to.equal(400);
      expect(res.text).to.contain('LTI_LOGIN_INVALID');
    });

    it('serves the storage script', async () => {
      const res = await request(world.app).get('/lti/assets/lti-storage.js').expect(200);
      expect(res.headers['content-type']).to.match(/javascript/);
      expect(res.text).to.contain("'lti.' + config.mode + '_data'");
    });
  },
);
