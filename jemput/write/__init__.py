"""The last stage: every file of the site planned as a job, then written through one place."""
