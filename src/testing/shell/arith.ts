// `$((…))`: integer arithmetic with variables, + - * / %, comparisons, && || ! and parentheses.
import { ShellSyntaxError } from "./parse.js";

/** Evaluates an arithmetic expression; a name reads the variable (unset or not a number: 0). */
export function arithmetic(expr: string, variable: (name: string) => string): number {
  const tokens =
    expr.match(
      /\d+|[A-Za-z_][A-Za-z0-9_]*|\$[A-Za-z_][A-Za-z0-9_]*|==|!=|<=|>=|&&|\|\||[-+*/%()<>!]/g,
    ) ?? [];
  let i = 0;
  const peek = () => tokens[i];
  const value = (name: string) => Math.trunc(Number(variable(name.replace(/^\$/, ""))) || 0);
  const levels = [
    ["||"],
    ["&&"],
    ["==", "!="],
    ["<", "<=", ">", ">="],
    ["+", "-"],
    ["*", "/", "%"],
  ];
  const binary = (level: number): number => {
    if (level === levels.length) return unary();
    let left = binary(level + 1);
    while (levels[level]?.includes(peek() ?? "")) {
      const op = tokens[i++];
      const right = binary(level + 1);
      left = apply(op as string, left, right);
    }
    return left;
  };
  const unary = (): number => {
    const t = tokens[i++];
    if (t === "-") return -unary();
    if (t === "+") return unary();
    if (t === "!") return unary() === 0 ? 1 : 0;
    if (t === "(") {
      const v = binary(0);
      if (tokens[i++] !== ")") throw new ShellSyntaxError(`sh: arithmetic syntax error: ${expr}`);
      return v;
    }
    if (t === undefined) throw new ShellSyntaxError(`sh: arithmetic syntax error: ${expr}`);
    return /^\d+$/.test(t) ? Number(t) : value(t);
  };
  const result = binary(0);
  if (i < tokens.length) throw new ShellSyntaxError(`sh: arithmetic syntax error: ${expr}`);
  return result;
}

function apply(op: string, a: number, b: number): number {
  switch (op) {
    case "+":
      return a + b;
    case "-":
      return a - b;
    case "*":
      return a * b;
    case "/":
    case "%":
      if (b === 0) throw new ShellSyntaxError("sh: arithmetic: division by zero");
      return op === "/" ? Math.trunc(a / b) : a % b;
    case "<":
      return Number(a < b);
    case "<=":
      return Number(a <= b);
    case ">":
      return Number(a > b);
    case ">=":
      return Number(a >= b);
    case "==":
      return Number(a === b);
    case "!=":
      return Number(a !== b);
    case "&&":
      return Number(a !== 0 && b !== 0);
    default:
      return Number(a !== 0 || b !== 0);
  }
}
