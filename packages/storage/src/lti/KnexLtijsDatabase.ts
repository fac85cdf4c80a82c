import { systemClock, type Clock } from '@kompetenta/core';
import type { Knex } from 'knex';
import { date, str, type Db, type Row } from '../stores/sql';
import type { SecretBox } from './SecretBox';

/** A document as ltijs reads and writes it: plain JSON fields. */
export type LtijsDocument = Record<string, unknown>;

/** ltijs passes its encryption key, or false for collections it keeps in clear. */
export type LtijsEncryptionKey = string | false | undefined;

/**
 * How long ltijs's collections live, as its own MongoDB schemas declare (`expires`). Expired
 * documents are invisible at once and removed by `purgeExpired`.
 */
export const LTIJS_COLLECTION_TTL_SECONDS: Readonly<Record<string, number>> = {
  nonce: 10,
  state: 600,
  accesstoken: 3600,
  idtoken: 24 * 3600,
  contexttoken: 24 * 3600,
};

/**
 * The ltijs Database plugin (`Provider.setup(key, { plugin })`) on our knex handle: the same
 * methods and semantics as ltijs's MongoDB Database (`Get` returns false when nothing matches,
 * `Replace` upserts, `Modify` changes the first match), stored in `ltijs_documents`.
 *
 * Where ltijs asks for encryption (private keys, access tokens) the item is sealed with
 * AES-256-GCM under the key Kompetenta was configured with; ltijs's own key string only says
 * *that* it wants encryption. `setup` and `Close` never open or close anything: the knex handle
 * belongs to the app, and no MongoDB connection is ever made.
 */
export class KnexLtijsDatabase {
  /** @internal Made by `createLtiStores`, which holds the encryption key. */
  constructor(
    private readonly db: Db,
    private readonly box: SecretBox,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Called by ltijs at deploy; the schema comes from our migrations, so there is nothing to open. */
  setup(): Promise<boolean> {
    return Promise.resolve(true);
  }

  /** Called by ltijs on close; the app closes the knex handle itself. */
  Close(): Promise<boolean> {
    return Promise.resolve(true);
  }

  /**
   * The live documents of `collection` that contain every field of `query`, oldest first, opened
   * when ltijs passes a key; false (ltijs's convention) when none match.
   */
  async Get(
    encryptionKey: LtijsEncryptionKey,
    collection: string,
    query: LtijsDocument = {},
  ): Promise<LtijsDocument[] | false> {
    const rows = (await this.live(collection)
      .whereRaw('doc @> ?::jsonb', [JSON.stringify(query)])
      .orderBy('id')) as Row[];
    if (rows.length === 0) return false;
    return rows.map((row) => this.toItem(row, Boolean(encryptionKey)));
  }

  /**
   * Stores `item` in `collection`. With a key the item is sealed and only `index` stays readable for
   * queries. Throws an Error `MISSING_PARAMS` without a collection, an item, or (when sealing) an index.
   */
  async Insert(
    encryptionKey: LtijsEncryptionKey,
    collection: string,
    item: LtijsDocument,
    index?: LtijsDocument,
  ): Promise<boolean> {
    await this.db('ltijs_documents').insert(this.toRow(encryptionKey, collection, item, index));
    return true;
  }

  /**
   * Deletes the documents of `collection` matching `query` and inserts `item`, in one transaction (an
   * upsert).
   */
  async Replace(
    encryptionKey: LtijsEncryptionKey,
    collection: string,
    query: LtijsDocument,
    item: LtijsDocument,
    index?: LtijsDocument,
  ): Promise<boolean> {
    const row = this.toRow(encryptionKey, collection, item, index);
    await this.inTransaction(async (trx) => {
      await this.matching(trx, collection, query).delete();
      await trx('ltijs_documents').insert(row);
    });
    return true;
  }

  /**
   * Merges the fields of `modification` into the oldest document matching `query`; no match changes nothing.
   */
  async Modify(
    encryptionKey: LtijsEncryptionKey,
    collection: string,
    query: LtijsDocument,
    modification: LtijsDocument,
  ): Promise<boolean> {
    await this.inTransaction(async (trx) => {
      const row = (await this.matching(trx, collection, query).orderBy('id').forUpdate().first()) as
        Row | undefined;
      if (!row) return;
      if (encryptionKey && row.sealed !== null) {
        const item = { ...this.openSealed(row), ...modification };
        await trx('ltijs_documents')
          .where({ id: row.id })
          .update({ sealed: this.box.seal(JSON.stringify(item)) });
      } else {
        await trx('ltijs_documents')
          .where({ id: row.id })
          .update({ doc: trx.raw('doc || ?::jsonb', [JSON.stringify(modification)]) });
      }
    });
    return true;
  }

  /**
   * Deletes every document of `collection` matching `query`. Throws an Error `MISSING_PARAMS` when either is
   * missing.
   */
  async Delete(collection: string, query: LtijsDocument): Promise<boolean> {
    if (!collection || !query) throw new Error('MISSING_PARAMS');
    await this.matching(this.db, collection, query).delete();
    return true;
  }

  /** ltijs's helper signature; the secret is ignored in favour of the configured key (see class doc). */
  Encrypt(data: string, _secret?: string): Promise<{ iv: string; data: string }> {
    return Promise.resolve({ iv: '', data: this.box.seal(data) });
  }

  /**
   * Opens what `Encrypt` sealed, with the configured key (`_iv` and `_secret` are ignored). Throws
   * LTI_ENCRYPTION_KEY_INVALID for a wrong key or tampered data.
   */
  Decrypt(data: string, _iv?: string, _secret?: string): Promise<string> {
    return Promise.resolve(this.box.open(data));
  }

  /** Deletes every expired document; returns how many. */
  async purgeExpired(): Promise<number> {
    const deleted = await this.db('ltijs_documents')
      .where('expires_at', '<=', this.clock.now())
      .delete()
      .returning('id');
    return (deleted as unknown[]).length;
  }

  private live(collection: string): Knex.QueryBuilder {
    return this.db('ltijs_documents')
      .where({ collection })
      .andWhere((where) => {
        void where.whereNull('expires_at').orWhere('expires_at', '>', this.clock.now());
      });
  }

  private matching(db: Db, collection: string, query: LtijsDocument): Knex.QueryBuilder {
    return db('ltijs_documents')
      .where({ collection })
      .whereRaw('doc @> ?::jsonb', [JSON.stringify(query)]);
  }

  private toRow(
    encryptionKey: LtijsEncryptionKey,
    collection: string,
    item: LtijsDocument,
    index?: LtijsDocument,
  ): Row {
    if (!collection || !item || (encryptionKey && !index)) throw new Error('MISSING_PARAMS');
    const now = this.clock.now();
    const ttl = LTIJS_COLLECTION_TTL_SECONDS[collection];
    const expiresAt = ttl === undefined ? null : new Date(now.getTime() + ttl * 1000);
    const sealed = encryptionKey ? this.box.seal(JSON.stringify(item)) : null;
    const doc = encryptionKey ? (index ?? {}) : item;
    return { collection, doc: JSON.stringify(doc), sealed, created_at: now, expires_at: expiresAt };
  }

  private toItem(row: Row, decrypt: boolean): LtijsDocument {
    const createdAt = date(row.created_at);
    // Like ltijs's MongoDB plugin: decrypted items carry createdAt as epoch ms, clear ones as a Date.
    if (decrypt && row.sealed !== null) return { ...this.openSealed(row), createdAt: createdAt.getTime() };
    return { ...(parse(row.doc) as LtijsDocument), createdAt };
  }

  private openSealed(row: Row): LtijsDocument {
    return parse(this.box.open(str(row.sealed))) as LtijsDocument;
  }

  private inTransaction(work: (trx: Knex.Transaction) => Promise<void>): Promise<void> {
    return (this.db as Knex).transaction(work);
  }
}

function parse(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}
