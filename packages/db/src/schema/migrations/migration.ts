/** One schema change: statements per engine, applied in one transaction, recorded by version. */
export interface Migration {
  version: number;
  name: string;
  sqlite: string[];
  postgres: string[];
}
