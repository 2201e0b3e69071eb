"""`cnnstat memory`: will it fit? Memory of an inference or training step (no torch)."""

from __future__ import annotations

from typing import Optional

import typer

from cnnstat.cli import MODEL_HELP, ColumnsOpt, FormatOpt, WideOpt, app, check_format, fail


@app.command("memory")
def memory_cmd(
    model: str = typer.Argument(..., help=MODEL_HELP),
    batch: int = typer.Option(1, "--batch", "-b", help="Batch size."),
    dtype: str = typer.Option("fp32", "--dtype", help="fp32, fp16 or bf16. Without --amp "
                              "everything is stored in it (model.to(dtype))."),
    train: bool = typer.Option(False, "--train", help="A training step: weights, gradients, "
                               "optimizer state and the tensors saved for backward."),
    optimizer: Optional[str] = typer.Option(None, "--optimizer", help="With --train: sgd, "
                                            "momentum, adam (default) or adamw."),
    amp: bool = typer.Option(False, "--amp", help="With --train and --dtype fp16/bf16: "
                             "torch.autocast rules; weights, gradients and optimizer state "
                             "in fp32 (the master copy), conv/linear on --dtype copies."),
    budget: Optional[str] = typer.Option(None, "--budget", help="Also answer the largest "
                                         "batch that fits in this size, e.g. 24GiB or 80GB "
                                         "(GB = 10^9 bytes, GiB = 2^30 bytes)."),
    device: str = typer.Option("cuda", "--device", help="Whose saved-tensor rules: cuda "
                               "(default) or cpu (they differ for dropout's mask)."),
    input: Optional[str] = typer.Option(None, "--input", "-i",
                                        help="Override the input shape, CxHxW."),
    fmt: str = FormatOpt,
    wide: bool = WideOpt,
    columns: Optional[str] = ColumnsOpt,
) -> None:
    """Memory of one step, per layer: weights, then for inference the peak of live
    activations (liveness walk: a tensor dies after its last reader; in-place ReLU
    allocates nothing) and what is alive there; for training, gradients, optimizer state
    and every tensor autograd keeps for backward, with the peak at the start of backward."""
    from cnnstat.errors import SpecError
    from cnnstat.mem import largest_batch, memory, parse_size
    from cnnstat.mem.estimate import MAX_BATCH
    from cnnstat.mem.report import memory_report
    from cnnstat.render.formats import emit
    from cnnstat.render.report import pick
    from cnnstat.spec.order import parse_input
    from cnnstat.models.zoo import load

    try:
        check_format(fmt)
        limit = parse_size(budget) if budget is not None else None
        shape = parse_input(input) if input is not None else None
        spec = load(model, input=shape)

        def run(b: int):
            return memory(spec, batch=b, train=train, dtype=dtype, optimizer=optimizer,
                          amp=amp, device=device, input=shape)

        m = run(batch)
        fit = None
        if limit is not None:
            def cost(b: int) -> tuple[int, int]:
                r = run(b)
                return r.fixed, r.per_sample

            fit = largest_batch(limit, cost, MAX_BATCH)
        report = pick(memory_report(m, fit), columns)
    except SpecError as err:
        fail(err)
    emit(report, fmt, wide=wide)
