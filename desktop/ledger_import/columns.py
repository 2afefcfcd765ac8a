"""From the header rows to the list of columns: merged groups, hidden columns, --map fixes.

A two-level header is told by its merged cells (a title spanning columns above sub-titles,
or titles merged down over two rows); without merge information we fall back to the
words themselves. The clerk's --map always wins over what we guessed.
"""
from __future__ import annotations

import re
from pathlib import Path

from openpyxl.utils import column_index_from_string, get_column_letter

from desktop.core.errors import UserError
from desktop.ledger_import.headers import (
    EXTRA_TARGETS, SOURCE_WORDS, Column, classify, is_column_number_row, match_words, strip_units,
)
from desktop.ledger_import.values import clean_text, tight
from desktop.projects.fields import LABEL_ALIASES, PROJECT_FIELDS

MULTI = ("alloc", "content", "problems", "note", "progress_text", "ignore", None)


def _filled(values: tuple) -> list[int]:
    return [i for i, v in enumerate(values) if v is not None and tight(v) != ""]


def header_rows(buffer, at: int, layout) -> tuple[int, int | None, int | None]:
    """Indexes in the buffer of the top header row, the sub-header row and a 1 2 3 … row."""
    number, row = buffer[at]
    name_col = next((i for i in _filled(row) if classify(clean_text(row[i]), "")[0] == "name"), None)
    top, sub = at, None
    if at > 0:
        prev = buffer[at - 1][0]
        if len(_filled(buffer[at - 1][1])) >= 2 and any(
                m.min_row == prev and m.max_row >= number for m in layout.merges):
            top, sub = at - 1, at
    if sub is None and at + 1 < len(buffer):
        nxt_number, nxt = buffer[at + 1]
        merged = any(m.min_row == number and (m.max_row >= nxt_number or m.max_col > m.min_col)
                     for m in layout.merges)
        if _looks_sub(nxt, name_col, row) and (merged or not layout.merges):
            sub = at + 1
    last = sub if sub is not None else top
    extra = last + 1 if last + 1 < len(buffer) and is_column_number_row(buffer[last + 1][1]) else None
    return top, sub, extra


def _looks_sub(values: tuple, name_col: int | None, above: tuple) -> bool:
    cells = _filled(values)
    if not cells or (name_col is not None and name_col in cells):
        return False
    if any(not isinstance(values[i], str) or len(tight(values[i])) > 20 for i in cells):
        return False
    group = ""
    hits = 0
    for i in range(max(cells) + 1):
        if i < len(above) and above[i] is not None and tight(above[i]):
            group = clean_text(above[i])
        if i in cells and classify(group, clean_text(values[i]))[0]:
            hits += 1
    return hits >= 1


def build_columns(buffer, top: int, sub: int | None, layout, maps: list[str], path: Path):
    """Columns with their targets; notes say what was ignored and why."""
    top_number, top_vals = buffer[top]
    sub_number, sub_vals = buffer[sub] if sub is not None else (None, ())
    width = max(_filled(top_vals) + _filled(sub_vals) or [0]) + 1
    columns: list[Column] = []
    last_group = None
    for c in range(width):
        g = top_vals[c] if c < len(top_vals) else None
        s = sub_vals[c] if c < len(sub_vals) else None
        merge = next((m for m in layout.merges if m.min_row == top_number and m.min_col <= c + 1 <= m.max_col), None)
        if g is None and merge is not None and merge.min_col < c + 1:
            g = top_vals[merge.min_col - 1]
        elif g is None and not layout.merges and s is not None and last_group is not None:
            g = last_group
        if merge is not None and sub_number is not None and merge.max_row >= sub_number:
            s = None  # a title merged down over both header rows
        if g is not None and s is not None:
            last_group = g
        elif g is not None:
            last_group = None
        group, subtitle = clean_text(g), clean_text(s)
        target, unit, source = classify(group, subtitle)
        columns.append(Column(c, get_column_letter(c + 1), group, subtitle, target, unit, source,
                              hidden=(c + 1) in layout.hidden_cols, mapped_by="synonym" if target else "none"))
    for item in maps or []:
        _apply_map(item, columns, path)
    return columns, _settle(columns, path)


def _settle(columns: list[Column], path: Path) -> list[str]:
    notes, seen = [], {}
    for col in columns:
        if col.hidden and col.mapped_by != "map":
            if col.target or col.group or col.sub:
                notes.append(f"隐藏列 {col.letter}（{col.title}）已忽略；如需导入，请在向导第 2 步为该列选择字段"
                             f"（列对应 {col.letter}=字段）")
            col.target = None
            continue
        if col.target in MULTI:
            if col.target is None and (col.group or col.sub):
                notes.append(f"未识别的列 {col.letter}（{col.title}）未导入；如需导入，请在向导第 2 步为该列选择字段"
                             f"（列对应 {col.letter}=字段）")
            continue
        if col.target in seen:
            first = seen[col.target]
            notes.append(f"列 {col.letter}（{col.title}）与列 {first.letter}（{first.title}）都是"
                         f"“{_label(col.target)}”，只导入列 {first.letter}")
            col.target = None
            continue
        seen[col.target] = col
    if "name" not in seen:
        heads = "、".join(f"{c.letter} {c.title}" for c in columns if c.group or c.sub)
        raise UserError(f"文件 {path.name} 中没有找到“项目名称”列。表头为：{heads}。"
                        "请指定哪一列是项目名称，例如 名目=项目名称。", cli_hint="--map \"名目=项目名称\"")
    return notes


def _label(target: str) -> str:
    return PROJECT_FIELDS[target].label if target in PROJECT_FIELDS else EXTRA_TARGETS.get(target, target)


def resolve_target(text: str) -> tuple[str, str | None, str | None]:
    """A --map target: field name, Chinese label, extra target, header synonym or a funding source."""
    t, unit = strip_units(text)
    t = t.strip()
    if t in PROJECT_FIELDS:
        return t, unit, None
    if t in LABEL_ALIASES:
        return LABEL_ALIASES[t], unit, None
    for key, label in EXTRA_TARGETS.items():
        if t in (key, label) and key != "alloc":
            return key, unit, None
    for name, _words in SOURCE_WORDS:
        if t == name:
            return "alloc", unit, name
    guess = match_words(t)
    if guess and guess != "alloc":
        return guess, unit, None
    known = "、".join([s.label for s in PROJECT_FIELDS.values()][:12] + ["已拨付", "已支出", "建设内容", "忽略"])
    raise UserError(f"列对应的目标字段“{text}”无法识别。可用：{known} 等（字段一览列出全部）。",
                    cli_hint="towndesk projects fields 列出全部字段")


def map_hints(maps: list[str]) -> dict:
    """What --map tells about the header row before it is found: titles, and where the name is."""
    keys, name_keys, name_index = set(), set(), None
    for item in maps or []:
        if "=" not in item:
            raise UserError(f"列对应“{item}”格式不对，应为 列标题=字段，例如 投资额(元)=计划投资 或 F=计划投资。",
                        cli_hint="--map \"投资额(元)=计划投资\"")
        key, target_text = (p.strip() for p in item.rsplit("=", 1))
        target = resolve_target(target_text)[0]
        if re.fullmatch(r"[A-Za-z]{1,3}", key):
            if target == "name":
                name_index = column_index_from_string(key.upper()) - 1
            continue
        keys.add(tight(key))
        keys.add(strip_units(key)[0])
        if target == "name":
            name_keys.update({tight(key), strip_units(key)[0]})
    return {"keys": keys, "name_keys": name_keys, "name_index": name_index}


def _apply_map(item: str, columns: list[Column], path: Path) -> None:
    if "=" not in item:
        raise UserError(f"列对应“{item}”格式不对，应为 列标题=字段，例如 投资额(元)=计划投资 或 F=计划投资。",
                        cli_hint="--map \"投资额(元)=计划投资\"")
    key, target_text = (p.strip() for p in item.rsplit("=", 1))
    target, unit, source = resolve_target(target_text)
    if re.fullmatch(r"[A-Za-z]{1,3}", key):
        index = column_index_from_string(key.upper()) - 1
        matches = [c for c in columns if c.index == index]
        if not matches:
            raise UserError(f"列对应“{item}”：表头只有 A–{columns[-1].letter} 列，没有 {key.upper()} 列。")
    else:
        k = tight(key)
        matches = [c for c in columns if k in (tight(c.title), tight(c.group), tight(c.sub), tight(c.group + c.sub),
                                               strip_units(c.group)[0], strip_units(c.sub)[0])]
        if not matches:
            heads = "、".join(f"{c.letter} {c.title}" for c in columns if c.group or c.sub)
            raise UserError(f"列对应“{item}”：文件 {path.name} 的表头中没有“{key}”列。表头为：{heads}。")
        if len(matches) > 1:
            letters = "、".join(c.letter for c in matches)
            raise UserError(f"列对应“{item}”：有多列都叫“{key}”（{letters} 列），请改用列号，例如 "
                            f"{matches[0].letter}={target_text}。", cli_hint=f"--map \"{matches[0].letter}={target_text}\"")
    col = matches[0]
    if target not in MULTI:
        for other in columns:
            if other is not col and other.target == target and other.mapped_by != "map":
                other.target, other.mapped_by = None, "none"
    col.target, col.mapped_by, col.source = target, "map", source or col.source
    if unit:
        col.unit = unit
