import { builtinModules } from 'node:module';
import { posix } from 'node:path';
import { compileFunction, constants as vmConstants } from 'node:vm';
import type { CodePackage } from '../code-package';

/** Names every module of a package is compiled with: CommonJS's own, then the per-environment globals. */
export const ENVIRONMENT_GLOBALS = [
  'process',
  'console',
  'setTimeout',
  'clearTimeout',
  'setInterval',
  'clearInterval',
  'setImmediate',
  'clearImmediate',
  'Date',
  'performance',
  'global',
  'globalThis',
] as const;
/** The environment's `import()` of a builtin (see rewriteBuiltinImports). */
const DYNAMIC_BUILTIN = '__localLambdaImport';
const PARAMS = ['exports', 'require', 'module', '__filename', '__dirname', DYNAMIC_BUILTIN, ...ENVIRONMENT_GLOBALS];

/**
 * `import("node:http")` inside a CommonJS bundle (the AWS SDK loads its HTTP agent so) goes
 * through the environment's own modules, like its `require` does, so that the requests it makes
 * are the environment's. Other dynamic imports use Node's own loader.
 */
function rewriteBuiltinImports(source: string): string {
  return source.replace(/\bimport\((["'])((?:node:)?[a-z_/]+)\1\)/g, (whole, _q: string, name: string) =>
    BUILTINS.has(name.replace(/^node:/, '')) ? `${DYNAMIC_BUILTIN}(${JSON.stringify(name)})` : whole,
  );
}

export type EnvironmentGlobals = Record<(typeof ENVIRONMENT_GLOBALS)[number], unknown>;

/** The runtime could not load the handler's module (Lambda's own error names). */
export class ImportModuleError extends Error {
  override readonly name = 'Runtime.ImportModuleError';
}

type ModuleFunction = (...args: unknown[]) => void;
const BUILTINS = new Set(builtinModules);

/**
 * The compiled form of one deployment package, shared by all of a function's environments: each
 * file is compiled once (V8 keeps one copy of the code) and evaluated afresh per environment,
 * which gives every environment its own module instances and state, as separate sandboxes have.
 */
export class CompiledPackage {
  private readonly compiled = new Map<string, ModuleFunction>();

  constructor(
    readonly code: CodePackage,
    /** Where runtime-provided modules come from (`@aws-sdk/*` ships with the Node.js runtimes). */
    private readonly hostRequire: NodeJS.Require,
  ) {}

  compile(path: string): ModuleFunction {
    let fn = this.compiled.get(path);
    if (!fn) {
      const text = (this.code.files.get(path) as Buffer).toString('utf8');
      const source = rewriteBuiltinImports(text.startsWith('#!') ? '//' + text.slice(2) : text);
      fn = compileFunction(source, PARAMS, {
        filename: `/var/task/${path}`,
        ...(/\bimport\(/.test(source) ? { importModuleDynamically: vmConstants.USE_MAIN_CONTEXT_DEFAULT_LOADER } : {}),
      }) as ModuleFunction;
      this.compiled.set(path, fn);
    }
    return fn;
  }

  /** The package file a specifier names from `fromDir` (Node's resolution, inside the package). */
  resolve(specifier: string, fromDir: string): string | undefined {
    if (specifier.startsWith('./') || specifier.startsWith('../') || specifier.startsWith('/')) {
      const base = specifier.startsWith('/') ? posix.normalize(specifier.replace(/^\/var\/task\//, '')) : posix.join(fromDir, specifier);
      return this.asFile(base) ?? this.asDirectory(base);
    }
    for (let dir = fromDir; ; dir = posix.dirname(dir)) {
      const base = posix.join(dir === '.' ? '' : dir, 'node_modules', specifier);
      const found = this.asFile(base) ?? this.asDirectory(base);
      if (found || dir === '.' || dir === '/' || dir === '') return found;
    }
  }

  hostModule(specifier: string): unknown {
    return this.hostRequire(specifier);
  }

  private asFile(base: string): string | undefined {
    const clean = base.replace(/^\.\//, '');
    for (const candidate of [clean, `${clean}.js`, `${clean}.cjs`, `${clean}.json`]) if (this.code.files.has(candidate)) return candidate;
    return undefined;
  }

  private asDirectory(base: string): string | undefined {
    const clean = base.replace(/^\.\//, '');
    const pkg = this.code.files.get(posix.join(clean, 'package.json'));
    if (pkg) {
      const main = (JSON.parse(pkg.toString('utf8')) as { main?: string }).main;
      if (main) {
        const found = this.asFile(posix.join(clean, main)) ?? this.asFile(posix.join(clean, main, 'index'));
        if (found) return found;
      }
    }
    return this.asFile(posix.join(clean, 'index'));
  }
}

interface LoadedModule {
  exports: unknown;
  loaded: boolean;
}

/**
 * One environment's module system over a compiled package: its own module cache, builtins
 * overridden where the environment needs its own (timers, process, console, http), and the
 * runtime-provided SDK from the host.
 */
export function createModuleSystem(pkg: CompiledPackage, globals: EnvironmentGlobals, builtinOverrides: ReadonlyMap<string, unknown>) {
  const cache = new Map<string, LoadedModule>();

  const requireFrom = (fromDir: string) => {
    const req = (specifier: string): unknown => {
      const bare = specifier.startsWith('node:') ? specifier.slice(5) : specifier;
      const override = builtinOverrides.get(bare);
      if (override !== undefined) return override;
      if (BUILTINS.has(bare) || specifier.startsWith('node:')) return pkg.hostModule(specifier);
      const path = pkg.resolve(specifier, fromDir);
      if (path !== undefined) return load(path);
      if (specifier.startsWith('@aws-sdk/') || specifier.startsWith('@smithy/')) return pkg.hostModule(specifier);
      throw Object.assign(new Error(`Cannot find module '${specifier}'`), { code: 'MODULE_NOT_FOUND' });
    };
    req.resolve = (specifier: string) => pkg.resolve(specifier, fromDir) ?? specifier;
    return req;
  };

  const load = (path: string): unknown => {
    const cached = cache.get(path);
    if (cached) return cached.exports;
    if (path.endsWith('.json')) {
      const exports = JSON.parse((pkg.code.files.get(path) as Buffer).toString('utf8')) as unknown;
      cache.set(path, { exports, loaded: true });
      return exports;
    }
    const module: LoadedModule = { exports: {}, loaded: false };
    cache.set(path, module);
    const dir = posix.dirname(path);
    const requireHere = requireFrom(dir);
    const dynamicBuiltin = (name: string): Promise<unknown> =>
      Promise.resolve().then(() => {
        const mod = requireHere(name) as Record<string, unknown>;
        return { ...mod, default: mod };
      });
    pkg.compile(path).call(
      module.exports,
      module.exports,
      requireHere,
      module,
      `/var/task/${path}`,
      `/var/task/${dir === '.' ? '' : dir}`.replace(/\/$/, '') || '/var/task',
      dynamicBuiltin,
      ...ENVIRONMENT_GLOBALS.map((g) => globals[g]),
    );
    module.loaded = true;
    return module.exports;
  };

  /** Loads the handler's module: `index.handler` → `index(.js|.cjs)`'s export `handler`. */
  const loadHandler = (handler: string): ((...args: unknown[]) => unknown) => {
    const dot = handler.lastIndexOf('.');
    const modulePath = handler.slice(0, dot);
    const exportName = handler.slice(dot + 1);
    if (pkg.code.files.has(`${modulePath}.mjs`)) {
      throw new ImportModuleError(`Error: ${modulePath}.mjs is an ES module; the local Lambda runs CommonJS handlers (bundle with format cjs)`);
    }
    const path = pkg.resolve(`./${modulePath}`, '.');
    if (path === undefined) throw new ImportModuleError(`Error: Cannot find module '${modulePath}'\nRequire stack:\n- /var/runtime/index.mjs`);
    const exports = load(path) as Record<string, unknown>;
    const fn = exports[exportName];
    if (typeof fn !== 'function') {
      throw Object.assign(new Error(`${handler} is undefined or not exported`), { name: 'Runtime.HandlerNotFound' });
    }
    return fn as (...args: unknown[]) => unknown;
  };

  return { loadHandler };
}
