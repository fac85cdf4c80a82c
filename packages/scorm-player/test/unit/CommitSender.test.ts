import { expect } from 'chai';
import { CommitSender, type CommitTransport, type SaveState } from '../../src/CommitSender';

interface Request {
  readonly url: string;
  readonly body: { seq: number; cmi: Record<string, unknown> };
  answer(status: number, text?: string): void;
}

/** A transport whose answers the test gives one by one, and timers the test fires by hand. */
function harness() {
  const posts: Request[] = [];
  const beacons: { url: string; body: { seq: number } }[] = [];
  const timers: { callback: () => void; ms: number }[] = [];
  const states: SaveState[] = [];
  let beaconAccepts = true;
  const transport: CommitTransport = {
    post: (url, body) =>
      new Promise((resolve) => {
        posts.push({
          url,
          body: JSON.parse(body) as Request['body'],
          answer: (status, text = status === 200 ? '{"result":true,"errorCode":0}' : '') =>
            resolve({ status, text }),
        });
      }),
    beacon: (url, body) => {
      beacons.push({ url, body: JSON.parse(body) as { seq: number } });
      return beaconAccepts;
    },
  };
  const sender = new CommitSender(
    transport,
    {
      setTimeout: (callback, ms) => timers.push({ callback, ms }),
      clearTimeout: () => timers.splice(0),
    },
    (state) => states.push(state),
  );
  let seq = 7;
  sender.updateSettings({ requestHandler: (cmi) => ({ seq: seq++, cmi }) });
  const commit = (location: string, terminate = false): void => {
    sender.processHttpRequest('/commit', { 'cmi.location': location }, terminate, undefined, () => undefined);
  };
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return {
    sender,
    posts,
    beacons,
    timers,
    states,
    commit,
    settle,
    refuseBeacons: () => (beaconAccepts = false),
  };
}

describe('CommitSender', () => {
  it('posts each commit as {seq, cmi} and is saved when the server says so', async () => {
    const h = harness();
    h.commit('l1');
    expect(h.posts).to.have.length(1);
    expect(h.posts[0]?.body).to.deep.equal({ seq: 7, cmi: { 'cmi.location': 'l1' } });
    expect(h.sender.saved).to.equal(false);
    const saved = h.sender.whenSaved();
    h.posts[0]?.answer(200);
    expect(await saved).to.equal(true);
    expect(h.sender.saved).to.equal(true);
    expect(h.states.map((s) => s.kind)).to.deep.equal(['saving', 'saved']);
  });

  it('sends one request at a time and then only the latest commit (older snapshots are superseded)', async () => {
    const h = harness();
    h.commit('l1');
    h.commit('l2');
    h.commit('l3');
    expect(h.posts).to.have.length(1);
    h.posts[0]?.answer(200);
    await h.settle();
    expect(h.posts.map((p) => p.body.seq)).to.deep.equal([7, 9]);
    expect(h.posts[1]?.body.cmi).to.deep.equal({ 'cmi.location': 'l3' });
    expect(h.sender.saved).to.equal(false);
    h.posts[1]?.answer(200);
    await h.settle();
    expect(h.sender.saved).to.equal(true);
  });

  it('retries a failed commit with backoff until the server takes it, never dropping the latest', async () => {
    const h = harness();
    h.commit('l1');
    h.posts[0]?.answer(503);
    await h.settle();
    expect(h.states.at(-1)).to.deep.equal({ kind: 'retrying', failures: 1 });
    expect(h.sender.inTrouble).to.equal(true);
    expect(h.timers).to.have.length(1);
    expect(h.timers[0]?.ms).to.be.within(500, 1000);
    h.commit('l2'); // a newer commit while waiting: it waits for the retry too
    expect(h.posts).to.have.length(1);
    h.timers.shift()?.callback();
    expect(h.posts[1]?.body).to.deep.equal({ seq: 8, cmi: { 'cmi.location': 'l2' } });
    h.posts[1]?.answer(0); // no network
    await h.settle();
    expect(h.timers[0]?.ms).to.be.within(1000, 2000);
    h.timers.shift()?.callback();
    h.posts[2]?.answer(200);
    await h.settle();
    expect(h.posts[2]?.body.seq).to.equal(8);
    expect(h.sender.saved).to.equal(true);
    expect(h.sender.inTrouble).to.equal(false);
  });

  it('retries at once when the browser is back online', async () => {
    const h = harness();
    h.commit('l1');
    h.posts[0]?.answer(502);
    await h.settle();
    h.sender.retryNow();
    expect(h.timers).to.have.length(0);
    expect(h.posts).to.have.length(2);
  });

  it('sends the terminate commit by beacon, and confirms it by fetch while the page lives', async () => {
    const h = harness();
    h.commit('l1', true);
    expect(h.beacons.map((b) => b.body.seq)).to.deep.equal([7]);
    expect(h.posts.map((p) => p.body.seq)).to.deep.equal([7]);
    h.sender.flushByBeacon(); // pagehide after Terminate: the same commit is not beaconed twice
    expect(h.beacons).to.have.length(1);
    h.posts[0]?.answer(200);
    await h.settle();
    expect(h.sender.saved).to.equal(true);
    h.sender.flushByBeacon();
    expect(h.beacons).to.have.length(1);
  });

  it('beacons an unconfirmed commit when the page goes away', async () => {
    const h = harness();
    h.commit('l1');
    h.posts[0]?.answer(503);
    await h.settle();
    h.sender.flushByBeacon();
    expect(h.beacons.map((b) => b.body.seq)).to.deep.equal([7]);
  });

  it('tells the learner when the server refuses for good, keeps the data and stops retrying', async () => {
    const h = harness();
    h.commit('l1');
    const saved = h.sender.whenSaved();
    h.posts[0]?.answer(
      401,
      '{"result":false,"errorCode":101,"error":{"code":"TOKEN_EXPIRED","message":"expired"}}',
    );
    expect(await saved).to.equal(false);
    expect(h.states.at(-1)).to.deep.equal({
      kind: 'rejected',
      status: 401,
      code: 'TOKEN_EXPIRED',
      message: 'expired',
    });
    h.commit('l2');
    expect(h.posts).to.have.length(1);
    expect(h.sender.saved).to.equal(false);
    expect(h.sender.inTrouble).to.equal(true);
  });
  it('uses a renewed token from then on, for posts and beacons alike', async () => {
    const h = harness();
    const send = (location: string, immediate = false) =>
      h.sender.processHttpRequest(
        '/api/attempts/a1/commit?token=old.page.token',
        { 'cmi.location': location },
        immediate,
        undefined,
        () => undefined,
      );
    send('l1');
    await h.settle();
    expect(h.posts[0]!.url).to.equal('/api/attempts/a1/commit?token=old.page.token');
    h.posts[0]!.answer(200, '{"result":true,"errorCode":0,"token":"new.fresh.token"}');
    await h.settle();
    send('l2', true);
    await h.settle();
    expect(h.beacons.at(-1)!.url).to.equal('/api/attempts/a1/commit?token=new.fresh.token');
    expect(h.posts[1]!.url).to.equal('/api/attempts/a1/commit?token=new.fresh.token');
  });
});
