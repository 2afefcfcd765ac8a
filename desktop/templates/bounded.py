"""Rendering a template in a child process with a memory, time and output limit.

Why: templates arrive from clerks and by package from other offices. The checker and the sandbox cap
what they can see (filters, repetition, powers, loop depth), but a template is still a program: a
limit on the whole render is the backstop. The child gets an address-space limit (Linux/macOS:
RLIMIT_AS; Windows: a Job Object with a process-memory cap, desktop/platform/job_limit.py), the
sandbox counts loop iterations (sandbox.MAX_LOOP_ITERATIONS), the parent waits at
most TIME_S seconds and kills it, and a result larger than MAX_OUTPUT is refused. The child is
started with "spawn" (the same on every platform, and safe in a program that runs Qt threads).
"""
from __future__ import annotations

import logging
import multiprocessing
import sys

from desktop.core.errors import UserError

log = logging.getLogger("towndesk.templates")

MEMORY_MB = 1024          # the child's address space: Python + docxtpl + lxml need ~300 MB of it
TIME_S = 60
MAX_OUTPUT = 64 << 20     # bytes of the rendered .docx


def render_isolated(template: bytes, values: dict, label: str, *, memory_mb: int = MEMORY_MB,
                    time_s: float = TIME_S, max_output: int = MAX_OUTPUT) -> bytes:
    """The rendered .docx bytes, or a UserError in Chinese when the template breaks a limit."""
    ctx = multiprocessing.get_context("spawn")
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(send, template, values, label, memory_mb, max_output), daemon=True)
    child.start()
    send.close()
    try:
        if receive.poll(time_s):
            try:
                kind, payload = receive.recv()
            except (EOFError, OSError):
                kind, payload = "died", None
        else:
            kind, payload = "timeout", None
    finally:
        if child.is_alive():
            child.kill()
        child.join(5)
        receive.close()
    if kind == "ok":
        return payload
    if kind == "user":
        raise UserError(payload)
    if kind == "timeout":
        raise UserError(f"模板 {label} 生成文书超过 {int(time_s)} 秒仍未完成，已停止。"
                        "模板中的循环或文字可能过多，请简化模板（或请县级办公室检查该模板）后再试。")
    if kind == "too_big":
        size = f"{max_output >> 20} MB" if max_output >= 1 << 20 else f"{max_output >> 10} KB"
        raise UserError(f"模板 {label} 生成的文书超过 {size} 的上限，已停止。"
                        "请检查模板中的循环和重复内容。")
    if kind == "memory":
        raise UserError(f"模板 {label} 生成文书时超出内存上限（{memory_mb} MB），已停止。"
                        "模板中的循环或文字可能过多，请简化模板后再试。")
    raise UserError(f"模板 {label} 生成文书的子进程意外结束（可能超出内存上限 {memory_mb} MB），已停止，未生成文书。"
                    "请简化模板后再试；如果每个模板都这样，请联系技术支持。")


def limit_memory(memory_mb: int, *, platform: str | None = None, kernel32=None) -> str:
    """Cap this process's memory: RLIMIT_AS on Linux/macOS, a Job Object on Windows. Says which applied."""
    limit = memory_mb << 20
    if (platform or sys.platform) == "win32":
        from desktop.platform.job_limit import limit_own_memory

        try:
            limit_own_memory(limit, kernel32=kernel32)
            return "job"
        except OSError as e:  # the time and output limits still apply
            log.warning("template render: no memory limit (Job Object refused: %s)", e)
            return "none"
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        return "rlimit"
    except (ImportError, ValueError, OSError) as e:
        log.warning("template render: no memory limit (%s)", e)
        return "none"


def _child(send, template: bytes, values: dict, label: str, memory_mb: int, max_output: int = MAX_OUTPUT) -> None:
    """Runs in the child: limit memory, render, send back ("ok", bytes) or a reason."""
    limit_memory(memory_mb)
    try:
        from desktop.templates.render import render_bytes

        data = render_bytes(template, values, label)
        send.send(("too_big", None) if len(data) > max_output else ("ok", data))
    except UserError as e:
        send.send(("user", e.message))
    except MemoryError:
        send.send(("memory", None))
    finally:
        send.close()
