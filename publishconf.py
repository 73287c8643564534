"""Settings for the published site: absolute URLs on the real domain."""

import os
import runpy
from pathlib import Path

# The published site is the local one (pelicanconf.py), plus what follows.
globals().update(
    (name, value) for name, value in runpy.run_path(str(Path(__file__).with_name("pelicanconf.py"))).items()
    if name.isupper()
)

SITEURL = os.environ.get("JEMPUT_SITEURL", "https://jemput.example.go.id")
RELATIVE_URLS = False
# Upcoming versus past is decided when the site is built: the daily scheduled build keeps it current.
OUTREACH_TODAY = os.environ.get("JEMPUT_TODAY") or None
DELETE_OUTPUT_DIRECTORY = True
