/** A stack the local cloud cannot deploy, named down to the resource and attribute. */
export class StackLoadError extends Error {
  override readonly name = 'StackLoadError';
  constructor(
    readonly stackName: string,
    readonly where: string,
    readonly problem: string,
  ) {
    super(`stack '${stackName}', ${where}: ${problem}`);
  }
}
