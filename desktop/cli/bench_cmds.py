"""bench: performance figures next to their floors, and generated data at scale (from the source tree only).

    towndesk bench [--quick] [--only startup,ledger,sync,county,excel,pdf] [--growth] [--json FILE]
    towndesk bench generate --out DIR --townships N --projects-per-township M [--attachments-mb X] [--seed S]
    towndesk bench postgres [--url URL] [--projects 200000]
"""
from __future__ import annotations

import sys
from pathlib import Path

from desktop.core.errors import UserError


def _bench_package(module: str = "run"):
    """bench.<module>: bench/ lives beside desktop/ in the source tree; a frozen build does not ship it."""
    root = Path(__file__).resolve().parents[2]
    if not (root / "bench" / "run.py").is_file():
        raise UserError("基准测试只能在源代码目录中运行（安装版不包含 bench/ 文件夹）。"
                        "请在源代码目录中运行：python -m bench")
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    from importlib import import_module  # by name, so PyInstaller does not pull bench/ into the frozen build

    return import_module(f"bench.{module}")


def register(sub) -> None:
    p = sub.add_parser("bench", help="性能基准（与同一次运行中测得的下限对比）；生成大规模测试数据")
    p.add_argument("--quick", action="store_true", help="较小规模、每项一次（约两分钟）")
    p.add_argument("--profile", choices=["full", "quick", "tiny"], help="规模：full（默认）、quick、tiny（冒烟测试）")
    p.add_argument("--only", help="只测这些项目（逗号分隔）：startup,ledger,sync,county,excel,pdf,views")
    p.add_argument("--repeat", type=int, help="每项取 N 次中最快的一次（默认：完整 3，快速 1）")
    p.add_argument("--growth", action="store_true", help="同时在十分之一规模下测量，报告增长倍数")
    p.add_argument("--no-growth", action="store_true", help="完整运行但不测增长")
    p.add_argument("--keep", metavar="DIR", help="生成的数据保留在此文件夹（默认用临时文件夹，结束后删除）")
    p.add_argument("--json", metavar="FILE", help="把结果写成 JSON 文件")
    p.add_argument("--markdown", metavar="FILE", help="把结果与增长倍数写成 Markdown 表格（docs/performance.md 的格式）")
    p.set_defaults(func=cmd_bench)
    ps = p.add_subparsers(dest="bench_command", metavar="ACTION")

    q = ps.add_parser("generate", help="生成确定性的大规模数据文件夹：县级办公室 + 已登记的乡镇 + 同步包")
    q.add_argument("--out", required=True, metavar="DIR", help="输出文件夹（须不存在或为空）")
    q.add_argument("--townships", type=int, required=True, metavar="N", help="乡镇个数（1–110）")
    q.add_argument("--projects-per-township", type=int, required=True, metavar="M", help="每个乡镇的项目数")
    q.add_argument("--attachments-mb", type=float, default=0.0, metavar="X",
                   help="每个乡镇的附件总量（MB），每个附件 0.2–3 MB")
    q.add_argument("--seed", type=int, default=1, help="随机种子：同一种子生成同样的数据")
    q.add_argument("--no-import", action="store_true", help="不把同步包导入县级办公室（留给基准测试计时）")
    q.add_argument("--bulk", action="store_true",
                   help="只生成一个县级数据文件夹，直接批量写入（无变更记录、无同步），用于台账/报表的大规模试用")
    q.set_defaults(func=cmd_generate)

    q = ps.add_parser("postgres", help="省级规模（20 万个项目）在 PostgreSQL 上的导入吞吐量与汇总查询")
    q.add_argument("--url", help="PostgreSQL 地址（可建库的用户），例如 postgresql+psycopg://td:td@127.0.0.1/td")
    q.add_argument("--database", default="td_bench", help="基准测试用的数据库名（会被删除重建），默认 td_bench")
    q.add_argument("--projects", type=int, default=200_000, help="项目数（默认 200000）")
    q.add_argument("--growth", action="store_true", help="同时在十分之一规模下测量")
    q.add_argument("--json", metavar="FILE", help="把结果写成 JSON 文件")
    q.set_defaults(func=cmd_postgres)


def cmd_bench(args) -> int:
    return _bench_package().run_from_args(args)


def cmd_generate(args) -> int:
    generate = _bench_package("generate")

    if not 1 <= args.townships <= 110:
        raise UserError(f"--townships {args.townships} 无效：一个县最多 110 个乡镇（区划代码三位中的两位），至少 1 个。")
    if args.projects_per_township < 1:
        raise UserError("--projects-per-township 至少为 1。")
    if args.attachments_mb < 0:
        raise UserError("--attachments-mb 不能为负数。")
    out = Path(args.out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise UserError(f"输出位置 {out} 已存在且不是空文件夹。请换一个新的文件夹名，以免覆盖已有数据。")
    if args.bulk:
        res = generate.generate_bulk(out, args.townships, args.projects_per_township, args.seed)
        print(f"已生成县级数据文件夹 {res['folder']}：{res['projects']} 个项目（批量写入，{res['rows']} 行，无变更记录）")
        return 0
    res = generate.generate_enrolled(out, args.townships, args.projects_per_township, args.attachments_mb,
                                     seed=args.seed, import_into_county=not args.no_import)
    print(f"已生成：{res['townships']} 个乡镇，{res['projects']} 个项目，{res['households']} 户受益户，"
          f"{res['attachments']} 个附件（{res['attachment_bytes'] / 1e6:.0f} MB），"
          f"{res['townships']} 个同步包（{res['package_bytes'] / 1e6:.0f} MB）")
    print(f"  县级办公室：{out / 'county'}" + ("（已导入全部同步包）" if not args.no_import else "（未导入）"))
    print(f"  乡镇：{out / 'townships'}/<区划代码>")
    print(f"  同步包：{out / 'packages'}")
    return 0


def cmd_postgres(args) -> int:
    return _bench_package("scale_postgres").run_from_args(args)
