import type { Platform } from '@kompetenta/core';
import { LtijsPlatformServices } from '@kompetenta/lti-server/internal';
import { createLtiStores } from '@kompetenta/storage';
import { describeEachEngine, PlatformEmulator } from '@kompetenta/test-utils';
import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { startGradeDelivery } from '../../src/gradeWiring';

describeEachEngine('grade delivery as the app wires it', (database) => {
  it('registers the platform with ltijs on the first grade, sends it, logs a refused one for staff, and stops cleanly', async function () {
    this.timeout(120_000); // ltijs makes a 4096-bit RSA key for the platform
    const logged: Record<string, unknown>[] = [];
    const logger = pino(
      { level: 'info' },
      { write: (line: string) => void logged.push(JSON.parse(line) as Record<string, unknown>) },
    );
    const services = new LtijsPlatformServices(
      createLtiStores(database().knex, { encryptionKey: randomBytes(32) }).ltijsDatabase,
    );
    let platform: Platform | undefined;
    const emulator = await PlatformEmulator.start({
      toolJwks: async () => ({ keys: platform ? [await services.publicJwk(platform)] : [] }),
    });
    const grades = startGradeDelivery({ stores: database().stores, tokens: services, logger });
    try {
      platform = await database().stores.tenants.addPlatform({
        issuer: emulator.issuer,
        clientId: emulator.clientId,
        name: 'Emulator',
        authUrl: emulator.authUrl,
        tokenUrl: emulator.tokenUrl,
        jwksUrl: emulator.jwksUrl,
        status: 'approved',
      });
      const lineItem = emulator.ags.createLineItem({ resourceLinkId: 'rl-1' });
      const enqueue = (seq: number, userId: string) =>
        database().stores.outbox.enqueue({
          topic: 'grade',
          idempotencyKey: `grade:wired-${userId}:${seq}`,
          orderingKey: `grade:wired-${userId}`,
          payload: {
            attemptId: `wired-${userId}`,
            platformId: platform!.id,
            lineItemUrl: lineItem.url,
            score: {
              userId,
              scoreGiven: 90,
              scoreMaximum: 100,
              activityProgress: 'Completed',
              gradingProgress: 'FullyGraded',
              timestamp: new Date(Date.UTC(2026, 2, 2, 8, 0, seq)).toISOString(),
            },
          },
        });
      // The worker polls every 5 s; the first grade goes out in the first run or the next.
      await enqueue(1, 'lina');
      await emulator.ags.waitFor(() => emulator.ags.scores.length === 1, 'the first grade', 60_000);
      expect(emulator.ags.scores[0]).to.include({ userId: 'lina', lineItemId: lineItem.id });

      emulator.ags.failNext(1, 404);
      const refused = await enqueue(1, 'per');
      await emulator.ags.waitFor(() => emulator.ags.answers.includes(404), 'the refusal', 60_000);
      await grades.stop();
      const [failed] = (await database().stores.outbox.list({ status: 'failed' })).filter(
        (message) => message.id === refused.id,
      );
      expect(failed?.lastError).to.match(/^GRADE_SCORE_REJECTED/);
      const failures = logged.filter((line) => String(line.msg).startsWith('grade refused for good'));
      expect(failures).to.have.length(1);
      expect(failures[0]).to.include({ component: 'grades', outboxId: refused.id });
      expect(JSON.stringify(logged)).to.not.contain('Bearer');
    } finally {
      await grades.stop();
      await emulator.stop();
    }
  });
});
