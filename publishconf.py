"""Settings for the published site: absolute URLs on the real domain."""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: F403,E402 - the published site is the local one, plus these

SITEURL = os.environ.get("JEMPUT_SITEURL", "https://jemput.example.go.id")
RELATIVE_URLS = False
# Upcoming versus past is decided when the site is built: the daily scheduled build keeps it current.
OUTREACH_TODAY = os.environ.get("JEMPUT_TODAY") or None
DELETE_OUTPUT_DIRECTORY = True
