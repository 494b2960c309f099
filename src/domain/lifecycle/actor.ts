/** Who acts on a case. Authentication happens at the edge; the domain trusts these. */
export type Actor =
  | { readonly kind: "citizen"; readonly id: string }
  | { readonly kind: "clerk"; readonly id: string }
  /** A handler acts for one unit and may act only on that unit's cases. */
  | { readonly kind: "handler"; readonly id: string; readonly unitId: string }
  | { readonly kind: "system"; readonly id: string };

export type ActorKind = Actor["kind"];
