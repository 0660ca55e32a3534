/** The parts of frictionlessdata's datapackage-js (no types of its own) that the open-data tests use. */
declare module 'datapackage' {
  export function validate(descriptor: object): Promise<{ valid: boolean; errors: Error[] }>;
  export class Package {
    static load(descriptor: object | string, options?: { basePath?: string; strict?: boolean }): Promise<Package>;
    valid: boolean;
    errors: Error[];
    resources: Resource[];
  }
  export class Resource {
    name: string;
    tabular: boolean;
    read(options?: { keyed?: boolean; cast?: boolean; forceCast?: boolean }): Promise<Record<string, unknown>[]>;
  }
}
