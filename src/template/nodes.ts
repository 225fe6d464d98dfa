/** The text/template parse tree, with Go's String() forms (used in execution error contexts). */
import { goQuote } from '../model/strconv/index.js';

export type Node =
  | TextNode | ActionNode | PipeNode | CommandNode | IdentifierNode | VariableNode | DotNode
  | NilNode | FieldNode | ChainNode | BoolNode | NumberNode | StringNode | ListNode | IfNode
  | RangeNode | WithNode | TemplateNode | BreakNode | ContinueNode;

interface Base {
  pos: number;
}
export interface TextNode extends Base { type: 'text'; text: string }
export interface ActionNode extends Base { type: 'action'; line: number; pipe: PipeNode }
export interface PipeNode extends Base {
  type: 'pipe';
  line: number;
  isAssign: boolean;
  decl: VariableNode[];
  cmds: CommandNode[];
}
export interface CommandNode extends Base { type: 'command'; args: Node[] }
export interface IdentifierNode extends Base { type: 'identifier'; name: string }
export interface VariableNode extends Base { type: 'variable'; ident: string[] }
export interface DotNode extends Base { type: 'dot' }
export interface NilNode extends Base { type: 'nil' }
export interface FieldNode extends Base { type: 'field'; ident: string[] }
export interface ChainNode extends Base { type: 'chain'; node: Node; field: string[] }
export interface BoolNode extends Base { type: 'bool'; value: boolean }
export interface NumberNode extends Base {
  type: 'number';
  text: string;
  /** The ideal constant's value: bigint for an int constant, number for a float one. */
  value: bigint | number;
}
export interface StringNode extends Base { type: 'string'; quoted: string; text: string }
export interface ListNode extends Base { type: 'list'; nodes: Node[] }
export interface BranchFields extends Base {
  line: number;
  pipe: PipeNode;
  list: ListNode;
  elseList: ListNode | null;
}
export interface IfNode extends BranchFields { type: 'if' }
export interface RangeNode extends BranchFields { type: 'range' }
export interface WithNode extends BranchFields { type: 'with' }
export interface TemplateNode extends Base { type: 'template'; line: number; name: string; pipe: PipeNode | null }
export interface BreakNode extends Base { type: 'break'; line: number }
export interface ContinueNode extends Base { type: 'continue'; line: number }

function argString(n: Node): string {
  return n.type === 'pipe' ? `(${nodeString(n)})` : nodeString(n);
}

function branchString(n: IfNode | RangeNode | WithNode): string {
  const head = `{{${n.type} ${nodeString(n.pipe)}}}${nodeString(n.list)}`;
  return n.elseList === null ? `${head}{{end}}` : `${head}{{else}}${nodeString(n.elseList)}{{end}}`;
}

/** Go's Node.String(). */
export function nodeString(n: Node): string {
  switch (n.type) {
    case 'text': return n.text;
    case 'action': return `{{${nodeString(n.pipe)}}}`;
    case 'pipe': {
      let s = '';
      if (n.decl.length > 0) s = n.decl.map(nodeString).join(', ') + (n.isAssign ? ' = ' : ' := ');
      return s + n.cmds.map(nodeString).join(' | ');
    }
    case 'command': return n.args.map(argString).join(' ');
    case 'identifier': return n.name;
    case 'variable': return n.ident.join('.');
    case 'dot': return '.';
    case 'nil': return 'nil';
    case 'field': return n.ident.map((f) => `.${f}`).join('');
    case 'chain': return argString(n.node) + n.field.map((f) => `.${f}`).join('');
    case 'bool': return n.value ? 'true' : 'false';
    case 'number': return n.text;
    case 'string': return n.quoted;
    case 'list': return n.nodes.map(nodeString).join('');
    case 'if':
    case 'range':
    case 'with':
      return branchString(n);
    case 'template':
      return n.pipe === null ? `{{template ${goQuote(n.name)}}}` : `{{template ${goQuote(n.name)} ${nodeString(n.pipe)}}}`;
    case 'break': return '{{break}}';
    case 'continue': return '{{continue}}';
  }
}
