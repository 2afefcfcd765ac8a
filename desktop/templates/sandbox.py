"""The Jinja environment every template is rendered in.

Why so strict: templates come from clerks and from the county, so a template must reach
nothing but the plain data it was given. `a.b` is only a dict lookup (never a Python
attribute or method), `a[0]` only indexes lists and dicts, no globals are offered, and
string/number repetition is capped so `{{ "x" * 10**9 }}` cannot exhaust memory.
Values are XML-escaped (autoescape), so a project name with `&` or `<` cannot break
the document.
"""
from __future__ import annotations

from jinja2 import StrictUndefined
from jinja2.runtime import LoopContext
from jinja2.sandbox import SandboxedEnvironment, SecurityError

MAX_REPEAT = 10_000


class TemplateSandbox(SandboxedEnvironment):
    intercepted_binops = frozenset({"*", "**"})

    def __init__(self) -> None:
        super().__init__(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True)
        self.globals.clear()

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


def make_env() -> TemplateSandbox:
    return TemplateSandbox()
