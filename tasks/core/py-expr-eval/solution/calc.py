import re

_TOKEN = re.compile(r"\s*(?:(\d+\.\d*|\.\d+|\d+)|([A-Za-z_]\w*)|(\*\*|//|[-+*/%(),]))")
_FUNCS = {"min": (min, 1, None), "max": (max, 1, None), "abs": (abs, 1, 1)}


def _tokens(expr):
    pos, out = 0, []
    expr = expr.rstrip()
    while pos < len(expr):
        m = _TOKEN.match(expr, pos)
        if not m:
            raise ValueError(f"unexpected character at {pos}: {expr[pos:pos + 5]!r}")
        num, name, op = m.groups()
        if num is not None:
            out.append(("num", float(num) if "." in num else int(num)))
        elif name is not None:
            out.append(("name", name))
        else:
            out.append(("op", op))
        pos = m.end()
    return out


class _Parser:
    def __init__(self, tokens, variables):
        self.toks, self.i, self.vars = tokens, 0, variables

    def peek(self):
        return self.toks[self.i] if self.i < len(self.toks) else (None, None)

    def take(self, op=None):
        tok = self.peek()
        if tok[0] is None or (op is not None and tok != ("op", op)):
            raise ValueError(f"expected {op or 'more input'}")
        self.i += 1
        return tok

    def expression(self):  # + -
        value = self.term()
        while self.peek() in (("op", "+"), ("op", "-")):
            op = self.take()[1]
            rhs = self.term()
            value = value + rhs if op == "+" else value - rhs
        return value

    def term(self):  # * / // %
        value = self.unary()
        while self.peek() in (("op", "*"), ("op", "/"), ("op", "//"), ("op", "%")):
            op = self.take()[1]
            rhs = self.unary()
            value = {"*": lambda a, b: a * b, "/": lambda a, b: a / b,
                     "//": lambda a, b: a // b, "%": lambda a, b: a % b}[op](value, rhs)
        return value

    def unary(self):
        if self.peek() == ("op", "-"):
            self.take()
            return -self.unary()
        if self.peek() == ("op", "+"):
            self.take()
            return +self.unary()
        return self.power()

    def power(self):
        base = self.atom()
        if self.peek() == ("op", "**"):
            self.take()
            return base ** self.unary()  # right-associative; the exponent may carry a sign
        return base

    def atom(self):
        kind, value = self.take()
        if kind == "num":
            return value
        if kind == "name":
            if self.peek() == ("op", "("):
                return self.call(value)
            if value not in self.vars:
                raise ValueError(f"unknown name {value!r}")
            return self.vars[value]
        if value == "(":
            inner = self.expression()
            self.take(")")
            return inner
        raise ValueError(f"unexpected {value!r}")

    def call(self, name):
        if name not in _FUNCS:
            raise ValueError(f"unknown function {name!r}")
        fn, lo, hi = _FUNCS[name]
        self.take("(")
        args = []
        if self.peek() != ("op", ")"):
            args.append(self.expression())
            while self.peek() == ("op", ","):
                self.take()
                args.append(self.expression())
        self.take(")")
        if len(args) < lo or (hi is not None and len(args) > hi):
            raise ValueError(f"{name} takes {lo}..{hi or 'n'} arguments")
        return fn(*args) if name == "abs" else fn(args)


def evaluate(expr: str, variables: dict | None = None):
    parser = _Parser(_tokens(expr), variables or {})
    value = parser.expression()
    if parser.i != len(parser.toks):
        raise ValueError(f"unexpected {parser.peek()[1]!r}")
    return value
