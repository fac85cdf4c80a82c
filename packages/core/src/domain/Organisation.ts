import type { OrganisationKind } from './vocabularies';

/** An organisation that takes part: a tenant of Kompetenta. Everything personal belongs to one. */
export interface Organisation {
  readonly id: string;
  readonly name: string;
  readonly kind: OrganisationKind;
  /** SCB municipality code (4 digits), when known. */
  readonly municipalityCode: string | null;
  readonly createdAt: Date;
}

/** What creating an organisation needs; `kind` defaults to `ovrig`, `municipalityCode` to null (unknown). */
export interface NewOrganisation {
  readonly name: string;
  readonly kind?: OrganisationKind;
  readonly municipalityCode?: string | null;
}
