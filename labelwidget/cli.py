"""The ``labelwidget`` command: ``labelwidget serve CONFIG DATA --store URL ...``."""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="labelwidget", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser(
        "serve", help="serve the labeling widget to annotators in a browser (no notebook)")
    serve.add_argument("config", help="the labeling config (Label Studio XML)")
    serve.add_argument("data", help="tasks: .csv, .jsonl, .json (records or Label Studio "
                                    "tasks) or .parquet; an 'id' column is the task id")
    serve.add_argument("--store", required=True,
                       help="where annotations go: a path, sqlite:///path or "
                            "postgresql://user:password@host:port/db")
    serve.add_argument("--overlap", default="1",
                       help='how many annotators label each task (a number, or "all")')
    serve.add_argument("--lease", type=float, default=300.0,
                       help="seconds a claimed task stays with an idle annotator")
    serve.add_argument("--port", type=int, default=8866)
    serve.add_argument("--ip", default="127.0.0.1",
                       help="address to listen on (0.0.0.0 to serve a network)")
    args = parser.parse_args(argv)
    from .config import ConfigError
    from .serve import TaskFileError  # ServeError is one, so is an unreadable data file
    from .serve import serve as run
    from .tasks import DataError

    try:
        return run(args.config, args.data, args.store, overlap=args.overlap, lease=args.lease,
                   port=args.port, ip=args.ip)
    except (TaskFileError, ConfigError, DataError) as exc:
        print(f"labelwidget serve: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
