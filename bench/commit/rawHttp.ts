/**
 * The commit benchmark's leanest load: one persistent HTTP/1.1 connection per learner over
 * node:net, as a wrk- or autocannon-style load generator does. A request is written as one
 * string (request line, Host, Content-Type, Content-Length, body); the answer is read by its
 * status line and Content-Length (what the tool sends: every answer of the commit API has one).
 * An answer without Content-Length (chunked), a connection the server closes or an error fails
 * the request, loudly; the next request then opens a new connection. One request at a time per
 * connection, as a learner's page sends its commits. It does the same HTTP as node:http's
 * keep-alive agent on the wire, without its per-request objects (ClientRequest,
 * IncomingMessage, agent queues, stream events): measured, a fraction of the load's CPU per commit
 * (see run.ts), which leaves more of the shared 2 cores to the tool under test.
 */
import { connect, type Socket } from 'node:net';

export interface RawAnswer {
  readonly status: number;
  readonly text: string;
}

const HEAD_END = Buffer.from('\r\n\r\n');

export class RawHttpConnection {
  private socket: Socket | undefined;
  private chunks: Buffer[] = [];
  private received = 0;
  private waiting: { resolve: (answer: RawAnswer) => void; reject: (error: Error) => void } | undefined;
  private readonly head: string;

  constructor(private readonly url: URL) {
    this.head = `POST ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\nContent-Length: `;
  }

  /** POSTs `body` (JSON text) and resolves with the answer's status and body text. */
  post(body: string): Promise<RawAnswer> {
    if (this.waiting) return Promise.reject(new Error('one request at a time per connection'));
    return new Promise<RawAnswer>((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.open().write(`${this.head}${Buffer.byteLength(body)}\r\n\r\n${body}`);
    });
  }

  close(): void {
    this.socket?.destroy();
    this.socket = undefined;
  }

  private open(): Socket {
    if (this.socket) return this.socket;
    const socket = connect({ host: this.url.hostname, port: Number(this.url.port || 80) });
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    // Only the connection in use fails the request waiting (one closed on purpose is gone already).
    const lost = (error?: Error) => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.fail(error ?? new Error('the server closed the connection'));
    };
    socket.on('error', lost);
    socket.on('close', () => lost());
    this.socket = socket;
    return socket;
  }

  private fail(error: Error): void {
    this.chunks = [];
    this.received = 0;
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.reject(error);
  }

  private onData(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.received += chunk.length;
    const data = this.chunks.length === 1 ? chunk : Buffer.concat(this.chunks, this.received);
    const headEnd = data.indexOf(HEAD_END);
    if (headEnd === -1) return;
    const head = data.toString('latin1', 0, headEnd);
    const status = Number(head.slice(9, 12));
    const match = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    if (!match) {
      this.close();
      this.fail(new Error(`an answer (status ${status}) without Content-Length`));
      return;
    }
    const end = headEnd + HEAD_END.length + Number(match[1]);
    if (data.length < end) {
      this.chunks = [data];
      return;
    }
    if (data.length > end) {
      this.close();
      this.fail(new Error('bytes after the answer, with no request waiting for them'));
      return;
    }
    this.chunks = [];
    this.received = 0;
    const text = data.toString('utf8', headEnd + HEAD_END.length, end);
    if (/\r\nconnection:\s*close/i.test(head)) this.close();
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.resolve({ status, text });
  }
}
