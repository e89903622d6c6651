import { z } from 'zod';

/** How a setting is edited: the control follows the field's type in the plugin's zod schema. */
export type SettingsFieldKind = 'text' | 'number' | 'switch' | 'select' | 'tags';

/** One field of a plugin's settings form, read from the manifest's zod schema (no second description to keep in step). */
export interface SettingsField {
  /** The key in `values` or `secrets`. */
  name: string;
  kind: SettingsFieldKind;
  /** The schema of this field alone, for checking it as it is typed (`zodRule`). */
  schema: z.ZodType;
  /** The schema's own title (`.meta({ title })`), used when the plugin's messages have no label for it. */
  title?: string;
  description?: string;
  default?: unknown;
  required: boolean;
  min?: number;
  max?: number;
  /** Integers only (number fields). */
  integer?: boolean;
  maxLength?: number;
  /** The choices of a select field. */
  options?: readonly (string | number)[];
}

interface JsonField {
  type?: string | string[];
  title?: string;
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  maxItems?: number;
  enum?: (string | number)[];
  items?: JsonField;
}

function kindOf(json: JsonField): SettingsFieldKind {
  if (json.enum) return 'select';
  const type = Array.isArray(json.type) ? json.type.find((t) => t !== 'null') : json.type;
  if (type === 'boolean') return 'switch';
  if (type === 'number' || type === 'integer') return 'number';
  if (type === 'array') return 'tags';
  return 'text';
}

/**
 * The fields of a settings schema (a manifest's `settings.values` or `settings.secrets`), in the
 * schema's order. Zod's own JSON Schema export reads the bounds and defaults, so a field's
 * control, its limits and the server's check come from one declaration.
 */
export function settingsFields(schema: z.ZodObject | undefined): SettingsField[] {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, JsonField>; required?: string[] };
  const shape = schema.shape as Record<string, z.ZodType>;
  return Object.keys(shape).map((name) => {
    const f = json.properties?.[name] ?? {};
    const kind = kindOf(f);
    return {
      name,
      kind,
      schema: shape[name]!,
      title: f.title,
      description: f.description,
      default: f.default,
      // A field with a default is filled in by the server when left out, so it is not required.
      required: (json.required ?? []).includes(name) && f.default === undefined,
      min: f.minimum,
      max: kind === 'tags' ? f.maxItems : f.maximum,
      integer: f.type === 'integer' || undefined,
      maxLength: f.maxLength,
      options: f.enum,
    };
  });
}

/** The form's model: `values.<name>` and `secrets.<name>` keys, so the server's field errors (paths `['values', name]`) land on their fields. */
export function settingsModel(fields: SettingsField[], values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [`values.${f.name}`, values[f.name] ?? f.default ?? (f.kind === 'tags' ? [] : f.kind === 'switch' ? false : null)]));
}

/** The values to send back from the form's model: empty optional fields left out, so the schema's defaults apply. */
export function valuesFromModel(fields: SettingsField[], model: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = model[`values.${f.name}`];
    if (v === null || v === undefined || v === '') continue;
    out[f.name] = v;
  }
  return out;
}
