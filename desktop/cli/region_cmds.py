"""regions find: which units a name (as clerks write it) or a code means, with both code systems."""
from __future__ import annotations

from desktop.cli.output import print_json, print_table


def register(sub) -> None:
    p = sub.add_parser("regions", help="全国区划：按名称或代码查找乡镇、县")
    rsub = p.add_subparsers(dest="regions_command", metavar="SUBCOMMAND", required=True)
    f = rsub.add_parser("find", help="按名称（可用简称，如 三坝乡、马山）或区划代码查找")
    f.add_argument("name", help="名称、简称或 6/9/12 位区划代码")
    f.add_argument("--county", help="只在这个县（市、区）内找：县级区划代码，例如 533401")
    f.add_argument("--json", action="store_true")
    f.set_defaults(func=cmd_find)


def cmd_find(args) -> int:
    from desktop.core.errors import UserError
    from desktop.regions import lookup
    from desktop.regions.data import dataset, describe

    ds = dataset()
    county = None
    if args.county:
        county = lookup.county_by_code(args.county)
        if county is None:
            raise UserError(f"县级区划代码 {args.county} 不在随附的区划表中，请核对（例如 533401 香格里拉市）。")
    text = "".join(args.name.split())
    if text.isdigit():
        found = [dict(describe(u, ds), rule=f"code:{s}") for s, u in ds.by_code(text)]
    else:
        found = [dict(describe(m.unit, ds), rule=m.rule, note=m.note or None)
                 for m in lookup.find(text, county=county, every_rule=True)]
    if args.json:
        print_json({"query": text, "county": describe(county, ds) if county else None, "matches": found})
        return 0 if found else 1
    if not found:
        print(f"没有找到“{text}”" + (f"（{county.name}内）" if county else "") + "。可以换正式名称或区划代码再试。")
        return 1
    labels = dict(lookup.RULE_LABELS, **{"code:nbs": "统计用区划代码", "code:mca": "民政部代码"})
    rows = [dict(r, how=labels.get(r["rule"], r["rule"]), state="" if r["current"] else "已撤并/仅统计用")
            for r in found]
    print_table(rows, [("name", "名称"), ("full_name", "所在"), ("nbs_code", f"统计用代码({ds.edition('nbs_code')})"),
                       ("mca_code", f"民政部代码({ds.edition('mca_code')})"), ("how", "匹配方式"), ("state", ""),
                       ("note", "说明")])
    if len({r["name"] + (r["county_code"] or "") for r in found}) > 1 and county is not None:
        print(f"注意：“{text}”在{county.name}内可指多个单位，请使用完整名称。")
    return 0
