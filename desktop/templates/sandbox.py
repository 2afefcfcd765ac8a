"""The Jinja environment every template is rendered in.

Why so strict: templates come from clerks and from the county, so a template must reach
nothing but the plain data it was given. `a.b` is only a dict lookup (never a Python
attribute or method), `a[0]` only indexes lists and dicts, no globals are offered, and
string/number repetition is capped so `{{ "x" * 10**9 }}` cannot exhaust memory.
Values are XML-escaped (autoescape), so a project name with `&` or `<` cannot break
the document.
"""
from __future__ import annotations

from jinja2 import StrictUndefined, nodes
from jinja2.runtime import LoopContext
from jinja2.sandbox import SandboxedEnvironment, SecurityError

MAX_REPEAT = 10_000
MAX_LOOP_ITERATIONS = 200_000  # all loops of one render together (a 2,000-household table uses 2,000)
_COUNTER = "_towndesk_counted_loop"
MAX_FILTER_ARG = 1_000   # widths, lengths and counts a filter may be given (center(3*10**8) made 2.9 GB)
SIZED_FILTERS = ("center", "indent", "wordwrap", "truncate", "batch", "slice", "round", "format", "replace")


class LoopLimit(SecurityError):
    """A render whose loops together ran more than the limit."""

    def __init__(self, limit: int):
        super().__init__(f"模板中的循环共执行超过 {limit} 次")
        self.limit = limit


class TemplateSandbox(SandboxedEnvironment):
    intercepted_binops = frozenset({"*", "**"})

    def __init__(self, max_loop_iterations: int = MAX_LOOP_ITERATIONS) -> None:
        super().__init__(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True)
        self.globals.clear()
        self.loop_budget = self.max_loop_iterations = max_loop_iterations
        self.filters[_COUNTER] = self._counted

    def _generate(self, source, name, filename, defer_init=False):
        """Every `for` iterates through the counter (nested loops multiply: only a total bounds them)."""
        for loop in source.find_all(nodes.For):
            if not (isinstance(loop.iter, nodes.Filter) and loop.iter.name == _COUNTER):
                loop.iter = nodes.Filter(loop.iter, _COUNTER, [], [], None, None, lineno=loop.lineno)
        return super()._generate(source, name, filename, defer_init)

    def _counted(self, iterable):
        for item in iterable:
            self.loop_budget -= 1
            if self.loop_budget < 0:
                raise LoopLimit(self.max_loop_iterations)
            yield item

    def getattr(self, obj, attribute):
        if isinstance(obj, dict):
            return obj[attribute] if attribute in obj else self.undefined(obj=obj, name=attribute)
        if isinstance(obj, LoopContext):  # loop.index, loop.first: docxtpl itself writes these
            return super().getattr(obj, attribute)
        raise SecurityError(f"模板只能读取给定的数据，不能访问属性 {attribute}")

    def getitem(self, obj, argument):
        if isinstance(obj, dict) and isinstance(argument, str):
            return obj[argument] if argument in obj else self.undefined(obj=obj, name=argument)
        if isinstance(obj, (list, tuple)) and isinstance(argument, int):
            return super().getitem(obj, argument)
        if isinstance(obj, LoopContext):
            return super().getitem(obj, argument)
        raise SecurityError("模板只能按字段名或序号读取给定的数据")

    def call_binop(self, context, operator, left, right):
        if operator == "**" and (not isinstance(right, int) or abs(right) > 100):
            raise SecurityError("模板中的乘方运算过大")
        if operator == "*":
            for a, b in ((left, right), (right, left)):
                if isinstance(a, (str, list, tuple)) and isinstance(b, int) and len(a) * b > MAX_REPEAT:
                    raise SecurityError("模板中的重复运算过大")
        return super().call_binop(context, operator, left, right)


def _capped(name: str, original):
    """A filter whose numeric arguments (and, for format, printf widths) are at most MAX_FILTER_ARG."""
    import re

    width = re.compile(r"%[-+ #0]*(\d+)?(?:\.(\d+))?")

    def check(args) -> None:
        for a in args:
            if isinstance(a, bool):
                continue
            if isinstance(a, (int, float)) and abs(a) > MAX_FILTER_ARG:
                raise SecurityError(f"过滤器 {name} 的参数过大（上限 {MAX_FILTER_ARG}）")

    offset = 1 if hasattr(original, "jinja_pass_arg") else 0  # environment/context comes first

    def filt(*given, **kwargs):
        value, args = given[offset], given[offset + 1:]
        check(args)
        check(kwargs.values())
        if name == "format" and isinstance(value, str):
            for m in width.finditer(value):
                if any(g and int(g) > MAX_FILTER_ARG for g in m.groups()):
                    raise SecurityError(f"过滤器 format 的宽度过大（上限 {MAX_FILTER_ARG}）")
        if name == "replace" and isinstance(value, str) and len(args) >= 2 and len(str(args[1])) * (value.count(str(args[0])) + 1) > 1_000_000:
            raise SecurityError("过滤器 replace 的结果过大")
        return original(*given, **kwargs)

    for attr in ("jinja_pass_arg",):
        if hasattr(original, attr):
            setattr(filt, attr, getattr(original, attr))
    return filt


def make_env() -> TemplateSandbox:
    env = TemplateSandbox()
    for name in SIZED_FILTERS:
        if name in env.filters:
            env.filters[name] = _capped(name, env.filters[name])
    return env
