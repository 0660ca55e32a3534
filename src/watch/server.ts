/**
 * The preview server of `baogao watch`: loopback only, files of the output
 * folder only (served by sirv, behind a guard that refuses whatever would
 * lead out of the folder), the panel's static assets, the build state as
 * JSON and a server-sent event stream that sends the pages their changes.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import sirv from 'sirv';
import { usageError } from '../diagnostics.js';
import { inject, type ClientAssets } from './client-assets.js';

export const HOST = '127.0.0.1';
export const FIRST_PORT = 4173;
const PORT_TRIES = 50;

const TYPES = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/** No script but the panel's; inline styles are allowed for the charts' SVG. */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export interface ServerHooks {
  /** The folder whose files are served. */
  root: string;
  /** The number of the build the files on disk belong to. */
  build(): number;
  /** The state shown by the panel. */
  state(): unknown;
  /** Builds the PDF or the XLSX; resolves with the new state of that artifact. */
  buildArtifact(format: 'pdf' | 'xlsx'): Promise<unknown>;
  assets: ClientAssets;
}

/** The headers of every page and file served. */
function safeHeaders(res: http.ServerResponse): void {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Security-Policy', CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
}

export class PreviewServer {
  readonly server: http.Server;
  private readonly clients = new Set<http.ServerResponse>();
  private readonly keepAlive: NodeJS.Timeout;
  /** dev: files are looked up on every request (they change with every build), nothing is cached. */
  private readonly files: ReturnType<typeof sirv>;
  port = 0;

  constructor(private readonly hooks: ServerHooks) {
    this.files = sirv(hooks.root, { dev: true, etag: false, dotfiles: false, extensions: ['html'], setHeaders: safeHeaders });
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((e: Error) => {
        if (!res.headersSent) this.text(res, 500, `internal error: ${e.message}`);
        else res.destroy();
      });
    });
    // A comment line every 15 s keeps idle event streams open through proxies and sleep.
    this.keepAlive = setInterval(() => {
      for (const c of this.clients) c.write(': keep-alive\n\n');
    }, 15_000);
    this.keepAlive.unref();
  }

  /** Listens on 127.0.0.1: on `port` if given (0: any free port), else on the first free port from 4173. */
  async listen(port?: number): Promise<number> {
    if (port !== undefined) {
      await this.tryListen(port).catch((e: NodeJS.ErrnoException) => {
        throw portError(port, e);
      });
    } else {
      let bound = false;
      for (let p = FIRST_PORT; p < FIRST_PORT + PORT_TRIES && !bound; p++) {
        bound = await this.tryListen(p).then(
          () => true,
          (e: NodeJS.ErrnoException) => {
            if (e.code === 'EADDRINUSE' || e.code === 'EACCES') return false;
            throw portError(p, e);
          },
        );
      }
      if (!bound)
        throw usageError(`no free port between ${FIRST_PORT} and ${FIRST_PORT + PORT_TRIES - 1}: stop other previews, or choose a port with --port N`);
    }
    this.port = (this.server.address() as AddressInfo).port;
    return this.port;
  }

  private tryListen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const onError = (e: Error) => {
        this.server.off('listening', onListening);
        reject(e);
      };
      const onListening = () => {
        this.server.off('error', onError);
        resolve();
      };
      this.server.once('error', onError);
      this.server.once('listening', onListening);
      this.server.listen(port, HOST);
    });
  }

  /** Sends an event to every open page. */
  broadcast(event: string, data: unknown): void {
    const payload = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const c of this.clients) c.write(payload);
  }

  async close(): Promise<void> {
    clearInterval(this.keepAlive);
    for (const c of this.clients) c.end();
    this.clients.clear();
    if (!this.server.listening) return;
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private allowedHosts(): string[] {
    return [`${HOST}:${this.port}`, `localhost:${this.port}`];
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // DNS rebinding: only pages addressed to this loopback server may talk to it.
    const host = (req.headers.host ?? '').toLowerCase();
    if (host && !this.allowedHosts().includes(host)) return this.text(res, 403, 'forbidden host');
    let url: URL;
    let pathname: string;
    try {
      url = new URL(req.url ?? '/', `http://${HOST}`);
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return this.text(res, 400, 'bad request');
    }
    if (pathname.includes('\0')) return this.text(res, 400, 'bad request');

    if (req.method === 'POST' && pathname === '/build') {
      const origin = req.headers.origin;
      if (
        origin &&
        !this.allowedHosts()
          .map((h) => `http://${h}`)
          .includes(origin.toLowerCase())
      )
        return this.text(res, 403, 'forbidden origin');
      const format = url.searchParams.get('format');
      if (format !== 'pdf' && format !== 'xlsx') return this.json(res, 400, { error: 'format must be pdf or xlsx' });
      const result = await this.hooks.buildArtifact(format);
      return this.json(res, 200, result);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD, POST');
      return this.text(res, 405, 'method not allowed');
    }
    const { assets } = this.hooks;
    switch (pathname) {
      case '/__baogao/client.js':
        return this.send(res, 200, TYPES.js, assets.js, req);
      case '/__baogao/panel.css':
        return this.send(res, 200, TYPES.css, assets.panelCss, req);
      case '/__baogao/state':
        return this.json(res, 200, this.hooks.state());
      case '/__baogao/events':
        return this.events(req, res);
    }
    const refused = this.guard(pathname);
    if (refused) return this.text(res, refused, refused === 403 ? 'forbidden' : 'not found');
    // sirv reads the path again from the request: give it the one just checked (dot segments resolved).
    req.url = url.pathname + url.search;
    this.files(req, res, () => this.send(res, 404, TYPES.html, inject(assets, assets.notFoundHtml, -1), req));
  }

  /**
   * What sirv does not refuse itself: a path that leads out of the folder
   * once decoded (`%2e%2e%2f`), a symlink in the folder that leads out of it,
   * and the dot files of atomic writes. 0 when the path may be served.
   */
  private guard(pathname: string): 0 | 403 | 404 {
    let root: string;
    try {
      root = fs.realpathSync(this.hooks.root);
    } catch {
      return 404;
    }
    const file = path.resolve(root, `.${pathname}`);
    if (!inside(root, file)) return 403;
    if (
      path
        .relative(root, file)
        .split(path.sep)
        .some((part) => part.startsWith('.'))
    )
      return 404;
    // The files sirv may answer with (it also tries the name + .html and name/index.html): none may lead out.
    for (const candidate of [file, `${file}.html`, path.join(file, 'index.html')]) {
      if (fs.existsSync(candidate) && !inside(root, fs.realpathSync(candidate))) return 403;
    }
    return 0;
  }

  private events(req: http.IncomingMessage, res: http.ServerResponse): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Content-Type-Options': 'nosniff',
    });
    res.write(`retry: 1000\nevent: hello\ndata: ${JSON.stringify({ build: this.hooks.build() })}\n\n`);
    this.clients.add(res);
    req.on('close', () => this.clients.delete(res));
  }

  private send(res: http.ServerResponse, status: number, type: string, body: string | Buffer, req: http.IncomingMessage): void {
    safeHeaders(res);
    res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  private json(res: http.ServerResponse, status: number, data: unknown): void {
    const body = JSON.stringify(data);
    res.writeHead(status, {
      'Content-Type': TYPES.json,
      'Content-Length': Buffer.byteLength(body),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(body);
  }

  private text(res: http.ServerResponse, status: number, message: string): void {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
    res.end(`${message}\n`);
  }
}

function inside(root: string, file: string): boolean {
  return file === root || file.startsWith(root + path.sep);
}

function portError(port: number, e: NodeJS.ErrnoException) {
  if (e.code === 'EADDRINUSE')
    return usageError(`port ${port} is in use (another baogao watch or web server?): stop that program, or choose another port with --port ${port + 1}`);
  if (e.code === 'EACCES') return usageError(`port ${port} needs administrator rights: choose a port above 1024 with --port ${FIRST_PORT}`);
  return usageError(`cannot listen on ${HOST}:${port} (${e.code ?? e.message}): choose another port with --port N`);
}
