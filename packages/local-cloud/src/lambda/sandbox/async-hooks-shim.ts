import * as asyncHooks from 'node:async_hooks';

type HookCallbacks = asyncHooks.HookCallbacks;

/** Which environment's code is running (and so owns what it creates: timers, promises, sockets). */
const current = new asyncHooks.AsyncLocalStorage<EnvironmentHooks>();

/**
 * One real async hook for the whole process, dispatching each event to the environment whose
 * code created the resource. Without it, every environment that loads a library built on
 * async_hooks (aws-xray-sdk-core's cls-hooked) would be called for every async operation of
 * every other environment and of the local cloud itself: a thousand environments, a thousand
 * calls per promise. Enabled only while some environment has a hook enabled.
 */
class HookDispatcher {
  private readonly owners = new Map<number, EnvironmentHooks>();
  private readonly withHooks = new Set<EnvironmentHooks>();
  private readonly hook = asyncHooks.createHook({
    init: (id, type, trigger, resource) => {
      const env = current.getStore();
      if (!env || env.enabled.size === 0) return;
      this.owners.set(id, env);
      for (const cb of env.enabled) cb.init?.(id, type, trigger, resource);
    },
    before: (id) => this.each(id, (cb) => cb.before?.(id)),
    after: (id) => this.each(id, (cb) => cb.after?.(id)),
    promiseResolve: (id) => this.each(id, (cb) => cb.promiseResolve?.(id)),
    destroy: (id) => {
      const env = this.owners.get(id);
      if (!env) return;
      this.owners.delete(id);
      for (const cb of env.enabled) cb.destroy?.(id);
    },
  });

  private each(id: number, fn: (cb: HookCallbacks) => void): void {
    const env = this.owners.get(id);
    if (env) for (const cb of env.enabled) fn(cb);
  }

  /** Called whenever an environment's set of enabled hooks changes. */
  update(env: EnvironmentHooks): void {
    const before = this.withHooks.size;
    if (env.enabled.size > 0) this.withHooks.add(env);
    else this.withHooks.delete(env);
    if (before === 0 && this.withHooks.size > 0) this.hook.enable();
    if (before > 0 && this.withHooks.size === 0) {
      this.hook.disable();
      this.owners.clear();
    }
  }
}

const dispatcher = new HookDispatcher();

/** One environment's async hooks: called only for the async resources its own code creates. */
export class EnvironmentHooks {
  readonly enabled = new Set<HookCallbacks>();

  /** `async_hooks` as the bundle sees it: createHook scoped to this environment, the rest as it is. */
  module(): typeof asyncHooks {
    const createHook = (callbacks: HookCallbacks): asyncHooks.AsyncHook => {
      const hook: asyncHooks.AsyncHook = {
        enable: () => {
          this.enabled.add(callbacks);
          dispatcher.update(this);
          return hook;
        },
        disable: () => {
          this.enabled.delete(callbacks);
          dispatcher.update(this);
          return hook;
        },
      };
      return hook;
    };
    return { ...asyncHooks, createHook };
  }

  /** Runs `fn` as this environment's code. */
  run<T>(fn: () => T): T {
    return current.run(this, fn);
  }

  dispose(): void {
    this.enabled.clear();
    dispatcher.update(this);
  }
}
