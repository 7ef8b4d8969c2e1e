/**
 * A plain-JavaScript copy of tree-sitter's CST, for the IR builder.
 *
 * Every tree-sitter node accessor (`childForFieldName`, `namedChildren`, `startPosition`, ...)
 * crosses into native code and allocates, and the builder asks for the same facts many times.
 * `copyTree` reads each node once with a `TreeCursor` walk and keeps type, field name, offsets
 * and children in JS objects that offer the subset of `SyntaxNode`'s API the builder uses, with
 * the same answers.
 */

import type { SyntaxNode as TSNode } from "./parse";

export interface Point {
  row: number;
  column: number;
}

/**
 * tree-sitter's `childForFieldName` (not `childrenForFieldName`) also finds a field of a hidden
 * rule aliased to a visible child: `match_statement`'s `body` is `_match_block` aliased to
 * `block`, whose `alternative` fields (the `case_clause`s) a `match_statement` reports as its own.
 * This is the only such alias with fields in tree-sitter-python's grammar.
 */
function inheritedVia(type: string, field: string): string | null {
  return type === "match_statement" && field === "alternative" ? "body" : null;
}

/** Shared by all leaves; never mutated. */
const NO_NODES: CstNode[] = [];
const NO_FIELDS: (string | null)[] = [];

export class CstNode {
  /** Read-only for callers (tree-sitter hands out fresh arrays; nothing here mutates them). */
  children: CstNode[] = NO_NODES;
  /** Field name of each child (null when none), parallel to `children`. */
  private fields: (string | null)[] = NO_FIELDS;
  private named: CstNode[] | null = null;
  private point: Point | null = null;

  constructor(
    private readonly tree: CstTree,
    readonly type: string,
    readonly isNamed: boolean,
    readonly startIndex: number,
    readonly endIndex: number,
  ) {}

  get text(): string {
    return this.tree.text.substring(this.startIndex, this.endIndex);
  }

  get startPosition(): Point {
    if (this.point === null) this.point = this.tree.point(this.startIndex);
    return this.point;
  }

  /** Read-only for callers, like `children`. */
  get namedChildren(): CstNode[] {
    if (this.named === null) {
      this.named = this.children === NO_NODES ? NO_NODES : this.children.filter((c) => c.isNamed);
    }
    return this.named;
  }

  get lastChild(): CstNode | null {
    return this.children[this.children.length - 1] ?? null;
  }

  childForFieldName(name: string): CstNode | null {
    const fields = this.fields;
    for (let i = 0; i < fields.length; i++) if (fields[i] === name) return this.children[i]!;
    const via = inheritedVia(this.type, name);
    return via === null ? null : (this.childForFieldName(via)?.childForFieldName(name) ?? null);
  }

  childrenForFieldName(name: string): CstNode[] {
    const out: CstNode[] = [];
    const fields = this.fields;
    for (let i = 0; i < fields.length; i++) if (fields[i] === name) out.push(this.children[i]!);
    return out;
  }

  /** @internal */
  add(child: CstNode, field: string | null): void {
    if (this.children === NO_NODES) {
      this.children = [];
      this.fields = [];
    }
    this.children.push(child);
    this.fields.push(field);
  }
}

class CstTree {
  /** Offsets (UTF-16 code units) where each line starts. */
  private readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) {
      this.lineStarts.push(i + 1);
    }
  }

  point(index: number): Point {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return { row: lo, column: index - starts[lo]! };
  }
}

/** What the copy needs to know about a node type, from the grammar's `node-types.json`. */
interface TypeFacts {
  type: string;
  isNamed: boolean;
  /** A node of this type never has children (a token, `identifier`, `integer`, ...). */
  leaf: boolean;
  /** Some child of a node of this type may be in a field. */
  hasFields: boolean;
  /** Its text is its type (an anonymous token: `(`, `def`, `+=`), so its end is start + length. */
  textIsType: boolean;
}

interface NodeTypeInfo {
  type: string;
  named: boolean;
  fields?: Record<string, unknown>;
  children?: unknown;
}

/** Per language: the grammar's facts about each node type, by name and namedness. */
const grammarFacts = new WeakMap<object, Map<string, NodeTypeInfo>>();

function grammarInfo(language: { nodeTypeInfo?: NodeTypeInfo[] }): Map<string, NodeTypeInfo> {
  let info = grammarFacts.get(language);
  if (info === undefined) {
    info = new Map();
    for (const t of language.nodeTypeInfo ?? []) info.set(`${t.named ? "n" : "a"}:${t.type}`, t);
    grammarFacts.set(language, info);
  }
  return info;
}

/**
 * Copy the tree under `root` (parsed from `text`) into `CstNode`s.
 *
 * Every cursor accessor is a call into native code (about half a microsecond each), which made
 * the copy the transpiler's largest single cost. The grammar says which calls can be skipped: a
 * leaf type's node is not asked for children, a child of a type without fields is not asked for
 * its field, and an anonymous token's end is its start plus its text's length. A type the grammar
 * does not describe is asked everything.
 */
export function copyTree(root: TSNode, text: string): CstNode {
  const tree = new CstTree(text);
  const language = (root.tree as unknown as { language?: { nodeTypeInfo?: NodeTypeInfo[] } })
    .language;
  const info = language === undefined ? new Map<string, NodeTypeInfo>() : grammarInfo(language);
  const cursor = root.walk();
  // Node type, namedness and field name depend only on the symbol / field id: ask tree-sitter for
  // the strings once per id instead of once per node.
  const facts: TypeFacts[] = [];
  const fieldNames: string[] = [];
  const typeFacts = (id: number): TypeFacts => {
    let f = facts[id];
    if (f === undefined) {
      const type = cursor.nodeType;
      const isNamed = cursor.nodeIsNamed;
      const t = info.get(`${isNamed ? "n" : "a"}:${type}`);
      const leaf = t !== undefined && t.fields === undefined && t.children === undefined;
      f = {
        type,
        isNamed,
        leaf,
        hasFields: t === undefined || Object.keys(t.fields ?? {}).length > 0,
        textIsType: leaf && !isNamed,
      };
      facts[id] = f;
    }
    return f;
  };
  let f = typeFacts(cursor.nodeTypeId);
  const top = new CstNode(tree, f.type, f.isNamed, cursor.startIndex, cursor.endIndex);
  const stack: CstNode[] = [top];
  const parentHasFields: boolean[] = [f.hasFields];
  if (!cursor.gotoFirstChild()) return top;
  for (;;) {
    f = typeFacts(cursor.nodeTypeId);
    const start = cursor.startIndex;
    const node = new CstNode(
      tree,
      f.type,
      f.isNamed,
      start,
      f.textIsType ? start + f.type.length : cursor.endIndex,
    );
    let field: string | null = null;
    if (parentHasFields[parentHasFields.length - 1]) {
      const fieldId = cursor.currentFieldId;
      if (fieldId !== undefined) {
        field = fieldNames[fieldId] ?? null;
        if (field === null) {
          field = cursor.currentFieldName;
          fieldNames[fieldId] = field;
        }
      }
    }
    stack[stack.length - 1]!.add(node, field);
    if (!f.leaf && cursor.gotoFirstChild()) {
      stack.push(node);
      parentHasFields.push(f.hasFields);
      continue;
    }
    while (!cursor.gotoNextSibling()) {
      if (stack.length === 1 || !cursor.gotoParent()) return top;
      stack.pop();
      parentHasFields.pop();
    }
  }
}
