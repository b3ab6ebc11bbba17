import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/**
 * A JSON-RPC proxy on loopback in front of a real node, with faults switched on per method or for
 * everything ('*'). It stands in for a dying or lying RPC provider so the wallet's reaction can be
 * tested against a real chain.
 */
export type Fault =
  /** Answers correctly after `ms`. */
  | { kind: 'delay'; ms: number }
  /** Never answers (the client's timeout fires); the request is not forwarded. */
  | { kind: 'hang' }
  /** Forwards to the node (which acts on it), then never answers: "timed out after the node accepted". */
  | { kind: 'forward-then-hang' }
  /** Forwards to the node, then resets the connection without an answer. */
  | { kind: 'forward-then-drop' }
  | { kind: 'http'; status: 500 | 502 | 503 | 429 }
  /**
   * A well-formed JSON-RPC error (e.g. -32601 for a node without the method). In a batch only the members
   * it is set for get it (every member for '*'); the others are answered by the node, as a real node does.
   */
  | { kind: 'rpc-error'; code: number; message: string }
  /** 200 with a body that is not JSON. */
  | { kind: 'malformed' }
  /** 200 with the node's real answer cut in half. */
  | { kind: 'truncated' }
  /** The node's answer, with `result` replaced; `call` counts this fault's uses from 0 (contradicting answers). */
  | { kind: 'rewrite'; result: (upstream: unknown, call: number, params: unknown) => unknown }
  /**
   * The request's `params` replaced before it reaches the node (e.g. eth_call's block tag set to an
   * older block: an RPC that is behind answers with real, but older, chain state).
   */
  | { kind: 'rewrite-request'; params: (params: unknown, call: number) => unknown };

export type FaultRule = Fault & { times?: number };

type RpcRequest = { jsonrpc?: string; id?: unknown; method?: string; params?: unknown };
type RpcAnswer = { jsonrpc: string; id: unknown; result?: unknown; error?: unknown };

export type FaultProxy = {
  url: string;
  /** Sets (or with `undefined` clears) the fault for one method or '*' (every method). */
  fault(method: string, rule: FaultRule | undefined): void;
  clearFaults(): void;
  /** JSON-RPC calls seen per method (batch members counted one by one), including faulted ones. */
  count(method?: string): number;
  /** HTTP requests seen (a batch is one). */
  httpRequests(): number;
  resetCounts(): void;
  /** Shorthand: eth_chainId answers `chainIdHex` (a node on another chain than configured). */
  wrongChainId(chainIdHex?: string): void;
  stop(): Promise<void>;
};

export async function startFaultProxy(upstreamUrl: string): Promise<FaultProxy> {
  const rules = new Map<string, FaultRule & { used: number }>();
  const counts = new Map<string, number>();
  let httpCount = 0;
  const sockets = new Set<Socket>();
  const hanging = new Set<ServerResponse>();

  const forward = async (body: string): Promise<string> => {
    const res = await fetch(upstreamUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    return res.text();
  };

  /** The first rule that applies to any member of the request; uses it once. */
  function pick(methods: string[]): (FaultRule & { used: number }) | undefined {
    for (const key of [...methods, '*']) {
      const rule = rules.get(key);
      if (!rule || (key !== '*' && !methods.includes(key))) continue;
      if (rule.times !== undefined && rule.used >= rule.times) continue;
      return rule;
    }
    return undefined;
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    httpCount++;
    let parsed: RpcRequest | RpcRequest[];
    try {
      parsed = JSON.parse(raw) as RpcRequest | RpcRequest[];
    } catch {
      res.writeHead(200, { 'content-type': 'application/json' }).end(await forward(raw));
      return;
    }
    const members = Array.isArray(parsed) ? parsed : [parsed];
    const methods = members.map((m) => String(m.method));
    for (const m of methods) counts.set(m, (counts.get(m) ?? 0) + 1);

    const rule = pick(methods);
    if (rule && rule.kind !== 'rewrite' && rule.kind !== 'rewrite-request') rule.used++;
    const body = rule?.kind === 'rewrite-request' ? rewriteRequests(parsed, members) : raw;
    switch (rule?.kind) {
      case 'hang':
        hanging.add(res);
        return;
      case 'http':
        res.writeHead(rule.status, { 'content-type': 'text/plain' }).end(`fault proxy: HTTP ${rule.status}`);
        return;
      case 'rpc-error': {
        const answers = await answerWithErrors(members, rule);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(Array.isArray(parsed) ? answers : answers[0]));
        return;
      }
      case 'malformed':
        res.writeHead(200, { 'content-type': 'application/json' }).end('<html>502 Bad Gateway</html>{"jsonrpc":');
        return;
      case 'delay':
        await new Promise((r) => setTimeout(r, rule.ms));
        break;
      default:
        break;
    }
    const upstream = await forward(body);
    if (rule?.kind === 'forward-then-hang') {
      hanging.add(res);
      return;
    }
    if (rule?.kind === 'forward-then-drop') {
      req.socket.destroy();
      return;
    }
    if (rule?.kind === 'truncated') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(upstream.slice(0, Math.max(1, Math.floor(upstream.length / 2))));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(rewriteAnswers(upstream, members));
  }

  /** The members an rpc-error rule is set for get its error; the rest go to the node (as one batch). */
  async function answerWithErrors(members: RpcRequest[], rule: Extract<Fault, { kind: 'rpc-error' }>): Promise<RpcAnswer[]> {
    const errorFor = (m: RpcRequest) => rules.get(String(m.method))?.kind === 'rpc-error' || rules.get('*')?.kind === 'rpc-error';
    const passed = members.filter((m) => !errorFor(m));
    const upstream = passed.length > 0 ? (JSON.parse(await forward(JSON.stringify(passed))) as RpcAnswer[]) : [];
    return members.map(
      (m) =>
        upstream.find((a) => a.id === m.id && !errorFor(m)) ?? {
          jsonrpc: '2.0',
          id: m.id ?? null,
          error: { code: rule.code, message: rule.message },
        },
    );
  }

  /** Applies 'rewrite-request' rules member by member and serializes the request again. */
  function rewriteRequests(parsed: RpcRequest | RpcRequest[], members: RpcRequest[]): string {
    for (const m of members) {
      const rule = rules.get(String(m.method)) ?? rules.get('*');
      if (rule?.kind !== 'rewrite-request' || (rule.times !== undefined && rule.used >= rule.times)) continue;
      m.params = rule.params(m.params, rule.used++);
    }
    return JSON.stringify(parsed);
  }

  /** Applies 'rewrite' rules member by member (other kinds act on the whole HTTP exchange). */
  function rewriteAnswers(upstream: string, members: RpcRequest[]): string {
    const relevant = members.some((m) => rules.get(String(m.method))?.kind === 'rewrite' || rules.get('*')?.kind === 'rewrite');
    if (!relevant) return upstream;
    const answer = JSON.parse(upstream) as RpcAnswer | RpcAnswer[];
    const list = Array.isArray(answer) ? answer : [answer];
    for (const a of list) {
      const member = members.find((m) => m.id === a.id);
      const rule = member && (rules.get(String(member.method)) ?? rules.get('*'));
      if (!member || rule?.kind !== 'rewrite' || !('result' in a)) continue;
      if (rule.times !== undefined && rule.used >= rule.times) continue;
      a.result = rule.result(a.result, rule.used++, member.params);
    }
    return JSON.stringify(Array.isArray(answer) ? list : list[0]);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' }).end(`fault proxy: upstream failed: ${String(error)}`);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address !== 'object') throw new Error('fault proxy: no port');

  return {
    url: `http://127.0.0.1:${address.port}`,
    fault(method, rule) {
      if (rule) rules.set(method, { ...rule, used: 0 });
      else rules.delete(method);
    },
    clearFaults: () => rules.clear(),
    count: (method) => (method ? (counts.get(method) ?? 0) : [...counts.values()].reduce((a, b) => a + b, 0)),
    httpRequests: () => httpCount,
    resetCounts() {
      counts.clear();
      httpCount = 0;
    },
    wrongChainId(chainIdHex = '0x5') {
      rules.set('eth_chainId', { kind: 'rewrite', result: () => chainIdHex, used: 0 });
    },
    async stop() {
      for (const s of sockets) s.destroy();
      hanging.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
