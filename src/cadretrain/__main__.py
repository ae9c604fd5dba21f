"""``python -m cadretrain``: the command line, as ``cadretrain``."""

import sys

from cadretrain.cli import main

sys.exit(main())
