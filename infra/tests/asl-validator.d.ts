// asl-validator 4 ships no types; this is the part the tests use.
declare module 'asl-validator' {
  interface AslValidationError {
    'Error code': string;
    Message: string;
  }
  function validator(definition: object, options?: object): { isValid: boolean; errors: AslValidationError[]; errorsText(separator?: string): string };
  export = validator;
}
