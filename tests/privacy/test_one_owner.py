"""Personal-data masking has one owner, desktop/privacy: no other module slices ID or phone numbers with '*'."""
from __future__ import annotations

import ast
import re
import zipfile
from pathlib import Path

from desktop.privacy.masking import is_masked, mask_field, mask_id, mask_phone

ROOT = Path(__file__).resolve().parents[2]
OWNER = ROOT / "desktop" / "privacy"


def _stars(node) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value != "" \
        and set(node.value) <= {"*"}


def _is_glob(call: ast.Call) -> bool:
    name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
    return name in {"glob", "rglob", "iglob", "fnmatch"}


def _stray_masking(tree: ast.AST) -> list[int]:
    """Lines that build or detect a masked form by hand: "*" * n, "*" in text, a replace/sub/join with stars."""
    lines = []
    for n in ast.walk(tree):
        if isinstance(n, ast.BinOp) and isinstance(n.op, ast.Mult) and (_stars(n.left) or _stars(n.right)):
            lines.append(n.lineno)
        elif isinstance(n, ast.Compare) and _stars(n.left) and any(isinstance(o, (ast.In, ast.NotIn)) for o in n.ops):
            lines.append(n.lineno)
        elif isinstance(n, ast.Call) and any(_stars(a) for a in n.args) and not _is_glob(n):
            lines.append(n.lineno)
        elif isinstance(n, ast.JoinedStr) and any(isinstance(v, ast.Constant) and "**" in str(v.value) for v in n.values):
            lines.append(n.lineno)
    return lines


def test_no_module_outside_privacy_masks_by_hand():
    """Every .py in desktop/, ui/ and db/ outside desktop/privacy is free of hand-made '*' masking."""
    found = []
    for folder in ("desktop", "ui", "db"):
        for path in (ROOT / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            if OWNER in path.parents or "*" not in text:
                continue  # no star, no masking: not parsed (keeps the scan fast)
            for line in _stray_masking(ast.parse(text)):
                found.append(f"{path.relative_to(ROOT)}:{line}")
    assert not found, "masking outside desktop/privacy (use desktop.privacy.masking): " + ", ".join(found)


def test_scanner_sees_the_forms_it_forbids():
    """The scan flags the fallback copies that used to exist (so a pass above means something)."""
    samples = ['x = v[:4] + "*" * (len(v) - 8) + v[-4:]', 'ok = "*" in text', 'y = s.replace(s[3:7], "****")',
               'z = f"{a}****{b}"']
    for code in samples:
        assert _stray_masking(ast.parse(code)), code
    assert not _stray_masking(ast.parse('ops = frozenset({"*", "**"})\nfiles = root.rglob("*")'))


def test_shipped_templates_take_masked_values_from_the_context():
    """Word templates print 身份证号脱敏/联系电话 from the context; none slices a number or writes stars itself."""
    for path in (ROOT / "resources" / "templates").glob("*.docx"):
        with zipfile.ZipFile(path) as z:
            xml = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("word/") and n.endswith(".xml"))
        text = re.sub(r"<[^>]+>", "", xml)
        for expr in re.findall(r"\{\{(.*?)\}\}", text):
            assert "[" not in expr and "*" not in expr, f"{path.name}: {expr}"
        assert "****" not in text, path.name


def test_masked_forms_are_the_privacy_modules():
    """ID, mobile and history values mask one way, and a masked form is recognised as unchanged input."""
    assert mask_id("533401199001011234") == "5334**********1234"
    assert mask_phone("13812345678") == "138****5678"
    assert mask_field("household", "id_number", "533401199001011234") == mask_id("533401199001011234")
    assert mask_field("project", "responsible_phone", "13812345678") == "138****5678"
    assert is_masked(mask_id("533401199001011234")) and not is_masked("533401199001011234") and not is_masked(None)
