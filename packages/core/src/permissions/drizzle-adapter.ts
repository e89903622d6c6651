import { rulesToAST } from '@casl/ability/extra';
import { and, eq, gt, gte, inArray, lt, lte, ne, not, notInArray, or, sql, type Column, type SQL } from 'drizzle-orm';
import type { AppAbility } from '../shared/permissions/types.js';

interface AstNode {
  operator: string;
  value: unknown;
  field?: string;
}

/** Field names used in rule conditions → the table's columns. */
export type FieldMap = Record<string, Column>;

const FALSE = sql`false`;
const TRUE = sql`true`;

/**
 * Turns what `ability` allows for `action` on `subjectType` into a drizzle WHERE condition,
 * so lists are filtered in SQL rather than after loading. Fails closed: no rule → `false`;
 * an operator or field it does not know → an exception, never a wider query.
 */
export function accessibleWhere(ability: AppAbility, action: string, subjectType: string, fields: FieldMap): SQL {
  const ast = rulesToAST(ability, action, subjectType) as AstNode | null;
  if (ast === null) return FALSE;
  return toSql(ast, fields);
}

function toSql(node: AstNode, fields: FieldMap): SQL {
  const children = () => (node.value as AstNode[]).map((c) => toSql(c, fields));
  switch (node.operator) {
    case 'and': {
      const parts = children();
      return parts.length === 0 ? TRUE : (and(...parts) ?? TRUE);
    }
    case 'or': {
      const parts = children();
      return parts.length === 0 ? FALSE : (or(...parts) ?? FALSE);
    }
    case 'not': {
      const parts = children();
      return not(parts.length === 1 ? parts[0]! : (and(...parts) ?? TRUE));
    }
  }
  const column = node.field !== undefined ? fields[node.field] : undefined;
  if (!column) throw new Error(`accessibleWhere: no column for condition field "${node.field}"`);
  const value = node.value;
  switch (node.operator) {
    case 'eq':
      return value === null ? sql`${column} is null` : eq(column, value);
    case 'ne':
      return value === null ? sql`${column} is not null` : ne(column, value);
    case 'in':
      return inArray(column, value as unknown[]);
    case 'nin':
      return notInArray(column, value as unknown[]);
    case 'lt':
      return lt(column, value);
    case 'lte':
      return lte(column, value);
    case 'gt':
      return gt(column, value);
    case 'gte':
      return gte(column, value);
    default:
      throw new Error(`accessibleWhere: unsupported operator "${node.operator}"`);
  }
}
