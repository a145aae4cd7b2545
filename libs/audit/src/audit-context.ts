import { AsyncLocalStorage } from 'node:async_hooks';

/** Who acts and from where: set once per request by the api (AuditContextInterceptor). */
export interface AuditContext {
  actorId: string | null;
  /** The actor's own country (null for the Secretariat), for a coordinator's view of the trail. */
  actorCountry: string | null;
  /** The client address as the api sees it (behind TRUST_PROXY: the forwarded one). */
  ip: string | null;
}

const storage = new AsyncLocalStorage<AuditContext>();

/**
 * The request-scoped context, so services record who acted without every signature carrying it.
 * Outside a request (the cli, a job) there is none: entries then name no actor and no address.
 */
export const AuditContextStore = {
  run<T>(context: AuditContext, fn: () => T): T {
    return storage.run(context, fn);
  },
  current(): AuditContext | undefined {
    return storage.getStore();
  },
};
