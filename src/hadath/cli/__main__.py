from __future__ import annotations

import sys

from hadath.cli import main

sys.exit(main())
