"""Check a template before it is stored or rendered: every placeholder well formed and known.

Why: a clerk types placeholders in Word, which swaps in full-width punctuation and curly
quotes, splits text into runs and paragraphs. docxtpl then fails with an English syntax
error or silently leaves text. The checker names each problem in Chinese, with the text
around it and, for an unknown field, the known fields nearest to it.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from jinja2 import TemplateSyntaxError, nodes
from jinja2.visitor import NodeVisitor
from jinja2.exceptions import TemplateAssertionError
from jinja2.meta import find_undeclared_variables

from desktop.templates.catalogue import BY_NAME, FIELDS, JINJA_NAMES, SYNONYMS, TABLE_FIELDS
from desktop.templates.docxsafe import DocxParts
from desktop.templates.sandbox import MAX_FILTER_ARG, SIZED_FILTERS, make_env

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TOKEN = re.compile(r"\{\{(.*?)\}\}|\{%(.*?)%\}|\{#.*?#\}", re.S)
_FULL_BRACES = re.compile(r"[｛{][｛{%]|[%｝}][｝}]")
_FULLWIDTH = set("（）【】，。：；！？、《》「」＝＋－＊／．～　")
_CURLY = set("‘’“”")
_LEADING_DIGIT = re.compile(r"(?<![\w.])\d+[^\W\d]|\.\d+[^\W\d]")
_SINGLE = re.compile(r"(?<![{])\{\s*([^\s{}%#]+)\s*\}(?!\})")
MAX_LOOP_DEPTH = 2


@dataclass
class CheckResult:
    fields: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict:
        return {"ok": self.ok, "fields": self.fields, "errors": self.errors, "warnings": self.warnings}

    def refusal(self, label: str) -> str:
        """The one message a refused template is reported with."""
        listed = "；".join(f"{i}) {e}" for i, e in enumerate(self.errors, 1))
        return f"模板 {label} 未通过检查，未保存任何内容：{listed}。请在 Word/WPS 中改正后重新导入。"


def suggest(name: str, candidates: list[str], limit: int = 4) -> list[str]:
    """nearest(), trying first the name with clerks' synonyms replaced (合同金额大写 → 计划投资大写)."""
    out = []
    for word, field_word in SYNONYMS:
        if word in name:
            out += nearest(name.replace(word, field_word), candidates, 2)
            break
    for c in nearest(name, candidates, limit):
        if c not in out:
            out.append(c)
    return out[:limit]


def nearest(name: str, candidates: list[str], limit: int = 4) -> list[str]:
    """Known names a mistyped one most likely meant: similar overall, or sharing a run of 2+ characters
    (so 合同金额大写 finds 计划投资大写, and 项目名 finds 项目名称)."""
    scored = []
    for c in candidates:
        m = difflib.SequenceMatcher(None, name, c)
        common = m.find_longest_match(0, len(name), 0, len(c)).size
        if m.ratio() >= 0.4 or common >= 2:
            scored.append((m.ratio() + 0.1 * common, c))
    return [c for _, c in sorted(scored, key=lambda x: -x[0])[:limit]]


def _part_label(name: str) -> str:
    base = name.rsplit("/", 1)[-1]
    return "页眉" if base.startswith("header") else "页脚" if base.startswith("footer") else \
        "脚注" if base.startswith("footnotes") else "正文"


def _own_text(p: Element) -> str:
    out, stack = [], list(reversed(list(p)))
    while stack:
        el = stack.pop()
        if el.tag == W + "p":
            continue
        if el.tag == W + "t" and el.text:
            out.append(el.text)
        stack.extend(reversed(list(el)))
    return "".join(out)


def _paragraphs(root: Element, in_table: bool = False):
    """(text, inside a table cell) for each paragraph, nested ones (text boxes, tables) included."""
    for child in root:
        if child.tag == W + "p":
            yield _own_text(child), in_table
            yield from _paragraphs(child, in_table)
        else:
            yield from _paragraphs(child, in_table or child.tag == W + "tc")


def _snippet(text: str, at: int = 0, width: int = 24) -> str:
    start = max(at - width // 2, 0)
    s = text[start:start + width].strip()
    return ("…" if start else "") + s + ("…" if start + width < len(text) else "")


def _check_text(text: str, in_table: bool, where: str, res: CheckResult) -> None:
    for m in _FULL_BRACES.finditer(text):
        if "｛" in m.group() or "｝" in m.group():
            res.errors.append(f"{where}“{_snippet(text, m.start())}”用了全角花括号｛｝，不会被替换，请改为半角 {{{{ }}}}")
            break
    rest = _TOKEN.sub(" ", text)
    for opener in ("{{", "{%"):
        if opener in rest:
            res.errors.append(f"{where}“{_snippet(rest, rest.index(opener))}”中的 {opener} 没有闭合"
                              f"（占位符须在同一段内写完，例如 {{{{ 项目名称 }}}}）")
    for closer in ("}}", "%}"):
        if closer in rest and not any(o in rest for o in ("{{", "{%")):
            res.errors.append(f"{where}“{_snippet(rest, rest.index(closer))}”中有多余的 {closer}")
    for m in _SINGLE.finditer(rest):
        if m.group(1) in BY_NAME:
            res.warnings.append(f"{where}“{m.group()}”只有单层花括号，不会被替换；如需填入请写成 {{{{ {m.group(1)} }}}}")
    for m in _TOKEN.finditer(text):
        expr = m.group(1) if m.group(1) is not None else m.group(2)
        if expr is None:
            continue
        shown = m.group()
        if not expr.strip() or expr.strip() == "tr":
            res.errors.append(f"{where}中有空的占位符 {shown}")
            continue
        bad = sorted({ch for ch in expr if ch in _FULLWIDTH}, key=expr.index)
        if bad:
            chars = "、".join("全角空格" if c == "\u3000" else f"“{c}”" for c in bad)
            res.errors.append(f"{where}中的占位符 {shown} 有全角符号 {chars}：字段名只能由汉字、字母、数字、下划线组成，"
                              "符号须用半角")
        if any(ch in _CURLY for ch in expr):
            res.warnings.append(f"{where}中的占位符 {shown} 有 Word 自动替换的弯引号，程序会按直引号处理；"
                                "建议写成 h.户主姓名 这样的形式，不用引号")
        if _LEADING_DIGIT.search(expr):
            res.errors.append(f"{where}中的占位符 {shown} 以数字开头，Word 模板不支持，请去掉开头的数字")
        if m.group(2) is not None and expr.lstrip().startswith("tr ") and not in_table:
            res.errors.append(f"{where}中的 {shown} 只能写在表格的一行里（用来重复表格行）")


class _Scope(NodeVisitor):
    """Walk the parsed template: loop variables over table fields, their columns, calls, depth."""

    def __init__(self, res: CheckResult):
        self.res, self.loops, self.depth = res, {}, 0

    def visit_For(self, node: nodes.For) -> None:
        self.depth += 1
        if self.depth > MAX_LOOP_DEPTH:
            self.res.errors.append(f"循环嵌套超过 {MAX_LOOP_DEPTH} 层，模板过于复杂，请简化")
        saved = dict(self.loops)
        if isinstance(node.target, nodes.Name) and isinstance(node.iter, nodes.Name) and node.iter.name in TABLE_FIELDS:
            self.loops[node.target.name] = node.iter.name
        self.generic_visit(node)
        self.loops, self.depth = saved, self.depth - 1

    def _member(self, base: nodes.Node, key, shown: str) -> None:
        if not isinstance(base, nodes.Name):
            return
        if base.name in self.loops:
            table = TABLE_FIELDS[self.loops[base.name]]
            cols = [c for c, _ in table.columns]
            if key not in cols:
                near = nearest(str(key), cols)
                hint = f"相近的列：{'、'.join(near)}" if near else f"可用的列：{'、'.join(cols)}"
                self.res.errors.append(f"{table.name}（{base.name}）没有列“{key}”（{hint}）")
        elif base.name in BY_NAME:
            self.res.errors.append(f"字段 {base.name} 没有下一级“{key}”（{shown}）；"
                                   f"只有表格字段在循环中可以写 h.列名")

    def visit_Getattr(self, node: nodes.Getattr) -> None:
        if not (isinstance(node.node, nodes.Name) and node.node.name == "loop"):
            self._member(node.node, node.attr, f"{getattr(node.node, 'name', '')}.{node.attr}")
        self.generic_visit(node)

    def visit_Getitem(self, node: nodes.Getitem) -> None:
        if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
            self._member(node.node, node.arg.value, f"[{node.arg.value!r}]")
        self.generic_visit(node)

    def visit_Name(self, node: nodes.Name) -> None:
        if node.name == "self" or (node.name == "loop" and not self.depth):
            self.res.errors.append(f"“{node.name}”不是字段，不能用在模板中" + ("（loop 只能在循环里用）" if
                                                                       node.name == "loop" else ""))

    def visit_Filter(self, node: nodes.Filter) -> None:
        """Widths and counts given to filters must be plain numbers up to MAX_FILTER_ARG (rendering caps them too)."""
        if node.name in SIZED_FILTERS:
            for a in [*node.args, *(k.value for k in node.kwargs)]:
                if not isinstance(a, nodes.Const):
                    self.res.errors.append(f"过滤器 {node.name} 的参数只能直接写数字或文字，不能是算式或字段")
                elif isinstance(a.value, (int, float)) and not isinstance(a.value, bool) and abs(a.value) > MAX_FILTER_ARG:
                    self.res.errors.append(f"过滤器 {node.name} 的参数 {a.value} 过大（上限 {MAX_FILTER_ARG}）")
            if node.name == "format" and isinstance(node.node, nodes.Const) and isinstance(node.node.value, str):
                if any(int(w) > MAX_FILTER_ARG for w in re.findall(r"%[-+ #0]*(\d+)", node.node.value)):
                    self.res.errors.append(f"过滤器 format 的宽度过大（上限 {MAX_FILTER_ARG}）")
        self.generic_visit(node)

    def visit_Call(self, node: nodes.Call) -> None:
        if not (isinstance(node.node, nodes.Getattr) and isinstance(node.node.node, nodes.Name)
                and node.node.node.name == "loop"):
            self.res.errors.append("模板中不能调用函数（括号调用），只能填入字段")
        self.generic_visit(node)


def _jinja_source(parts: DocxParts) -> list[tuple[str, str]]:
    """Each text part as docxtpl will hand it to Jinja (tags between braces removed)."""
    from docxtpl import DocxTemplate

    patcher = DocxTemplate.__new__(DocxTemplate)
    return [(name, re.sub(r"<w:p([ >])", r"\n<w:p\1", patcher.patch_xml(xml))) for name, xml in parts.text_xml.items()]


_JINJA_MESSAGES = [
    ("Unexpected end of template", "缺少结束标记，例如 {% endif %} 或 {% endfor %}"),
    ("Encountered unknown tag", "有无法识别的标记"),
    ("unexpected char", "有无法识别的字符"),
    ("expected token", "写法不完整或多了字符"),
    ("unexpected", "有多余或错位的符号"),
    ("No filter named", "用了不存在的过滤器"),
]


def _explain(message: str | None) -> str:
    """Jinja's English error, said in Chinese (the original kept for support staff)."""
    message = message or ""
    said = next((zh for en, zh in _JINJA_MESSAGES if en in message), None)
    return f"{said}；原文：{message}" if said else message


def _line_text(src: str, lineno: int) -> str:
    lines = src.splitlines()
    text = re.sub(r"<[^>]+>", "", lines[lineno - 1]) if 0 < lineno <= len(lines) else ""
    return _snippet(text, 0, 40)


def check_parts(parts: DocxParts) -> CheckResult:
    """All checks on a file docxsafe has already opened."""
    res = CheckResult()
    for name, root in parts.text_parts.items():
        for text, in_table in _paragraphs(root):
            if "{" in text or "}" in text or "｛" in text or "｝" in text:
                _check_text(text, in_table, f"{_part_label(name)}", res)
    if res.errors:
        return res
    env, used = make_env(), set()
    known = [f.name for f in FIELDS]
    for name, src in _jinja_source(parts):
        where = _part_label(name)
        try:
            ast = env.parse(src)
            env.from_string(src)
        except (TemplateSyntaxError, TemplateAssertionError) as e:
            res.errors.append(f"{where}“{_line_text(src, e.lineno or 0)}”附近的占位符写法有误（{_explain(e.message)}）")
            continue
        for var in sorted(find_undeclared_variables(ast) - JINJA_NAMES):
            if var in BY_NAME:
                used.add(var)
            else:
                near = suggest(var, known)
                hint = f"相近的已知字段：{'、'.join(near)}" if near else "可用 towndesk template fields 查看全部字段"
                res.errors.append(f"未知字段“{var}”（{hint}）")
        _Scope(res).visit(ast)
    res.fields = [f.name for f in FIELDS if f.name in used]
    if not used and not res.errors:
        res.warnings.append("模板中没有任何占位符，生成的文书将与模板完全相同")
    return res
