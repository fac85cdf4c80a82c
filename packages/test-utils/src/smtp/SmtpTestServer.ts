import { simpleParser, type ParsedMail } from 'mailparser';
import { createServer as createNetServer } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { loopbackTls } from './loopbackTls';

/** One message the test server accepted. */
export interface ReceivedMail {
  /** The SMTP envelope: who the client said it was from and to, as opposed to the headers. */
  readonly envelope: { readonly from: string; readonly to: readonly string[] };
  readonly parsed: ParsedMail;
  readonly raw: Buffer;
}

/** Options of {@link SmtpTestServer.start}. */
export interface SmtpTestServerOptions {
  /** A fixed port, e.g. one that was refusing connections until now. Default: any free port. */
  readonly port?: number;
  /** Implicit TLS (smtps) with {@link loopbackTls}; otherwise plain SMTP without STARTTLS. */
  readonly secure?: boolean;
  /** Require this login (only offered over TLS). */
  readonly auth?: { readonly user: string; readonly pass: string };
  /** An SMTP code to answer RCPT TO with (e.g. 550), or undefined to accept the address. */
  readonly rejectRecipient?: (address: string) => number | undefined;
}

/**
 * A real SMTP server on 127.0.0.1 inside the test process (the `smtp-server` package), keeping
 * every accepted message parsed by `mailparser`. A message is parsed and stored before the server
 * answers 250, so once a client's send resolves the message is already in `messages`: tests need
 * no waiting.
 */
export class SmtpTestServer {
  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
    /** Every message accepted so far, in order of arrival. */
    readonly messages: readonly ReceivedMail[],
    /** Connection errors the server saw (failed TLS handshakes, dropped clients). */
    readonly errors: readonly Error[],
  ) {}

  static async start(options: SmtpTestServerOptions = {}): Promise<SmtpTestServer> {
    const messages: ReceivedMail[] = [];
    const serverOptions: SMTPServerOptions = {
      secure: options.secure ?? false,
      ...(options.secure ? { key: loopbackTls.key, cert: loopbackTls.cert } : {}),
      // Without these, a client would try STARTTLS against an untrusted certificate, or AUTH.
      disabledCommands: [...(options.secure ? [] : ['STARTTLS']), ...(options.auth ? [] : ['AUTH'])],
      authOptional: !options.auth,
      logger: false,
      onAuth(auth, _session, callback) {
        const ok = auth.username === options.auth?.user && auth.password === options.auth?.pass;
        callback(
          ok ? null : new Error('Invalid username or password'),
          ok ? { user: auth.username } : undefined,
        );
      },
      onRcptTo(address, _session, callback) {
        const code = options.rejectRecipient?.(address.address);
        if (code === undefined) return callback();
        callback(Object.assign(new Error(`Mailbox ${address.address} unavailable`), { responseCode: code }));
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks);
          simpleParser(raw).then(
            (parsed) => {
              messages.push({
                envelope: {
                  from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                  to: session.envelope.rcptTo.map((each) => each.address),
                },
                parsed,
                raw,
              });
              callback();
            },
            (error: Error) => callback(error),
          );
        });
      },
    };
    const server = new SMTPServer(serverOptions);
    // A client that gives up during the TLS handshake (an untrusted certificate) makes the server
    // emit 'error'; for a test that is an expected outcome, not a crash of the test process.
    const errors: Error[] = [];
    server.on('error', (error: Error) => errors.push(error));
    const port = await new Promise<number>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => {
        const address = server.server.address();
        resolve(typeof address === 'object' && address ? address.port : 0);
      });
    });
    return new SmtpTestServer(server, port, messages, errors);
  }

  /** The certificate clients must trust to reach the secure server. */
  static get certificate(): string {
    return loopbackTls.cert;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A port on 127.0.0.1 that nothing listens on (it was free a moment ago): connections are refused. */
export async function unusedLoopbackPort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}
