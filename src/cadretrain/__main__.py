import sys

from cadretrain.cli import main

sys.exit(main())
