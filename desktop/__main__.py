import multiprocessing

if __name__ == "__main__":
    multiprocessing.freeze_support()  # a frozen build's child processes (template rendering) start here
    from desktop.cli.main import main

    raise SystemExit(main())
