// model.d.ts - the render model: what the C core computes for a docs page to draw.
//
// The shapes here are a contract between src/model/ (which builds them as JSON)
// and web/ (which draws them). Change them only on purpose, with the C code,
// the viewer and the tests together. All text is plain text unless the field
// name ends in `Html`: those hold HTML already reduced to a safe allow-list
// (see "Markdown" in DESIGN.md), ready for innerHTML.

/** `doc.navigation()`: everything the sidebar, the overview and search need. */
export interface Navigation {
  info: Info;
  /** The document's `servers` as written (may be empty; entries fall back to [{ url: "/" }]). */
  servers: Server[];
  externalDocs?: ExternalDocs;
  /** Tag groups in order: declared tags first (document order), then tags only used, then "untagged" (only if non-empty). */
  groups: Group[];
  /** Every webhook, tagged or not, in document order. */
  webhooks: NavItem[];
  /** Components schemas, in document order. */
  schemas: SchemaItem[];
  counts: { operations: number; webhooks: number; schemas: number; tags: number; callbacks: number };
  /** One entry per searchable thing; the viewer matches on `text` (already lower-cased). */
  search: SearchEntry[];
}

export interface Info {
  title: string;
  version: string;
  summary?: string;
  descriptionHtml?: string;
  termsOfService?: string; // a safe URL (http, https, mailto or relative) or absent
  contact?: { name?: string; url?: string; email?: string };
  license?: { name: string; identifier?: string; url?: string };
}

export interface Server {
  url: string;
  descriptionHtml?: string;
  variables?: { [name: string]: { default: string; enum?: string[]; descriptionHtml?: string } };
}

export interface ExternalDocs { url: string; descriptionHtml?: string }

export interface Group {
  /** "tags/<name>" ("tags/" for the untagged group): the id search entries of kind "tag" point at. */
  id: string;
  /** The tag name; null for the group of untagged items. */
  tag: string | null;
  /** The tag's `x-displayName`, else its name; "Other" for untagged. */
  title: string;
  /** OpenAPI 3.2 Tag `summary`. */
  summary?: string;
  descriptionHtml?: string;
  externalDocs?: ExternalDocs;
  /** Operations and webhooks side by side, in document order. An item with several tags is in several groups. */
  items: NavItem[];
}

/** The fixed methods of a Path Item ("query" is OpenAPI 3.2); 3.2 `additionalOperations` keys come as written. */
export type HttpMethod = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace" | "query";

export interface NavItem {
  /**
   * Stable, readable, unique and usable in a URL fragment:
   * "operations/<operationId>" when exactly one path operation has that operationId, else "operations/<method>-<path>";
   * "webhooks/<name>/<method>" for webhooks. A webhook named like a path never collides with an operation.
   * Names are kept as written except characters a URL fragment would not keep (space, %, #, ", <, >, non-ASCII...),
   * which are percent-encoded (UTF-8). An id that would repeat an earlier one gets "~2", "~3"... (document order).
   */
  id: string;
  kind: "operation" | "webhook";
  method: HttpMethod | (string & {});
  /** Operations only. */
  path?: string;
  /** Webhooks only: the key under `webhooks`. */
  name?: string;
  summary?: string;
  operationId?: string;
  deprecated: boolean;
  tags: string[];
  /** JSON pointer of the Operation Object (for the editor: reveal the definition); absent in navigationJson({ pointers: false }). */
  pointer: string;
}

export interface SchemaItem {
  id: string; // "schemas/<name>"
  name: string;
  title?: string;
  type?: string; // "object", "array", "string | null", ...
  deprecated: boolean;
  pointer: string;
}

export interface SearchEntry {
  /** The item this entry opens (a NavItem or SchemaItem id; for kind "tag", the Group id). */
  id: string;
  kind: "operation" | "webhook" | "schema" | "tag";
  /** What is shown in the results list. */
  label: string;
  /** Lower-cased haystack: summary, path or name, operationId, tag names, schema and property names. */
  text: string;
}

/** `doc.entry(id)`: one operation, webhook or schema, built on demand. */
export type Entry = OperationEntry | SchemaEntry;

export interface OperationEntry {
  /** The NavItem id; for a callback operation, "<parent id>/callbacks/<name>/<method>-<expression>" (not an entry of its own). */
  id: string;
  /** "callback": an operation inside `callbacks`: like a webhook, a request the API sends (to the URL of `path`). */
  kind: "operation" | "webhook" | "callback";
  method: string;
  /** Operations: the path; callbacks: the runtime expression of the callback URL. */
  path?: string;
  name?: string;
  summary?: string;
  descriptionHtml?: string;
  operationId?: string;
  deprecated: boolean;
  tags: string[];
  pointer: string;
  /** Servers in effect (operation, else path item, else document, else [{ url: "/" }]). [] for webhooks and callbacks. */
  servers: Server[];
  parameters: { path: Parameter[]; query: Parameter[]; header: Parameter[]; cookie: Parameter[] };
  /** For a webhook: the payload the reader's server receives. */
  requestBody?: { required: boolean; descriptionHtml?: string; content: MediaType[] };
  /** For a webhook: what the reader's server should answer. */
  responses: Response[];
  callbacks: { name: string; operations: OperationEntry[] }[];
  /**
   * Security in effect; [] when none; each requirement lists its schemes (all needed together); an empty
   * `schemes` list means "no credentials" is one of the options. Operations: the operation's, else the
   * document's. Webhooks and callbacks: their own only (how the API authenticates to the reader's server).
   */
  security: { schemes: SecurityScheme[] }[];
  externalDocs?: ExternalDocs;
  /**
   * A curl command: for operations, a request to the API (credentials as placeholders: $TOKEN, $API_KEY,
   * $USERNAME:$PASSWORD); for webhooks, a sample delivery to `receiverUrl`. [] for callbacks. Every argument is
   * single-quoted for POSIX shells (' written as '\'').
   */
  samples: { label: string; lang: "shell"; code: string }[];
  /** Webhooks: the default receiver URL used in the sample delivery. */
  receiverUrl?: string;
}

export interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required: boolean;
  deprecated: boolean;
  descriptionHtml?: string;
  schema?: SchemaNode;
  examples: Example[];
}

export interface MediaType {
  mediaType: string;
  schema?: SchemaNode;
  /** Given examples (all, named), or one generated from the schema (`generated: true`). */
  examples: Example[];
}

export interface Example {
  /** The key under `examples`; "example" for `example`; "Example" for a generated one; "Example N" for a schema's `examples`. */
  name: string;
  summary?: string;
  descriptionHtml?: string;
  /** Pretty-printed JSON (or the text of a non-JSON example). */
  value: string;
  generated: boolean;
  externalValue?: string;
}

export interface Response {
  status: string; // "200", "4XX", "default"
  descriptionHtml?: string;
  headers: { name: string; required: boolean; descriptionHtml?: string; schema?: SchemaNode }[];
  content: MediaType[];
  links: { name: string; operationId?: string; operationRef?: string; descriptionHtml?: string }[];
}

export interface SecurityScheme {
  name: string;
  type: "apiKey" | "http" | "mutualTLS" | "oauth2" | "openIdConnect";
  scopes: string[];
  descriptionHtml?: string;
  /** apiKey: where the key goes; http: the scheme and bearer format. */
  in?: string;
  paramName?: string;
  scheme?: string;
  bearerFormat?: string;
  flows?: { [flow: string]: { authorizationUrl?: string; tokenUrl?: string; refreshUrl?: string; deviceAuthorizationUrl?: string; scopes: { [scope: string]: string } } };
  openIdConnectUrl?: string;
}

export interface SchemaEntry {
  id: string; // "schemas/<name>"
  kind: "schema";
  name: string;
  pointer: string;
  schema: SchemaNode;
  examples: Example[];
}

/** A schema as a tree to draw. Depth and size are bounded; recursion is a `ref` back to an ancestor. */
export interface SchemaNode {
  /** "object", "array", "string", "integer | null", "any", "never"... */
  type: string;
  title?: string;
  /** The component the node came from through `$ref` ("Pet"), if any. */
  refName?: string;
  /** Set when this node would repeat an ancestor: draw a link to `refName` (entry "schemas/<refName>"), not children. */
  recursive?: boolean;
  /**
   * Set on a component (`refName`) whose children (properties, items, alternatives...) are not in this entry, to keep
   * entries about their own payloads rather than everything they reach: the node has its own facts (type,
   * description, constraints...), and its children are those of entry "schemas/<refName>", fetched when the node is
   * opened. An entry draws in full its payloads' own components and, inside them, none deeper (a schema entry: its
   * properties' components too).
   */
  deferred?: boolean;
  /**
   * With `deferred`, in a payload with a direction: when drawing the children from "schemas/<refName>" (which shows
   * everything), leave out, at every level, the properties whose schema has this flag set: "readOnly" in requests to
   * the API, "writeOnly" in what the API sends (responses, webhook and callback payloads).
   */
  omit?: "readOnly" | "writeOnly";
  format?: string;
  descriptionHtml?: string;
  deprecated?: boolean;
  readOnly?: boolean;
  writeOnly?: boolean;
  nullable?: boolean;
  default?: string; // JSON text
  const?: string;   // JSON text
  enum?: string[];  // JSON texts
  /**
   * Constraints in words: "1 to 64 characters", "at least 0, less than 100", "matches /^[a-z]+$/",
   * "multiple of 5", "at least 1 item", "unique items", "at most 3 properties", "contains image/png encoded as base64";
   * "unresolved reference <ref>" when a `$ref` leads nowhere.
   */
  constraints: string[];
  properties?: { name: string; required: boolean; schema: SchemaNode }[];
  additionalProperties?: SchemaNode | boolean;
  patternProperties?: { pattern: string; schema: SchemaNode }[];
  items?: SchemaNode;
  prefixItems?: SchemaNode[];
  /** oneOf / anyOf alternatives, titled; allOf shown as parts when it cannot be merged safely. */
  oneOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  allOf?: SchemaNode[];
  not?: SchemaNode;
  discriminator?: { propertyName: string; mapping: { value: string; refName: string }[] };
  /** True when the tree was cut here by the depth or size limit. */
  truncated?: boolean;
}
