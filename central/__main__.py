"""`python -m central`: the same as `desk central`."""

import sys

from central.cli import main

sys.exit(main())
