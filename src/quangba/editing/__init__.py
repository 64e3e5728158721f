"""Editing and reports: what editors, reviewers and CI run outside the site generator (the ``quangba``
command: validate, scaffold, verify, publish schemas)."""
