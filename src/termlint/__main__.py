from termlint.cli import main

raise SystemExit(main())
